/**
 * The agent's Railway service variables as plain data: which keys, from which settings and secrets, and why a set of
 * settings is invalid. Pure, so the Agent component, the tests and the tools share one definition.
 */
import { declarationOf, type EnvironmentName, sharersOf } from "./environments";

/** The secret values the agent's variables carry. */
export interface AgentSecretValues {
  openaiApiKey: string;
  supabaseSecretKey: string;
  /** Only where the environment traces with LangSmith (production: the runbook's key is a production secret). */
  langchainApiKey?: string;
  sentryDsn: string;
}

/** The plain settings the agent's variables depend on. */
export interface AgentVariableSettings {
  environment: EnvironmentName;
  frontendUrl: string;
  /**
   * The origins of the preview deployments whose environments share this one's agent, allowed by CORS too (staging:
   * every feature preview, `https://chef-chopsky-git-*.vercel.app`); none where no environment shares it.
   */
  previewOrigins?: readonly string[];
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
  const env = s.environment;
  const origins = s.previewOrigins ?? [];
  if (s.frontendUrl.includes(",")) problems.push("frontendUrl: one URL, without commas");
  origins.forEach((o, i) => {
    if (o.includes(",")) problems.push(`previewOrigins[${i}]: one origin, without commas`);
  });
  const sharers = sharersOf(env).map((e) => e.name);
  if (sharers.length > 0 && origins.length === 0)
    problems.push(`previewOrigins: required for ${env} (the ${sharers.join(" and ")} previews call its agent)`);
  if (sharers.length === 0 && origins.length > 0)
    problems.push(`previewOrigins: no environment shares ${env}'s agent, so it accepts no preview origins`);
  const tracing = declarationOf(env).tracing;
  if (tracing && !hasLangchainKey) problems.push(`langchainApiKey: required for ${env} (LangSmith tracing)`);
  if (!tracing && hasLangchainKey) problems.push(`langchainApiKey: ${env} runs without LangSmith tracing`);
  return problems;
}

/**
 * The agent's service variables for one environment, from settings that {@link agentSettingsProblems} accepted.
 * Pure: the component calls it once the secrets resolve, and tests call it directly.
 */
export function agentVariables(s: AgentVariableSettings, secrets: AgentSecretValues): Record<string, string> {
  const tracing: Record<string, string> = declarationOf(s.environment).tracing
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
    FRONTEND_URL: [s.frontendUrl, ...(s.previewOrigins ?? [])].join(","),
    APP_ENV: s.environment,
    NODE_ENV: "production",
  };
}
