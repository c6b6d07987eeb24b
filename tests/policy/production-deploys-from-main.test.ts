// production-deploys-from-main-only: the real synth of each stack passes; each mutation of production's GitHub
// environment or deployment policies that lets more than `main` deploy is one violation.
import * as assert from "node:assert/strict";
import { evaluate, expectClean, expectViolation } from "../fixtures/policy/evaluate";
import { addCopy, inputsOf, mutate, ofType, useBaselines } from "../fixtures/policy/baseline";
import { GH_POLICY } from "../harness";

const P = "production-deploys-from-main-only";
const ENV = "github-environment";
const MAIN = "github-branch-main";

describe(`policy ${P}`, () => {
  const stacks = useBaselines();
  const prod = (change: (inputs: Record<string, unknown>) => void, suffix = ENV) =>
    mutate(stacks.production, (s) => change(inputsOf(s, suffix)));

  it("baseline: production passes (one policy, branch main, custom branch policies only)", async () => {
    await expectClean(stacks.production, P);
    const patterns = ofType(stacks.production, GH_POLICY).map((r) => r.inputs.branchPattern);
    assert.deepEqual(patterns, ["main"]);
  });
  it("baseline: staging passes with its staging, feat/* and feature/* patterns", async () => {
    await expectClean(stacks.staging, P);
    const patterns = ofType(stacks.staging, GH_POLICY).map((r) => r.inputs.branchPattern);
    assert.deepEqual([...patterns].sort(), ["feat/*", "feature/*", "staging"]);
  });

  it("mutation: no deploymentBranchPolicy → every branch can deploy", () =>
    expectViolation(
      prod((i) => delete i.deploymentBranchPolicy),
      P,
      /deploymentBranchPolicy is not set, so every branch can deploy to production/,
      ENV,
    ));
  it("mutation: protected branches instead of custom ones → both flags reported", async () => {
    const bad = prod((i) => (i.deploymentBranchPolicy = { protectedBranches: true, customBranchPolicies: false }));
    await expectViolation(bad, P, /protectedBranches is true: every protected branch \(staging too\)/, ENV);
    await expectViolation(bad, P, /customBranchPolicies must be true, with the single branch "main"/, ENV);
  });
  it("mutation: both flags set at once → protectedBranches reported, and only that", async () => {
    const bad = prod((i) => (i.deploymentBranchPolicy = { protectedBranches: true, customBranchPolicies: true }));
    const found = await evaluate(bad, P);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(found[0].message, /protectedBranches is true/);
  });
  it("mutation: customBranchPolicies false → violation", () =>
    expectViolation(
      prod((i) => (i.deploymentBranchPolicy = { protectedBranches: false, customBranchPolicies: false })),
      P,
      /customBranchPolicies must be true/,
      ENV,
    ));
  it("mutation: customBranchPolicies absent → violation", () =>
    expectViolation(
      prod((i) => (i.deploymentBranchPolicy = { protectedBranches: false })),
      P,
      /customBranchPolicies must be true/,
      ENV,
    ));

  for (const pattern of ["*", "main-hotfix", "main/**", "main*", "mainline", "staging"]) {
    it(`mutation: branchPattern "${pattern}" → more than main deploys`, () =>
      expectViolation(
        prod((i) => (i.branchPattern = pattern), MAIN),
        P,
        new RegExp(`branchPattern "${pattern.replace(/\*/g, "\\*")}" lets more than "main" deploy to production`),
        MAIN,
      ));
  }
  it("mutation: a second deployment policy for staging → violation on that policy", () =>
    expectViolation(
      mutate(stacks.production, (s) => addCopy(s, MAIN, "extra-branch", { inputs: { branchPattern: "staging" } })),
      P,
      /branchPattern "staging" lets more than "main" deploy/,
      "extra-branch",
    ));
  it("mutation: a tag pattern → tags could deploy", () =>
    expectViolation(
      mutate(stacks.production, (s) => {
        const tags = addCopy(s, MAIN, "tags", { inputs: { tagPattern: "v*" } });
        delete tags.inputs.branchPattern;
      }),
      P,
      /tagPattern "v\*" lets tags deploy to production/,
      "tags",
    ));
  it("mutation: neither a branch nor a tag pattern → violation", () =>
    expectViolation(
      prod((i) => delete i.branchPattern, MAIN),
      P,
      /branchPattern is not set; expected "main"/,
      MAIN,
    ));
  it("mutation: an empty tag pattern beside branch main → still passes", async () => {
    assert.deepEqual(
      await evaluate(
        prod((i) => (i.tagPattern = ""), MAIN),
        P,
      ),
      [],
    );
  });
  it("mutation: environment spelled Production (GitHub ignores case) → still checked", () =>
    expectViolation(
      prod((i) => Object.assign(i, { environment: "Production", branchPattern: "main-hotfix" }), MAIN),
      P,
      /branchPattern "main-hotfix"/,
    ));
  it("mutation: staging's environment with a wildcard → not this rule's business", async () => {
    const s = mutate(stacks.staging, (x) => (inputsOf(x, "github-branch-staging").branchPattern = "*"));
    assert.deepEqual(await evaluate(s, P), []);
  });
  it("mutation: deploymentBranchPolicy null → treated as not set, with the fix in the message", () =>
    expectViolation(
      prod((i) => (i.deploymentBranchPolicy = null)),
      P,
      /set \{ protectedBranches: false, customBranchPolicies: true \} and one deployment policy for "main"\.$/,
      ENV,
    ));
  it("mutation: branchPattern removed, tagPattern empty → not set", () =>
    expectViolation(
      prod((i) => {
        delete i.branchPattern;
        i.tagPattern = "";
      }, MAIN),
      P,
      /branchPattern is not set; expected "main"/,
      MAIN,
    ));
  it("mutation: a tag pattern alone → reported once, as a tag", async () => {
    const bad = prod((i) => {
      delete i.branchPattern;
      i.tagPattern = "v*";
    }, MAIN);
    assert.deepEqual(
      (await evaluate(bad, P)).map((v) => v.message),
      ['tagPattern "v*" lets tags deploy to production; only "main" may.'],
    );
  });
});
