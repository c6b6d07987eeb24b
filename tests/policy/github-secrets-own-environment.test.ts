// github-secrets-in-own-environment: GitHub secrets live only in the GitHub environment named like the stack, never
// at repository or organization level. Baselines: the real synth of each stack.
import * as assert from "node:assert/strict";
import { evaluate, expectClean, expectViolation } from "../fixtures/policy/evaluate";
import { addCopy, inputsOf, mutate, useBaselines } from "../fixtures/policy/baseline";

const P = "github-secrets-in-own-environment";

describe(`policy ${P}`, () => {
  const stacks = useBaselines();

  it("baseline: production passes", () => expectClean(stacks.production, P));
  it("baseline: staging passes", () => expectClean(stacks.staging, P));

  it("mutation: a production secret written to the staging environment → violation", () =>
    expectViolation(
      mutate(stacks.production, (s) => (inputsOf(s, "github-secret-production-supabase-url").environment = "staging")),
      P,
      /environment is "staging" but this is the production stack; expected "production"/,
      "github-secret-production-supabase-url",
    ));
  for (const [type, kind] of [
    ["github:index/actionsSecret:ActionsSecret", "ActionsSecret"],
    ["github:index/actionsOrganizationSecret:ActionsOrganizationSecret", "ActionsOrganizationSecret"],
    ["github:index/dependabotSecret:DependabotSecret", "DependabotSecret"],
  ]) {
    it(`mutation: the secret as a ${kind} (no environment gate) → violation`, () =>
      expectViolation(
        mutate(stacks.production, (s) => {
          const r = addCopy(s, "github-secret-langchain-api-key", "unscoped", { type });
          delete r.inputs.environment;
        }),
        P,
        new RegExp(
          `LANGCHAIN_API_KEY is a ${kind}: write it as an ActionsEnvironmentSecret of environment "production"`,
        ),
        "unscoped",
      ));
  }
  it("mutation: staging's GitHub environment named production → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) => (inputsOf(s, "github-environment").environment = "production")),
      P,
      /environment is "production" but this is the staging stack/,
      "github-environment",
    ));
  it("mutation: a deployment policy of the other environment → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) => (inputsOf(s, "github-branch-feat").environment = "production")),
      P,
      /environment is "production" but this is the staging stack/,
      "github-branch-feat",
    ));
  it("mutation: a secret without an environment → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) => delete inputsOf(s, "github-secret-sentry-dsn").environment),
      P,
      /environment is not set; expected "staging"/,
    ));
  it("mutation: GitHub's case-insensitive spelling (Production) → still passes", async () => {
    const ok = mutate(
      stacks.production,
      (s) => (inputsOf(s, "github-secret-railway-token").environment = "Production"),
    );
    assert.deepEqual(await evaluate(ok, P), []);
  });
  it("mutation: an unnamed repository secret → violation naming it unnamed", () =>
    expectViolation(
      mutate(stacks.production, (s) => {
        const r = addCopy(s, "github-secret-langchain-api-key", "unscoped", {
          type: "github:index/actionsSecret:ActionsSecret",
        });
        delete r.inputs.secretName;
      }),
      P,
      /^\(unnamed\) is a ActionsSecret/,
    ));
});
