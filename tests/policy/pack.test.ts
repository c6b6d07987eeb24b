// The pack as a whole: every rule's metadata, and the baselines every spec mutates (the real synth of each stack)
// pass every policy. The sanity checks here keep the specs honest: the baselines hold every kind of resource the
// rules look at, and the policy view shows the values the Vercel SDK hides in the synth file.
import * as assert from "node:assert/strict";
import { ruleMetas } from "../../policy/rules";
import { evaluate, expectClean } from "../fixtures/policy/evaluate";
import { inputsOf, ofType, resourceOf, useBaselines } from "../fixtures/policy/baseline";
import { GH_ENV, GH_POLICY, GH_SECRET, VERCEL_PROJECT, VERCEL_VAR } from "../harness";

describe("policy pack: metadata", () => {
  it("names every rule once, quotes the runbook and sets a level", () => {
    const names = ruleMetas.map((m) => m.name);
    assert.equal(new Set(names).size, names.length);
    for (const m of ruleMetas) {
      assert.match(m.name, /^[a-z]+(-[a-z]+)+$/, `${m.name} must be kebab-case`);
      assert.match(m.description, /^Runbook, [^"]+"[^"]{5,}"/, `${m.name} must quote the runbook`);
      assert.ok(["advisory", "mandatory"].includes(m.enforcementLevel));
    }
  });
});

describe("policy pack: the baselines (real synth of each stack)", () => {
  const stacks = useBaselines();
  const files = useBaselines("file");

  it("production passes every policy", () => expectClean(stacks.production));
  it("staging passes every policy", () => expectClean(stacks.staging));
  it("the synth files as written (secret values hidden) pass every policy too", async () => {
    assert.deepEqual(await evaluate(files.production), []);
    assert.deepEqual(await evaluate(files.staging), []);
  });

  it("hold every kind of resource the rules look at", () => {
    for (const s of [stacks.production, stacks.staging]) {
      const count = (type: string) => ofType(s, type).length;
      assert.equal(count(GH_ENV), 1, s.stack);
      assert.ok(count(GH_POLICY) >= 1, s.stack);
      assert.ok(count(GH_SECRET) >= 10, s.stack);
      assert.equal(count(VERCEL_VAR), s.stack === "production" ? 6 : 12);
      assert.ok(count("command:local:Command") >= 1, `${s.stack}: the agent deploy (agentCommit is set)`);
      assert.equal(resourceOf(s, "agent-deploy").type, "command:local:Command");
      for (const t of ["railway:ServiceVariables", "supabase:AuthSettings", "uptimerobot:Monitor"])
        assert.equal(count(`pulumi-nodejs:dynamic/${t}`) > 0, true, `${s.stack} ${t}`);
    }
    assert.equal(ofType(stacks.production, VERCEL_PROJECT).length, 1);
    assert.equal(ofType(stacks.staging, "pulumi:pulumi:StackReference").length, 1);
  });

  it("show the policy the values the CLI shows it, where the synth file shows [secret]", () => {
    const url = "frontend-env-production-next-public-supabase-url";
    assert.equal(inputsOf(files.production, url).value, "[secret]", "the Vercel SDK marks every value secret");
    assert.match(String(inputsOf(stacks.production, url).value), /^https:\/\/[a-z]{20}\.supabase\.co$/);
    assert.equal(inputsOf(stacks.production, url).sensitive, false, "the program writes the Supabase URL plain");
    const key = inputsOf(stacks.production, "frontend-env-production-supabase-secret-key");
    assert.equal(key.sensitive, true);
    assert.match(String(key.value), /^synth-placeholder-secret:production:/, "offline, secrets are placeholders");
  });

  it("are frozen: a spec must mutate a copy", () => {
    assert.throws(() => {
      (inputsOf(stacks.production, "github-branch-main") as { branchPattern: string }).branchPattern = "*";
    }, TypeError);
  });
  it("a stack without its root resource, or with no resource at all → no policy crashes", async () => {
    for (const s of [stacks.production, stacks.staging]) {
      const rootless = { ...s, resources: s.resources.filter((r) => r.type !== "pulumi:pulumi:Stack") };
      const found = await evaluate(rootless);
      assert.ok(
        found.every((v) => v.policy !== "no-secret-or-foreign-host-in-outputs"),
        JSON.stringify(found),
      );
      assert.deepEqual(await evaluate({ ...s, resources: [] }), []);
    }
  });
});
