// End to end over the real protocol: the real pack (policy/) started once as a child exactly as the CLI starts it,
// the real synth of both stacks, and one mutation of it per class of violation, each written to a file and analysed
// through Analyze/AnalyzeStack over gRPC. The cases use the synth as the CLI presents it to a pack (secret inputs
// sent wrapped, in plaintext: offline, placeholders); the synth files as `npm run synth -- --json` writes them
// (secret values "[secret]") pass too, and feed the CLI's text output.
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ruleMetas } from "../policy/rules";
import { EXIT, main } from "../dev/policy";
import type { PolicySession, PolicyResult } from "../dev/policy/session";
import { SynthJsonError, type SynthJson } from "../dev/policy/synth-json";
import { inputsOf, mutate, resourceOf, useBaselines } from "./fixtures/policy/baseline";
import { CASES, caseSynth, expectedName, OPENAI, type Stacks } from "./fixtures/policy/cases";
import { sharedPolicySession } from "./fixtures/policy/session";

describe("policy pack end to end (analyzer protocol)", function () {
  this.timeout(60_000); // the pack's start-up, when this file is the first to use it
  const stacks: Stacks = useBaselines();
  const files: Stacks = useBaselines("file");
  let session: PolicySession;
  let dir: string;
  const runFile = async (name: string, synth: SynthJson): Promise<PolicyResult> => {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(synth, null, 2));
    return session.run(JSON.parse(readFileSync(file, "utf8")));
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "policy-e2e-"));
    session = await sharedPolicySession();
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("describes itself (GetAnalyzerInfo): name, version, every rule with its level", () => {
    assert.equal(session.info.name, "chef-chopsky-isolation");
    assert.equal(session.info.version, "0.1.0");
    const levels = Object.fromEntries(session.info.policies.map((p) => [p.name, p.enforcementLevel]));
    assert.deepEqual(levels, Object.fromEntries(ruleMetas.map((m) => [m.name, m.enforcementLevel])));
  });

  it("passes both compliant stacks, as the CLI presents them and as the synth writes them", async () => {
    assert.deepEqual((await runFile("production", stacks.production)).violations, []);
    assert.deepEqual((await runFile("staging", stacks.staging)).violations, []);
    assert.deepEqual((await runFile("production-file", files.production)).violations, []);
    assert.deepEqual((await runFile("staging-file", files.staging)).violations, []);
  });

  for (const c of CASES) {
    it(`reports ${c.file} as ${c.policy} (${c.level})`, async () => {
      const synth = caseSynth(c, stacks);
      const result = await runFile(c.file, synth);
      const hits = result.violations.filter((v) => v.policyName === c.policy);
      assert.ok(hits.length > 0, `expected ${c.policy}, got ${JSON.stringify(result.violations, null, 1)}`);
      const v = hits[0];
      assert.equal(v.enforcementLevel, c.level);
      assert.equal(v.resourceName, expectedName(synth, c.resource));
      assert.equal(v.stack, c.stack);
      assert.equal(v.policyPackName, "chef-chopsky-isolation");
      assert.match(v.description, /^Runbook, /);
      assert.ok(!v.message.includes(OPENAI), "a violation message must never carry the secret");
      assert.equal(result.mandatory, result.violations.filter((x) => x.enforcementLevel === "mandatory").length);
      assert.equal(result.mandatory > 0, c.level === "mandatory");
    });
  }

  it("passes the synth's own shape (a whole secret map, a described __provider, secretOutputs)", async () => {
    const vars = resourceOf(files.staging, "agent-variables");
    assert.equal(vars.inputs.variables, "[secret]");
    assert.match(String(vars.inputs.__provider), /^\[serialized dynamic provider, \d+ characters\]$/);
    const synthLike = mutate(files.staging, (s) => {
      s.outputs.dbPassword = "[secret]";
      s.secretOutputs = ["dbPassword"];
    });
    assert.deepEqual((await runFile("synth-shape", synthLike)).violations, []);
  });

  it("fails a stack that is neither production nor staging", async () => {
    const dev = mutate(stacks.production, (s) => {
      s.stack = "dev";
      for (const r of s.resources) r.urn = r.urn.replace("urn:pulumi:production::", "urn:pulumi:dev::");
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
      writeFileSync(file, JSON.stringify(files.production));
      const t = capture();
      assert.equal(await main(["--synth", file], t.io, session), EXIT.clean);
      assert.equal(t.out.join(""), "policy: stack production: no violations\n");
    });
    it("exits 0 with advisory violations only, and prints them", async () => {
      const advisory = mutate(
        files.production,
        (s) => (inputsOf(s, "frontend-env-production-next-public-app-env").comment = "?"),
      );
      const file = path.join(dir, "advisory.json");
      writeFileSync(file, JSON.stringify(advisory));
      const t = capture();
      assert.equal(await main(["--synth", file], t.io, session), EXIT.clean);
      assert.match(
        t.out.join(""),
        /\[advisory\] secrets-documented-in-catalog {2}chef-chopsky-production-frontend-env-production-next-public-app-env/,
      );
      assert.match(t.out.join(""), /0 mandatory, 1 advisory violation/);
    });
  });
});
