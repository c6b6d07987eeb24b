// The policy pack started from its TypeScript sources (as before the build existed, and as now when the build is stale)
// and from its compiled build (as it starts now): over the analyzer protocol, the same verdicts, violation for violation, on the
// real stacks, the compliant baselines and every end-to-end violation case. (Every in-process rule case compares the
// TypeScript rules with the compiled ones as well: tests/fixtures/policy/evaluate.ts.)
import * as assert from "node:assert/strict";
import { PolicySession } from "../dev/policy/session";
import type { SynthJson } from "../dev/policy/synth-json";
import { policyView, synthStack } from "../dev/synth/index";
import { freshBuild } from "../lib/compiled";
import { ENVIRONMENT_NAMES } from "../lib/environments";
import { useBaselines } from "./fixtures/policy/baseline";
import { CASES, caseSynth } from "./fixtures/policy/cases";
import { sharedPolicySession } from "./fixtures/policy/session";

describe("policy pack: compiled build and TypeScript give the same verdicts", function () {
  this.timeout(120_000); // two packs start
  const stacks = useBaselines();
  let fromSource: PolicySession | undefined;
  let fromBuild: PolicySession | undefined;

  before(async () => {
    assert.ok(freshBuild("policy/pack"), "the compiled pack is not current: run `npm run build`");
    [fromSource, fromBuild] = await Promise.all([
      PolicySession.start({ env: { CHEF_CHOPSKY_FROM_SOURCE: "1" } }),
      sharedPolicySession(),
    ]);
  });
  after(async () => {
    await fromSource?.close();
  });

  it("describe themselves alike (GetAnalyzerInfo)", () => {
    assert.deepEqual(fromBuild!.info, fromSource!.info);
    assert.ok(fromBuild!.info.policies.length > 10);
  });

  it("on the real stacks, the baselines and every violation case", async () => {
    const corpus: [string, SynthJson][] = [
      ["baseline production", stacks.production],
      ["baseline staging", stacks.staging],
      ...CASES.map((c): [string, SynthJson] => [c.file, caseSynth(c, stacks)]),
    ];
    for (const stack of ENVIRONMENT_NAMES)
      corpus.push([`real ${stack}`, policyView(await synthStack(stack)) as SynthJson]);
    let violations = 0;
    for (const [name, synth] of corpus) {
      const [before, after] = await Promise.all([fromSource!.run(synth), fromBuild!.run(synth)]);
      assert.deepEqual(after, before, name);
      violations += after.violations.length;
    }
    assert.ok(violations >= CASES.length, "the corpus holds violations, not only clean stacks");
  });
});
