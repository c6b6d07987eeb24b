// nothing-named-for-other-environment: a stack is production or staging, and nothing in it is named for the other
// one. Baselines: the real synth of each stack.
import * as assert from "node:assert/strict";
import { evaluate, expectClean, expectViolation } from "../fixtures/policy/evaluate";
import { addCopy, inputsOf, mutate, useBaselines } from "../fixtures/policy/baseline";

const P = "nothing-named-for-other-environment";

describe(`policy ${P}`, () => {
  const stacks = useBaselines();

  it("baseline: production passes", () => expectClean(stacks.production, P));
  it("baseline: staging passes (its StackReference names production by design)", async () => {
    await expectClean(stacks.staging, P);
    assert.match(String(inputsOf(stacks.staging, "project-owner").name), /production$/);
  });

  it("mutation: staging's monitoring component copied into production → violation on the copy", () =>
    expectViolation(
      mutate(stacks.production, (s) => addCopy(s, "monitoring", "chef-chopsky-staging-monitoring")),
      P,
      /resource name "chef-chopsky-staging-monitoring" is named for staging\./,
      "chef-chopsky-staging-monitoring",
    ));
  it("mutation: a staging monitor whose friendly name is production's → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) => (inputsOf(s, "monitoring-agent").friendlyName = "Chef Chopsky prod agent")),
      P,
      /friendlyName "Chef Chopsky prod agent" is named for production\./,
      "monitoring-agent",
    ));
  it("mutation: production's GitHub environment renamed staging → violation", () =>
    expectViolation(
      mutate(stacks.production, (s) => (inputsOf(s, "github-environment").environment = "staging")),
      P,
      /environment "staging" is named for staging\./,
    ));
  it("mutation: a description naming production, in staging → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) => (inputsOf(s, "monitoring-frontend").description = "copy of the production one")),
      P,
      /description "copy of the production one"/,
    ));
  it("mutation: the stack renamed dev → the stack is refused, and nothing else runs", async () => {
    const dev = mutate(stacks.production, (s) => {
      s.stack = "dev";
      for (const r of s.resources) r.urn = r.urn.replace("urn:pulumi:production::", "urn:pulumi:dev::");
    });
    await expectViolation(
      dev,
      P,
      /stack "dev" is not one of the declared environments \(production, staging\); the isolation rules cannot apply/,
    );
    assert.deepEqual(
      (await evaluate(dev)).map((v) => v.policy),
      [P],
    );
  });
  it("mutation: names that merely contain the letters (products-staged) → still passes", () =>
    expectClean(
      mutate(stacks.production, (s) => addCopy(s, "monitoring", "products-staged")),
      P,
    ));
  it("mutation: a name that names both environments (staging-reads-production) → still passes", () =>
    expectClean(
      mutate(stacks.production, (s) => addCopy(s, "monitoring", "staging-reads-production")),
      P,
    ));
  it("mutation: the stack renamed dev, its root listed last → still reported on the root", () =>
    expectViolation(
      mutate(stacks.production, (s) => {
        for (const r of s.resources) r.urn = r.urn.replace("urn:pulumi:production::", "urn:pulumi:dev::");
        s.resources.push(s.resources.shift()!);
      }),
      P,
      /stack "dev" is not one of/,
      "pulumi:pulumi:Stack::chef-chopsky-production",
    ));
});
