// `npm run policy -- --synth FILE`, in-process: exit codes and JSON output. The one run starts the real pack afresh
// (runPolicy, what dev/plan.ts calls); the bad-input cases never reach the pack. The text output is checked in
// policy-e2e, on its shared pack.
import * as assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { EXIT, main } from "../dev/policy";
import type { Violation } from "../dev/policy/session";
import { inputsOf, mutate, synthFile } from "./fixtures/policy/baseline";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) } };
}

describe("npm run policy (CLI)", function () {
  this.timeout(120_000); // the first synth of the run may fall to this file (cached for the others)
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), "policy-cli-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 1 on a mandatory violation and prints it as JSON with --json", async () => {
    const bad = mutate(
      await synthFile("staging"),
      (s) => (inputsOf(s, "frontend-env-preview-supabase-secret-key").targets = ["production"]),
    );
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(bad));
    const t = io();
    assert.equal(await main(["--synth", file, "--json"], t.io), EXIT.mandatory);
    const result = JSON.parse(t.out.join("")) as { violations: Violation[]; mandatory: number };
    assert.equal(result.mandatory, 1);
    assert.equal(result.violations[0].policyName, "vercel-target-matches-stack");
    assert.equal(result.violations[0].resourceName, "chef-chopsky-staging-frontend-env-preview-supabase-secret-key");
  });

  it("exits 2 without exactly one of --stack and --synth", async () => {
    const t = io();
    assert.equal(await main([], t.io), EXIT.badInput);
    assert.match(t.err.join(""), /exactly one of --stack <name> or --synth <file>/);
    assert.equal(await main(["--stack", "staging", "--synth", "x.json"], io().io), EXIT.badInput);
  });

  it("exits 2 on a missing, non-JSON or malformed synth file", async () => {
    assert.equal(await main(["--synth", path.join(dir, "nope.json")], io().io), EXIT.badInput);
    const notJson = path.join(dir, "not.json");
    writeFileSync(notJson, "{");
    const t = io();
    assert.equal(await main(["--synth", notJson], t.io), EXIT.badInput);
    assert.match(t.err.join(""), /is not JSON/);
    const malformed = path.join(dir, "malformed.json");
    writeFileSync(
      malformed,
      JSON.stringify({ project: "chef-chopsky", stack: "staging", resources: [{ urn: "nope" }] }),
    );
    const m = io();
    assert.equal(await main(["--synth", malformed], m.io), EXIT.badInput);
    assert.match(m.err.join(""), /resources\.0\.urn: expected a URN/);
  });

  it("exits 2 on an unknown option", async () => {
    assert.equal(await main(["--stak", "x"], io().io), EXIT.badInput);
  });
});
