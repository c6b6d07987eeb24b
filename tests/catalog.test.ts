import { strict as assert } from "node:assert";
import { foreignSecrets, requiredConfigSecrets, SECRET_CATALOG, secretsOf } from "../lib/catalog";
import { environmentOfHost, previewUrl, previewUrlPattern } from "../lib/environments";

describe("secret catalog", () => {
  it("holds exactly the runbook's 23 secrets, in its order", () => {
    assert.deepEqual(
      SECRET_CATALOG.map((s) => s.name),
      [
        "VERCEL_TOKEN",
        "VERCEL_PROJECT_ID",
        "RAILWAY_TOKEN",
        "RAILWAY_PROJECT_ID",
        "PRODUCTION_SUPABASE_URL",
        "PRODUCTION_SUPABASE_PUBLISHABLE_KEY",
        "PRODUCTION_SUPABASE_SECRET_KEY",
        "PRODUCTION_OPENAI_API_KEY",
        "LANGCHAIN_API_KEY",
        "RAILWAY_STAGING_TOKEN",
        "RAILWAY_STAGING_PROJECT_ID",
        "STAGING_SUPABASE_URL",
        "STAGING_SUPABASE_PUBLISHABLE_KEY",
        "STAGING_SUPABASE_SECRET_KEY",
        "STAGING_OPENAI_API_KEY",
        "ALERT_WEBHOOK_URL",
        "UPTIME_ROBOT_API_KEY",
        "UPTIME_ROBOT_PROD_FRONTEND_ID",
        "UPTIME_ROBOT_PROD_AGENT_ID",
        "UPTIME_ROBOT_STAGING_FRONTEND_ID",
        "UPTIME_ROBOT_STAGING_AGENT_ID",
        "SENTRY_DSN",
        "SENTRY_AUTH_TOKEN",
      ],
    );
    assert.deepEqual(
      ["Production", "Staging", "Monitoring"].map((t) => SECRET_CATALOG.filter((s) => s.table === t).length),
      [9, 6, 8],
    );
  });

  it("gives every entry a description, a purpose and a source", () => {
    for (const s of SECRET_CATALOG) {
      assert.ok(s.description && s.requiredFor, s.name);
      assert.ok(s.source.kind === "output" ? s.source.output : s.source.key, s.name);
    }
  });

  it("splits the secrets so that no stack owns the other's", () => {
    const prod = new Set(secretsOf("production").map((s) => s.name));
    const staging = new Set(secretsOf("staging").map((s) => s.name));
    for (const name of prod) if (name.includes("STAGING")) assert.fail(`${name} owned by production`);
    for (const name of staging) if (/PRODUCTION|PROD_/.test(name)) assert.fail(`${name} owned by staging`);
    assert.ok(foreignSecrets("staging").some((s) => s.name === "PRODUCTION_OPENAI_API_KEY"));
    assert.ok(
      !foreignSecrets("staging").some((s) => s.name === "SENTRY_DSN"),
      "shared secrets are nobody's foreign secret",
    );
  });

  it("lists the config secrets each stack needs", () => {
    assert.ok(requiredConfigSecrets("production").includes("chef-chopsky:langchainApiKey"));
    assert.ok(!requiredConfigSecrets("staging").includes("chef-chopsky:langchainApiKey"));
    assert.ok(requiredConfigSecrets("staging").includes("github:token"));
    // Each stack's Vercel provider and frontend redeploy authenticate with its own token.
    for (const env of ["production", "staging"] as const)
      assert.ok(requiredConfigSecrets(env).includes("vercel:apiToken"), env);
    assert.ok(!secretsOf("staging").some((s) => s.name === "VERCEL_TOKEN"), "VERCEL_TOKEN stays production's");
  });
});

describe("topology", () => {
  it("tells the runbook's hosts apart", () => {
    assert.equal(environmentOfHost("chef-chopsky-production.vercel.app"), "production");
    assert.equal(environmentOfHost("chef-chopsky-production.up.railway.app"), "production");
    assert.equal(environmentOfHost("chef-chopsky-git-staging.vercel.app"), "staging");
    assert.equal(environmentOfHost("chef-chopsky-staging.up.railway.app"), "staging");
    assert.equal(environmentOfHost("chef-chopsky-git-feat-login.vercel.app"), "staging");
    assert.equal(environmentOfHost("qzvhxkfmpwlrtdbnyacs.supabase.co"), undefined);
  });

  it("forms preview URLs as Vercel does", () => {
    assert.equal(previewUrl("chef-chopsky", "feat/Login-Page"), "https://chef-chopsky-git-feat-login-page.vercel.app");
    assert.equal(previewUrlPattern("chef-chopsky"), "https://chef-chopsky-git-*.vercel.app");
  });
});
