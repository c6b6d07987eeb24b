// catalog-secrets-are-sensitive: a Vercel variable that carries a catalog secret, or has a secret-like key, is
// `sensitive: true`; false and absent are the same to Vercel (readable back). Baselines: the real synth.
import * as assert from "node:assert/strict";
import { evaluate, expectClean, expectViolation } from "../fixtures/policy/evaluate";
import { addCopy, inputsOf, mutate, useBaselines } from "../fixtures/policy/baseline";

const P = "catalog-secrets-are-sensitive";
const PUBLISHABLE = "frontend-env-preview-next-public-supabase-publishable-key";
const SECRET_KEY = "frontend-env-production-supabase-secret-key";

describe(`policy ${P}`, () => {
  const stacks = useBaselines();

  it("baseline: production passes", () => expectClean(stacks.production, P));
  it("baseline: staging passes, where the plain NEXT_PUBLIC_SUPABASE_URL is not sensitive", async () => {
    await expectClean(stacks.staging, P);
    const url = inputsOf(stacks.staging, "frontend-env-preview-next-public-supabase-url");
    assert.deepEqual([url.comment, url.sensitive], ["plain", false]);
  });

  it("mutation: a catalog secret with sensitive false → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) => (inputsOf(s, PUBLISHABLE).sensitive = false)),
      P,
      /NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY carries the catalog secret STAGING_SUPABASE_PUBLISHABLE_KEY but is not sensitive/,
      PUBLISHABLE,
    ));
  it("mutation: a catalog secret with the sensitive flag absent → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) => delete inputsOf(s, PUBLISHABLE).sensitive),
      P,
      /carries the catalog secret STAGING_SUPABASE_PUBLISHABLE_KEY but is not sensitive/,
      PUBLISHABLE,
    ));
  it("mutation: a secret-like key marked plain and not sensitive → violation", () =>
    expectViolation(
      mutate(stacks.production, (s) => Object.assign(inputsOf(s, SECRET_KEY), { sensitive: false, comment: "plain" })),
      P,
      /SUPABASE_SECRET_KEY has a secret-like key but is not sensitive/,
    ));
  it("mutation: a secret-like key with no comment and the flag absent → violation", () =>
    expectViolation(
      mutate(stacks.production, (s) => {
        const v = inputsOf(s, SECRET_KEY);
        delete v.sensitive;
        delete v.comment;
      }),
      P,
      /SUPABASE_SECRET_KEY has a secret-like key but is not sensitive/,
    ));
  it("mutation: a batch variable without a key, carrying a catalog secret → violation naming its path", () =>
    expectViolation(
      mutate(stacks.production, (s) =>
        addCopy(s, SECRET_KEY, "batch", {
          type: "vercel:index/projectEnvironmentVariables:ProjectEnvironmentVariables",
          inputs: {
            projectId: "prj",
            variables: [{ value: "x", targets: ["production"], comment: "catalog:SENTRY_DSN" }],
          },
          replaceInputs: true,
        }),
      ),
      P,
      /^variables\[0\]\. carries the catalog secret SENTRY_DSN/,
    ));
  it("mutation: a plain, plainly named variable without the flag → still passes", async () => {
    const ok = mutate(
      stacks.production,
      (s) => delete inputsOf(s, "frontend-env-production-next-public-app-env").sensitive,
    );
    assert.deepEqual(await evaluate(ok, P), []);
  });
  it('mutation: a catalog secret in a variable without a key → reported as "variable"', () =>
    expectViolation(
      mutate(stacks.staging, (s) => {
        const v = inputsOf(s, PUBLISHABLE);
        delete v.key;
        v.sensitive = false;
      }),
      P,
      /^variable carries the catalog secret STAGING_SUPABASE_PUBLISHABLE_KEY/,
    ));
});
