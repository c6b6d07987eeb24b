// End to end over the real protocol: the real pack (policy/) started once as a child exactly as the CLI starts it,
// synth files on disk with each class of violation, every one analysed through Analyze/AnalyzeStack over gRPC.
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ruleMetas } from "../policy/rules";
import { EXIT, main } from "../dev/policy";
import { PolicySession, type PolicyResult } from "../dev/policy/session";
import { SynthJsonError, type SynthJson } from "../dev/policy/synth-json";
import { CASES, OPENAI, prod, staging } from "./fixtures/policy/cases";
import { byName, mutate, rootUrn } from "./fixtures/policy/stacks";

describe("policy pack end to end (analyzer protocol)", function () {
  this.timeout(60_000); // the start-up, slow only when the pack runs from its TypeScript (no current build)
  let session: PolicySession;
  let dir: string;
  const runFile = async (name: string, synth: SynthJson): Promise<PolicyResult> => {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(synth, null, 2));
    return session.run(JSON.parse(readFileSync(file, "utf8")));
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "policy-e2e-"));
    session = await PolicySession.start();
  });
  after(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("describes itself (GetAnalyzerInfo): name, version, every rule with its level", () => {
    assert.equal(session.info.name, "chef-chopsky-isolation");
    assert.equal(session.info.version, "0.1.0");
    const levels = Object.fromEntries(session.info.policies.map((p) => [p.name, p.enforcementLevel]));
    assert.deepEqual(levels, Object.fromEntries(ruleMetas.map((m) => [m.name, m.enforcementLevel])));
  });

  it("passes both compliant stacks", async () => {
    assert.deepEqual((await runFile("production", prod)).violations, []);
    assert.deepEqual((await runFile("staging", staging)).violations, []);
  });

  for (const c of CASES) {
    it(`reports ${c.file} as ${c.policy} (${c.level})`, async () => {
      const result = await runFile(c.file, c.synth);
      const hits = result.violations.filter((v) => v.policyName === c.policy);
      assert.ok(hits.length > 0, `expected ${c.policy}, got ${JSON.stringify(result.violations, null, 1)}`);
      const v = hits[0];
      assert.equal(v.enforcementLevel, c.level);
      assert.equal(v.resourceName, c.resource);
      assert.equal(v.stack, c.synth.stack);
      assert.equal(v.policyPackName, "chef-chopsky-isolation");
      assert.match(v.description, /^Runbook, /);
      assert.ok(!v.message.includes(OPENAI), "a violation message must never carry the secret");
      assert.equal(result.mandatory, result.violations.filter((x) => x.enforcementLevel === "mandatory").length);
      assert.equal(result.mandatory > 0, c.level === "mandatory");
    });
  }

  it("passes the synth's own shape (a whole secret map, a described __provider, secretOutputs)", async () => {
    const synthLike = mutate(staging, (s) => {
      const r = byName(s, "agent-variables-staging");
      Object.assign(r, {
        inputs: { ...r.inputs, variables: "[secret]", __provider: "[serialized dynamic provider, 9000 characters]" },
      });
      r.secretInputs = ["variables"];
      s.outputs.dbPassword = "[secret]";
      s.secretOutputs = ["dbPassword"];
    });
    assert.deepEqual((await runFile("synth-shape", synthLike)).violations, []);
  });

  it("fails a stack that is neither production nor staging", async () => {
    const dev = mutate(prod, (s) => {
      s.stack = "dev";
      s.resources = [{ ...s.resources[0], urn: rootUrn("dev") }];
    });
    const result = await runFile("dev", dev);
    assert.deepEqual(
      result.violations.map((v) => v.policyName),
      ["nothing-named-for-other-environment"],
    );
  });

  it("rejects a malformed synth JSON before any RPC", async () => {
    await assert.rejects(session.run({ project: "chef-chopsky", resources: [{ urn: "x" }] }), SynthJsonError);
  });
  describe("npm run policy -- --synth FILE (text output, on this pack)", () => {
    const capture = () => {
      const out: string[] = [];
      return { out, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t) } };
    };
    it("exits 0 on a clean stack and prints the summary", async () => {
      const file = path.join(dir, "clean.json");
      writeFileSync(file, JSON.stringify(prod));
      const t = capture();
      assert.equal(await main(["--synth", file], t.io, session), EXIT.clean);
      assert.equal(t.out.join(""), "policy: stack production: no violations\n");
    });
    it("exits 0 with advisory violations only, and prints them", async () => {
      const advisory = mutate(prod, (s) => (byName(s, "frontend-production-NEXT_PUBLIC_APP_ENV").inputs.comment = "?"));
      const file = path.join(dir, "advisory.json");
      writeFileSync(file, JSON.stringify(advisory));
      const t = capture();
      assert.equal(await main(["--synth", file], t.io, session), EXIT.clean);
      assert.match(
        t.out.join(""),
        /\[advisory\] secrets-documented-in-catalog {2}frontend-production-NEXT_PUBLIC_APP_ENV/,
      );
      assert.match(t.out.join(""), /0 mandatory, 1 advisory violation/);
    });
  });
});
