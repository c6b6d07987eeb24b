// own-environment-secrets-only: a stack writes only its own environment's catalog secrets (GitHub secret names,
// Vercel sources, Railway and command variables). Baselines: the real synth of each stack.
import * as assert from "node:assert/strict";
import { evaluate, expectClean, expectViolation } from "../fixtures/policy/evaluate";
import { addCopy, inputsOf, mapOf, mutate, useBaselines } from "../fixtures/policy/baseline";

const P = "own-environment-secrets-only";
const PLACEHOLDER = "synth-placeholder-secret:x";

describe(`policy ${P}`, () => {
  const stacks = useBaselines();

  it("baseline: production passes", () => expectClean(stacks.production, P));
  it("baseline: staging passes with generic runtime names (OPENAI_API_KEY, RAILWAY_TOKEN, NODE_ENV=production)", async () => {
    await expectClean(stacks.staging, P);
    const vars = mapOf(stacks.staging, "agent-variables", "variables");
    assert.equal(vars.NODE_ENV, "production");
    assert.ok("OPENAI_API_KEY" in vars);
    assert.ok("RAILWAY_TOKEN" in mapOf(stacks.staging, "agent-deploy", "environment"));
  });

  it("mutation: staging's OpenAI secret renamed to production's → violation", () =>
    expectViolation(
      mutate(
        stacks.staging,
        (s) => (inputsOf(s, "github-secret-staging-openai-api-key").secretName = "PRODUCTION_OPENAI_API_KEY"),
      ),
      P,
      /secretName PRODUCTION_OPENAI_API_KEY is a catalog secret of production, not of staging/,
      "github-secret-staging-openai-api-key",
    ));
  it("mutation: a production-only catalog secret (VERCEL_TOKEN) copied into staging → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) =>
        addCopy(s, "github-secret-sentry-dsn", "vt", { inputs: { secretName: "VERCEL_TOKEN" } }),
      ),
      P,
      /secretName VERCEL_TOKEN is a catalog secret of production, not of staging/,
      "vt",
    ));
  it("mutation: a non-catalog secret named for the other environment → violation", () =>
    expectViolation(
      mutate(stacks.production, (s) =>
        addCopy(s, "github-secret-sentry-dsn", "x", { inputs: { secretName: "STAGING_DB_PASSWORD" } }),
      ),
      P,
      /secretName STAGING_DB_PASSWORD is named for staging, not production/,
    ));
  it("mutation: the same name as a repository secret → still checked", () =>
    expectViolation(
      mutate(stacks.production, (s) =>
        addCopy(s, "github-secret-sentry-dsn", "repo", {
          type: "github:index/actionsSecret:ActionsSecret",
          inputs: { secretName: "STAGING_OPENAI_API_KEY" },
        }),
      ),
      P,
      /STAGING_OPENAI_API_KEY is a catalog secret of staging, not of production/,
    ));
  it("mutation: a Vercel variable sourced from the other environment's secret → violation", () =>
    expectViolation(
      mutate(
        stacks.production,
        (s) =>
          (inputsOf(s, "frontend-env-production-supabase-secret-key").comment = "catalog:STAGING_SUPABASE_SECRET_KEY"),
      ),
      P,
      /comment says the value comes from STAGING_SUPABASE_SECRET_KEY, a secret of another environment/,
    ));
  it("mutation: a Vercel variable key named for the other environment → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) => (inputsOf(s, "frontend-env-preview-next-public-app-env").key = "PROD_APP_ENV")),
      P,
      /^key PROD_APP_ENV is named for production\./,
    ));
  it("mutation: a Railway variable key named for the other environment → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) => (mapOf(s, "agent-variables", "variables").PROD_OPENAI_API_KEY = PLACEHOLDER)),
      P,
      /variables\.PROD_OPENAI_API_KEY is named for production, not staging/,
    ));
  it("mutation: a Railway value that refers to the other environment's secret → violation", () =>
    expectViolation(
      mutate(
        stacks.production,
        (s) => (mapOf(s, "agent-variables", "variables").OPENAI_API_KEY = "${{STAGING_OPENAI_API_KEY}}"),
      ),
      P,
      /variables\.OPENAI_API_KEY refers to another environment's STAGING_OPENAI_API_KEY/,
    ));
  it("mutation: a command environment key named for the other environment → violation", () =>
    expectViolation(
      mutate(stacks.production, (s) => (mapOf(s, "agent-deploy", "environment").RAILWAY_STAGING_TOKEN = PLACEHOLDER)),
      P,
      /environment\.RAILWAY_STAGING_TOKEN is named for staging, not production/,
      "agent-deploy",
    ));
  it("mutation: a command line citing the other environment's catalog secret → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) => (inputsOf(s, "agent-deploy").create = "deploy --token catalog:VERCEL_TOKEN")),
      P,
      /create refers to another environment's catalog:VERCEL_TOKEN/,
    ));
  it("mutation: a production-only catalog secret (VERCEL_TOKEN) as the source of a staging variable → violation", () =>
    expectViolation(
      mutate(
        stacks.staging,
        (s) => (inputsOf(s, "frontend-env-preview-next-public-app-env").comment = "catalog:VERCEL_TOKEN"),
      ),
      P,
      /comment says the value comes from VERCEL_TOKEN, a secret of another environment/,
    ));
  it("mutation: a foreign source comment → reported once (by its source, not again as a reference)", async () => {
    const bad = mutate(
      stacks.production,
      (s) =>
        (inputsOf(s, "frontend-env-production-supabase-secret-key").comment = "catalog:STAGING_SUPABASE_SECRET_KEY"),
    );
    assert.equal((await evaluate(bad, P)).length, 1);
  });
  it("mutation: two foreign references in one value → both named", () =>
    expectViolation(
      mutate(
        stacks.production,
        (s) => (mapOf(s, "agent-variables", "variables").OPENAI_API_KEY = "${{STAGING_A_KEY}}${{STAGING_B_KEY}}"),
      ),
      P,
      /refers to another environment's STAGING_A_KEY, STAGING_B_KEY\.$/,
    ));
  it("mutation: its own catalog secret cited in a command line → passes", async () => {
    const ok = mutate(
      stacks.staging,
      (s) => (inputsOf(s, "agent-deploy").create = "deploy catalog:STAGING_OPENAI_API_KEY"),
    );
    assert.deepEqual(await evaluate(ok, P), []);
  });
  it("mutation: a secret or a variable without a name → nothing to check, no crash", async () => {
    const ok = mutate(stacks.staging, (s) => {
      delete inputsOf(s, "github-secret-sentry-dsn").secretName;
      delete inputsOf(s, "frontend-env-preview-next-public-app-env").key;
    });
    assert.deepEqual(await evaluate(ok, P), []);
  });
  it("mutation: a foreign name in a resource kind the rule does not read (a GitHub environment) → left to others", async () => {
    const ok = mutate(
      stacks.staging,
      (s) => (inputsOf(s, "github-environment").note = "${{PRODUCTION_OPENAI_API_KEY}}"),
    );
    assert.deepEqual(await evaluate(ok, P), []);
  });
});
