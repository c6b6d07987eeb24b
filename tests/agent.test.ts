// The agent's service variables and the deploy tool's result parsing: pure functions, tested without mocks.
import * as assert from "node:assert/strict";
import { deploymentIdOf } from "../components/agent";
import { agentSettingsProblems, agentVariables } from "../lib/agent-variables";
import { DEPLOYMENT_ID, RAILWAY_TOKEN, SECRETS, STAGING } from "./fixtures/agent";

describe("agentVariables", () => {
  it("production: LangSmith tracing on with its key, one CORS origin, APP_ENV and NODE_ENV", () => {
    const vars = agentVariables(
      { environment: "production", frontendUrl: "https://chef-chopsky.vercel.app", supabaseUrl: STAGING.supabaseUrl },
      { ...SECRETS, langchainApiKey: "ls-key-444" },
    );
    assert.deepEqual(vars, {
      OPENAI_API_KEY: SECRETS.openaiApiKey,
      SUPABASE_URL: STAGING.supabaseUrl,
      SUPABASE_SECRET_KEY: SECRETS.supabaseSecretKey,
      LANGCHAIN_API_KEY: "ls-key-444",
      LANGCHAIN_TRACING_V2: "true",
      LANGCHAIN_PROJECT: "chef-chopsky-production",
      SENTRY_DSN: SECRETS.sentryDsn,
      FRONTEND_URL: "https://chef-chopsky.vercel.app",
      APP_ENV: "production",
      NODE_ENV: "production",
    });
  });

  it("staging: tracing off and no LangSmith key; CORS also admits the preview deployments", () => {
    const vars = agentVariables(STAGING, SECRETS);
    assert.equal(vars.LANGCHAIN_TRACING_V2, "false");
    assert.equal(vars.LANGCHAIN_API_KEY, undefined);
    assert.equal(vars.LANGCHAIN_PROJECT, undefined);
    assert.equal(vars.FRONTEND_URL, `${STAGING.frontendUrl},${STAGING.previewOrigins[0]}`);
    assert.equal(vars.APP_ENV, "staging");
  });

  it("agentSettingsProblems names each wiring problem, never a value", () => {
    const prod = { ...STAGING, environment: "production" as const, frontendUrl: "https://chef-chopsky.vercel.app" };
    assert.deepEqual(agentSettingsProblems(STAGING, false), []);
    assert.deepEqual(agentSettingsProblems({ ...prod, previewOrigins: undefined }, true), []);
    assert.deepEqual(agentSettingsProblems({ ...prod, previewOrigins: [] }, false), [
      "langchainApiKey: required for production (LangSmith tracing)",
    ]);
    assert.deepEqual(agentSettingsProblems(prod, true), [
      "previewOrigins: no environment shares production's agent, so it accepts no preview origins",
    ]);
    assert.deepEqual(agentSettingsProblems(STAGING, true), ["langchainApiKey: staging runs without LangSmith tracing"]);
    assert.deepEqual(agentSettingsProblems({ ...STAGING, previewOrigins: undefined }, false), [
      "previewOrigins: required for staging (the feature previews call its agent)",
    ]);
    assert.deepEqual(agentSettingsProblems({ ...STAGING, frontendUrl: "https://a.example,https://b.example" }, false), [
      "frontendUrl: one URL, without commas",
    ]);
  });

  it("deploymentIdOf takes only a UUID from the tool's last JSON line", () => {
    assert.equal(deploymentIdOf(`progress\n{"deploymentId":"${DEPLOYMENT_ID}"}\n`), DEPLOYMENT_ID);
    assert.equal(deploymentIdOf(`{"deploymentId":"${RAILWAY_TOKEN}"}`), undefined);
    assert.equal(deploymentIdOf(undefined), undefined);
  });
});
