/**
 * The agent's Railway service variables as plain data: which keys, from which settings and secrets, and why a set of
 * settings is invalid. Pure, so the Agent component, the tests and the tools share one definition.
 */
import type { EnvironmentName } from "./environments";

/** The secret values the agent's variables carry. */
export interface AgentSecretValues {
  openaiApiKey: string;
  supabaseSecretKey: string;
  /** Production only (the runbook's LangSmith key is a production secret). */
  langchainApiKey?: string;
  sentryDsn: string;
}

/** The plain settings the agent's variables depend on. */
export interface AgentVariableSettings {
  environment: EnvironmentName;
  frontendUrl: string;
  /** Staging only: the preview deployments' origin pattern, allowed by CORS too. */
  previewUrlPattern?: string;
  supabaseUrl: string;
}

/**
 * Why the settings are invalid, field by field (no value is ever quoted: some are secret). Only what the config
 * does not check already (config.ts validates the URLs and which environment their hosts belong to): how the
 * environment is wired. The Agent calls it once, before anything is registered.
 */
export function agentSettingsProblems(s: AgentVariableSettings, hasLangchainKey: boolean): string[] {
  const problems: string[] = [];
  // FRONTEND_URL is the agent's comma-separated CORS list: a comma inside one URL would split it.
  if (s.frontendUrl.includes(",")) problems.push("frontendUrl: one URL, without commas");
  if (s.environment === "staging" && !s.previewUrlPattern)
    problems.push("previewUrlPattern: required for staging (preview deployments call the staging agent)");
  if (s.environment === "production" && s.previewUrlPattern)
    problems.push("previewUrlPattern: production must not accept preview origins");
  if (s.environment === "production" && !hasLangchainKey) problems.push("langchainApiKey: required for production");
  if (s.environment === "staging" && hasLangchainKey)
    problems.push("langchainApiKey: production only; staging runs without LangSmith tracing");
  return problems;
}

/**
 * The agent's service variables for one environment, from settings that {@link agentSettingsProblems} accepted.
 * Pure: the component calls it once the secrets resolve, and tests call it directly.
 */
export function agentVariables(s: AgentVariableSettings, secrets: AgentSecretValues): Record<string, string> {
  const tracing: Record<string, string> =
    s.environment === "production"
      ? {
          LANGCHAIN_API_KEY: secrets.langchainApiKey ?? "",
          LANGCHAIN_TRACING_V2: "true",
          LANGCHAIN_PROJECT: `chef-chopsky-${s.environment}`,
        }
      : { LANGCHAIN_TRACING_V2: "false" };
  return {
    OPENAI_API_KEY: secrets.openaiApiKey,
    SUPABASE_URL: s.supabaseUrl,
    SUPABASE_SECRET_KEY: secrets.supabaseSecretKey,
    ...tracing,
    SENTRY_DSN: secrets.sentryDsn,
    // The agent's CORS allow list, comma-separated; staging also admits the feature previews.
    FRONTEND_URL: [s.frontendUrl, ...(s.previewUrlPattern ? [s.previewUrlPattern] : [])].join(","),
    APP_ENV: s.environment,
    NODE_ENV: "production",
  };
}
