/**
 * The secret catalog: the runbook's three secret tables (Production, Staging, Monitoring) as typed data.
 * It drives the GitHub environment secrets, the policy pack's isolation rules, the list of
 * `pulumi config set --secret` commands, and the generated tables of docs/RUNBOOK.md.
 *
 * Adding a secret is one entry here plus one `pulumi config set --secret` on the stack that owns it.
 */
import type { EnvironmentName } from "./environments";

/** Where a secret's value comes from. */
export type SecretSource =
  /** A stack config secret, e.g. `chef-chopsky:openaiApiKey` (set with `pulumi config set --secret`). */
  | { kind: "configSecret"; key: string }
  /** A plain stack config value that the runbook nevertheless keeps as a GitHub secret (ids, URLs). */
  | { kind: "config"; key: string }
  /** A stack output, known only after `pulumi up` (e.g. a monitor id). */
  | { kind: "output"; output: string };

/** The runbook table a secret is listed in. */
export type RunbookTable = "Production" | "Staging" | "Monitoring";

export interface SecretEntry {
  /** The GitHub secret name, exactly as in the runbook. */
  name: string;
  description: string;
  requiredFor: string;
  table: RunbookTable;
  /** The stack that owns the value; `shared` values are written by both stacks into their own environment. */
  environment: EnvironmentName | "shared";
  source: SecretSource;
}

/** The value is a config secret of the stack: `configSecret("openaiApiKey")` is `chef-chopsky:openaiApiKey`. */
const configSecret = (key: string): SecretSource => ({ kind: "configSecret", key: `chef-chopsky:${key}` });
/** The value is a plain config value of the stack, kept as a GitHub secret nevertheless. */
const plainConfig = (key: string): SecretSource => ({ kind: "config", key: `chef-chopsky:${key}` });
/** The value is a stack output, known after `pulumi up`. */
const stackOutput = (output: string): SecretSource => ({ kind: "output", output });

/** Every secret of the runbook, in the runbook's order. */
export const SECRET_CATALOG: readonly SecretEntry[] = [
  // Production
  {
    name: "VERCEL_TOKEN",
    description: "Vercel authentication",
    requiredFor: "Frontend deployment",
    table: "Production",
    environment: "production",
    source: { kind: "configSecret", key: "vercel:apiToken" },
  },
  {
    name: "VERCEL_PROJECT_ID",
    description: "Vercel project ID",
    requiredFor: "Frontend deployment",
    table: "Production",
    environment: "production",
    source: stackOutput("vercelProjectId"),
  },
  {
    name: "RAILWAY_TOKEN",
    description: "Railway authentication",
    requiredFor: "Agent deployment",
    table: "Production",
    environment: "production",
    source: configSecret("railwayToken"),
  },
  {
    name: "RAILWAY_PROJECT_ID",
    description: "Railway project ID",
    requiredFor: "Agent deployment",
    table: "Production",
    environment: "production",
    source: plainConfig("railwayProjectId"),
  },
  {
    name: "PRODUCTION_SUPABASE_URL",
    description: "Production database URL",
    requiredFor: "Database connection",
    table: "Production",
    environment: "production",
    source: plainConfig("supabaseUrl"),
  },
  {
    name: "PRODUCTION_SUPABASE_PUBLISHABLE_KEY",
    description: "Production anon key",
    requiredFor: "Database connection",
    table: "Production",
    environment: "production",
    source: configSecret("supabasePublishableKey"),
  },
  {
    name: "PRODUCTION_SUPABASE_SECRET_KEY",
    description: "Production service key",
    requiredFor: "Database connection",
    table: "Production",
    environment: "production",
    source: configSecret("supabaseSecretKey"),
  },
  {
    name: "PRODUCTION_OPENAI_API_KEY",
    description: "OpenAI API key",
    requiredFor: "AI functionality",
    table: "Production",
    environment: "production",
    source: configSecret("openaiApiKey"),
  },
  {
    name: "LANGCHAIN_API_KEY",
    description: "LangSmith API key",
    requiredFor: "AI tracing",
    table: "Production",
    environment: "production",
    source: configSecret("langchainApiKey"),
  },
  // Staging
  {
    name: "RAILWAY_STAGING_TOKEN",
    description: "Railway staging auth",
    requiredFor: "Staging agent deployment",
    table: "Staging",
    environment: "staging",
    source: configSecret("railwayToken"),
  },
  {
    name: "RAILWAY_STAGING_PROJECT_ID",
    description: "Railway staging project ID",
    requiredFor: "Staging agent deployment",
    table: "Staging",
    environment: "staging",
    source: plainConfig("railwayProjectId"),
  },
  {
    name: "STAGING_SUPABASE_URL",
    description: "Staging database URL",
    requiredFor: "Staging database connection",
    table: "Staging",
    environment: "staging",
    source: plainConfig("supabaseUrl"),
  },
  {
    name: "STAGING_SUPABASE_PUBLISHABLE_KEY",
    description: "Staging anon key",
    requiredFor: "Staging database connection",
    table: "Staging",
    environment: "staging",
    source: configSecret("supabasePublishableKey"),
  },
  {
    name: "STAGING_SUPABASE_SECRET_KEY",
    description: "Staging service key",
    requiredFor: "Staging database connection",
    table: "Staging",
    environment: "staging",
    source: configSecret("supabaseSecretKey"),
  },
  {
    name: "STAGING_OPENAI_API_KEY",
    description: "OpenAI API key for staging",
    requiredFor: "Staging AI functionality",
    table: "Staging",
    environment: "staging",
    source: configSecret("openaiApiKey"),
  },
  // Monitoring
  {
    name: "ALERT_WEBHOOK_URL",
    description: "Webhook for notifications",
    requiredFor: "Alert notifications",
    table: "Monitoring",
    environment: "shared",
    source: configSecret("alertWebhookUrl"),
  },
  {
    name: "UPTIME_ROBOT_API_KEY",
    description: "UptimeRobot API key",
    requiredFor: "Uptime monitoring",
    table: "Monitoring",
    environment: "shared",
    source: configSecret("uptimeRobotApiKey"),
  },
  {
    name: "UPTIME_ROBOT_PROD_FRONTEND_ID",
    description: "Production frontend monitor ID",
    requiredFor: "Uptime monitoring",
    table: "Monitoring",
    environment: "production",
    source: stackOutput("frontendMonitorId"),
  },
  {
    name: "UPTIME_ROBOT_PROD_AGENT_ID",
    description: "Production agent monitor ID",
    requiredFor: "Uptime monitoring",
    table: "Monitoring",
    environment: "production",
    source: stackOutput("agentMonitorId"),
  },
  {
    name: "UPTIME_ROBOT_STAGING_FRONTEND_ID",
    description: "Staging frontend monitor ID",
    requiredFor: "Uptime monitoring",
    table: "Monitoring",
    environment: "staging",
    source: stackOutput("frontendMonitorId"),
  },
  {
    name: "UPTIME_ROBOT_STAGING_AGENT_ID",
    description: "Staging agent monitor ID",
    requiredFor: "Uptime monitoring",
    table: "Monitoring",
    environment: "staging",
    source: stackOutput("agentMonitorId"),
  },
  {
    name: "SENTRY_DSN",
    description: "Sentry DSN",
    requiredFor: "Error tracking",
    table: "Monitoring",
    environment: "shared",
    source: configSecret("sentryDsn"),
  },
  {
    name: "SENTRY_AUTH_TOKEN",
    description: "Sentry auth token",
    requiredFor: "Error tracking",
    table: "Monitoring",
    environment: "shared",
    source: configSecret("sentryAuthToken"),
  },
];

/**
 * Config secrets every stack needs besides its catalog secrets: the credentials of the tools themselves (the Vercel
 * token, the GitHub token for the environments, the Supabase Management API token for the auth settings) and the key
 * of the secret fingerprints.
 */
export const CONFIG_ONLY_SECRETS: readonly { key: string; description: string }[] = [
  // Every stack's Vercel provider and frontend redeploy authenticate with it; only production also writes it to its
  // GitHub environment (VERCEL_TOKEN, above). A config secret of each stack, like github:token.
  {
    key: "vercel:apiToken",
    description: "Vercel token of the stack's Vercel provider and frontend redeploy (on production also VERCEL_TOKEN)",
  },
  { key: "github:token", description: "GitHub token with admin rights on the repository (environments and secrets)" },
  {
    key: "chef-chopsky:supabaseAccessToken",
    description: "Supabase personal access token (sbp_…) for the auth settings",
  },
  {
    key: "chef-chopsky:secretFingerprintKey",
    description:
      "Key of the keyed fingerprints of secret values (HMAC-SHA256; the same in every stack, 64+ hex characters: `openssl rand -hex 32`)",
  },
];

/** The catalog entries a stack owns: its own environment's and the shared ones. */
export function secretsOf(env: EnvironmentName): SecretEntry[] {
  return SECRET_CATALOG.filter((s) => s.environment === env || s.environment === "shared");
}

/** The catalog entries a stack must never write: the other environment's. */
export function foreignSecrets(env: EnvironmentName): SecretEntry[] {
  return SECRET_CATALOG.filter((s) => s.environment !== env && s.environment !== "shared");
}

/** Every config secret key a stack must have set (catalog secrets of its environment, plus credentials). */
export function requiredConfigSecrets(env: EnvironmentName): string[] {
  const keys = secretsOf(env)
    .map((s) => s.source)
    .filter((s): s is Extract<SecretSource, { kind: "configSecret" }> => s.kind === "configSecret")
    .map((s) => s.key);
  return [...new Set([...keys, ...CONFIG_ONLY_SECRETS.map((c) => c.key)])];
}

/** Looks a secret up by its GitHub name. */
export function secretByName(name: string): SecretEntry | undefined {
  return SECRET_CATALOG.find((s) => s.name === name);
}

/** The catalog entries of an environment whose value comes from a given stack output. */
export function secretsFromOutput(env: EnvironmentName, output: string): SecretEntry[] {
  return secretsOf(env).filter((s) => s.source.kind === "output" && s.source.output === output);
}

/**
 * How a resource says where a value comes from, for the policy pack: a Vercel variable's `comment` is
 * `catalog:NAME` when it carries the catalog secret NAME, and `plain` when it carries no secret.
 */
export const PLAIN_VALUE_COMMENT = "plain";
/** One `catalog:NAME` reference; the name is group 1. */
export const CATALOG_REFERENCE = /catalog:\s*([A-Za-z0-9_]+)/;

/** The comment of a value that carries the catalog secret `secretName`, or of a plain value. */
export function valueSourceComment(secretName: string | undefined): string {
  return secretName === undefined ? PLAIN_VALUE_COMMENT : `catalog:${secretName}`;
}

/** The names of every `catalog:NAME` reference in a text. */
export function catalogReferencesIn(text: string): string[] {
  return [...text.matchAll(new RegExp(CATALOG_REFERENCE.source, "g"))].map((m) => m[1]);
}
