// Secret isolation rules, called directly with @pulumi/policy's argument shapes: a compliant baseline of each stack,
// then one mutation per violation (the pulumi/compliance-policies pattern).
import * as assert from "node:assert/strict";
import { secretsOf } from "../lib/catalog";
import { ruleMetas } from "../policy/rules";
import { evaluate, expectClean, expectViolation } from "./fixtures/policy/evaluate";
import { baseline, byName, mutate, resource, SECRET } from "./fixtures/policy/stacks";

const prod = baseline("production");
const staging = baseline("staging");
const GH_SECRET = "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret";

describe("policy pack: metadata", () => {
  it("names every rule once, quotes the runbook and sets a level", () => {
    const names = ruleMetas.map((m) => m.name);
    assert.equal(new Set(names).size, names.length);
    for (const m of ruleMetas) {
      assert.match(m.description, /^Runbook, [^"]+"[^"]{5,}"/, `${m.name} must quote the runbook`);
      assert.ok(["advisory", "mandatory"].includes(m.enforcementLevel));
    }
  });
});

describe("policy pack: compliant baselines", () => {
  it("production passes every policy", () => expectClean(prod));
  it("staging passes every policy", () => expectClean(staging));
});

describe("policy own-environment-secrets-only", () => {
  const P = "own-environment-secrets-only";
  it("rejects a GitHub secret of the other environment", async () => {
    const bad = mutate(
      staging,
      (s) => (byName(s, "github-secret-STAGING_OPENAI_API_KEY").inputs.secretName = "PRODUCTION_OPENAI_API_KEY"),
    );
    await expectViolation(bad, P, /PRODUCTION_OPENAI_API_KEY is a catalog secret of production, not of staging/);
  });
  it("rejects a production-only catalog name on staging (VERCEL_TOKEN)", async () => {
    const bad = mutate(staging, (s) =>
      s.resources.push(resource("staging", GH_SECRET, "vt", { environment: "staging", secretName: "VERCEL_TOKEN" })),
    );
    await expectViolation(bad, P, /VERCEL_TOKEN is a catalog secret of production, not of staging/);
  });
  it("rejects a non-catalog secret named for the other environment", async () => {
    const bad = mutate(prod, (s) =>
      s.resources.push(
        resource("production", GH_SECRET, "x", { environment: "production", secretName: "STAGING_DB_PASSWORD" }),
      ),
    );
    await expectViolation(bad, P, /STAGING_DB_PASSWORD is named for staging, not production/);
  });
  it("rejects a Vercel variable sourced from the other environment's catalog secret", async () => {
    const bad = mutate(
      prod,
      (s) =>
        (byName(s, "frontend-production-SUPABASE_SECRET_KEY").inputs.comment = "catalog:STAGING_SUPABASE_SECRET_KEY"),
    );
    await expectViolation(bad, P, /comment says the value comes from STAGING_SUPABASE_SECRET_KEY/);
  });
  it("rejects a Railway variable key named for the other environment", async () => {
    const bad = mutate(
      staging,
      (s) =>
        ((byName(s, "agent-variables-staging").inputs.variables as Record<string, string>).PROD_OPENAI_API_KEY =
          SECRET),
    );
    await expectViolation(bad, P, /variables\.PROD_OPENAI_API_KEY is named for production, not staging/);
  });
  it("rejects a Railway value that refers to the other environment's secret", async () => {
    const bad = mutate(
      prod,
      (s) =>
        ((byName(s, "agent-variables-production").inputs.variables as Record<string, string>).OPENAI_API_KEY =
          "${{STAGING_OPENAI_API_KEY}}"),
    );
    await expectViolation(bad, P, /variables\.OPENAI_API_KEY refers to another environment's STAGING_OPENAI_API_KEY/);
  });
  it("rejects a command environment key named for the other environment", async () => {
    const bad = mutate(
      prod,
      (s) =>
        ((byName(s, "agent-deploy-production").inputs.environment as Record<string, string>).RAILWAY_STAGING_TOKEN =
          SECRET),
    );
    await expectViolation(bad, P, /environment\.RAILWAY_STAGING_TOKEN is named for staging, not production/);
  });
  it("accepts generic runtime names (OPENAI_API_KEY, RAILWAY_TOKEN, NODE_ENV=production) on staging", async () => {
    const vars = byName(staging, "agent-variables-staging").inputs.variables as Record<string, string>;
    assert.equal(vars.NODE_ENV, "production");
    assert.deepEqual(await evaluate(staging, P), []);
  });
});

describe("policy github-secrets-in-own-environment", () => {
  const P = "github-secrets-in-own-environment";
  it("rejects a secret written to the other GitHub environment", async () => {
    const bad = mutate(
      prod,
      (s) => (byName(s, "github-secret-PRODUCTION_SUPABASE_URL").inputs.environment = "staging"),
    );
    await expectViolation(bad, P, /environment is "staging" but this is the production stack/);
  });
  it("rejects a repository-level secret", async () => {
    const t = "github:index/actionsSecret:ActionsSecret";
    const bad = mutate(prod, (s) =>
      s.resources.push(resource("production", t, "repo-secret", { secretName: "LANGCHAIN_API_KEY" })),
    );
    await expectViolation(bad, P, /LANGCHAIN_API_KEY is a ActionsSecret: write it as an ActionsEnvironmentSecret/);
  });
  it("rejects a GitHub environment or deployment policy of the other environment", async () => {
    const bad = mutate(staging, (s) => (byName(s, "github-env-staging").inputs.environment = "production"));
    await expectViolation(bad, P, /environment is "production" but this is the staging stack/);
  });
  it("accepts GitHub's case-insensitive spelling", async () => {
    const ok = mutate(prod, (s) => (byName(s, "github-secret-RAILWAY_TOKEN").inputs.environment = "Production"));
    assert.deepEqual(await evaluate(ok, P), []);
  });
});

describe("policy catalog-secrets-are-sensitive", () => {
  const P = "catalog-secrets-are-sensitive";
  it("rejects a catalog secret in a non-sensitive Vercel variable", async () => {
    const bad = mutate(
      staging,
      (s) => (byName(s, "frontend-preview-NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY").inputs.sensitive = false),
    );
    await expectViolation(bad, P, /carries the catalog secret STAGING_SUPABASE_PUBLISHABLE_KEY but is not sensitive/);
  });
  it("rejects a secret-like key without a catalog comment", async () => {
    const bad = mutate(prod, (s) => {
      const v = byName(s, "frontend-production-SUPABASE_SECRET_KEY").inputs;
      Object.assign(v, { sensitive: false, comment: "plain" });
    });
    await expectViolation(bad, P, /SUPABASE_SECRET_KEY has a secret-like key but is not sensitive/);
  });
});

describe("policy no-secrets-in-actions-variables", () => {
  const P = "no-secrets-in-actions-variables";
  const ENVIRONMENT_VARIABLE = "github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable";
  const withVar = (variableName: string, value: string) =>
    mutate(prod, (s) =>
      s.resources.push(
        resource("production", ENVIRONMENT_VARIABLE, "var", { environment: "production", variableName, value }),
      ),
    );
  it("accepts a plain variable", () =>
    expectClean(withVar("FRONTEND_URL", "https://chef-chopsky-production.vercel.app")));
  it("rejects a variable named like a catalog secret", () =>
    expectViolation(withVar("VERCEL_TOKEN", "x"), P, /VERCEL_TOKEN is a catalog secret/));
  it("rejects a variable named like a credential", () =>
    expectViolation(withVar("MY_API_KEY", "x"), P, /named like a credential/));
  it("rejects a secret-shaped value", () =>
    expectViolation(
      withVar("BUILD_FLAGS", `--key ${"gh" + "p_"}abcdefghijklmnopqrstuvwxyz0123456789`),
      P,
      /BUILD_FLAGS holds a secret-shaped value: GitHub token/,
    ));
});

describe("policy environment-secrets-declared (advisory)", () => {
  const P = "environment-secrets-declared";
  it("warns about a catalog secret the stack does not declare", async () => {
    const bad = mutate(
      prod,
      (s) => (s.resources = s.resources.filter((r) => r.name !== "github-secret-LANGCHAIN_API_KEY")),
    );
    const v = await expectViolation(bad, P, /does not declare LANGCHAIN_API_KEY/);
    assert.equal(v.level, "advisory");
  });
  it("counts a catalog:NAME source as declared", async () => {
    const ok = mutate(staging, (s) => {
      s.resources = s.resources.filter((r) => r.name !== "github-secret-STAGING_SUPABASE_URL");
      byName(s, "agent-variables-staging").inputs.source = "catalog:STAGING_SUPABASE_URL";
    });
    assert.deepEqual(await evaluate(ok, P), []);
    assert.ok(secretsOf("staging").some((x) => x.name === "STAGING_SUPABASE_URL"));
  });
});

describe("policy secrets-documented-in-catalog (advisory)", () => {
  const P = "secrets-documented-in-catalog";
  it("warns about a GitHub secret outside the catalog", async () => {
    const bad = mutate(prod, (s) =>
      s.resources.push(resource("production", GH_SECRET, "x", { environment: "production", secretName: "NEW_THING" })),
    );
    assert.equal((await expectViolation(bad, P, /NEW_THING is not in the secret catalog/)).level, "advisory");
  });
  it("warns about a Vercel variable without a source comment", async () => {
    const bad = mutate(prod, (s) => delete byName(s, "frontend-production-NEXT_PUBLIC_APP_ENV").inputs.comment);
    await expectViolation(bad, P, /NEXT_PUBLIC_APP_ENV: comment must be "plain" or "catalog:NAME"/);
  });
});
