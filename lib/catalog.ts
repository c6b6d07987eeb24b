/**
 * The secret catalog: the runbook's secret tables as typed data, one table per environment (Production, Staging, and
 * any environment declared since) and the Monitoring table. It drives the GitHub environment secrets, the policy
 * pack's isolation rules, the list of `pulumi config set --secret` commands, and the generated tables of
 * docs/RUNBOOK.md.
 *
 * An environment's entries follow from its declaration (lib/environments.ts): the runbook's names generalize as
 * `<LABEL>_SUPABASE_URL`, `RAILWAY_<LABEL>_TOKEN`, `UPTIME_ROBOT_<LABEL>_AGENT_ID`, with production's exceptions
 * (`RAILWAY_TOKEN`, `UPTIME_ROBOT_PROD_…`, `LANGCHAIN_API_KEY`) kept exactly as the runbook has them. Adding a
 * secret is one entry (or template) here plus one `pulumi config set --secret` on each stack that needs it.
 */
import { ENVIRONMENT_NAMES, type EnvironmentName, STACK_ENVIRONMENTS, type StackEnvironment } from "./environments";

/** Where a secret's value comes from. */
export type SecretSource =
  /** A stack config secret, e.g. `chef-chopsky:openaiApiKey` (set with `pulumi config set --secret`). */
  | { kind: "configSecret"; key: string }
  /** A plain stack config value that the runbook nevertheless keeps as a GitHub secret (ids, URLs). */
  | { kind: "config"; key: string }
  /** A stack output, known only after `pulumi up` (e.g. a monitor id). */
  | { kind: "output"; output: string };

/** The runbook table a secret is listed in: its environment's title (`Production`), or `Monitoring`. */
export type RunbookTable = string;
export const MONITORING_TABLE = "Monitoring";

export interface SecretEntry {
  /** The GitHub secret name, exactly as in the runbook. */
  name: string;
  description: string;
  requiredFor: string;
  table: RunbookTable;
  /** The stack that owns the value; `shared` values are written by every stack into its own environment. */
  environment: EnvironmentName | "shared";
  source: SecretSource;
}

/** The value is a config secret of the stack: `configSecret("openaiApiKey")` is `chef-chopsky:openaiApiKey`. */
const configSecret = (key: string): SecretSource => ({ kind: "configSecret", key: `chef-chopsky:${key}` });
/** The value is a plain config value of the stack, kept as a GitHub secret nevertheless. */
const plainConfig = (key: string): SecretSource => ({ kind: "config", key: `chef-chopsky:${key}` });
/** The value is a stack output, known after `pulumi up`. */
const stackOutput = (output: string): SecretSource => ({ kind: "output", output });

/** The entry builder of one runbook table, for the entries `environment` owns. */
const entriesOf =
  (table: RunbookTable, environment: SecretEntry["environment"]) =>
  (name: string, description: string, requiredFor: string, source: SecretSource): SecretEntry => ({
    name,
    description,
    requiredFor,
    table,
    environment,
    source,
  });

/** Production's texts are the runbook's unqualified ones ("Agent deployment"); another's say which environment. */
const qualified = (e: StackEnvironment, unqualified: string, qualifiedText: string) =>
  e.production ? unqualified : qualifiedText;

/** The entries of an environment's own table, in the runbook's order. */
function environmentTable(e: StackEnvironment): SecretEntry[] {
  const L = e.secretLabel;
  const railway = qualified(e, "RAILWAY", `RAILWAY_${L}`);
  const agent = qualified(e, "Agent deployment", `${e.title} agent deployment`);
  const database = qualified(e, "Database connection", `${e.title} database connection`);
  const entry = entriesOf(e.title, e.name);
  return [
    // The environment that owns the Vercel project deploys the frontend.
    ...(e.production
      ? [
          entry("VERCEL_TOKEN", "Vercel authentication", "Frontend deployment", {
            kind: "configSecret",
            key: "vercel:apiToken",
          }),
          entry("VERCEL_PROJECT_ID", "Vercel project ID", "Frontend deployment", stackOutput("vercelProjectId")),
        ]
      : []),
    entry(
      `${railway}_TOKEN`,
      qualified(e, "Railway authentication", `Railway ${e.name} auth`),
      agent,
      configSecret("railwayToken"),
    ),
    entry(
      `${railway}_PROJECT_ID`,
      qualified(e, "Railway project ID", `Railway ${e.name} project ID`),
      agent,
      plainConfig("railwayProjectId"),
    ),
    entry(`${L}_SUPABASE_URL`, `${e.title} database URL`, database, plainConfig("supabaseUrl")),
    entry(`${L}_SUPABASE_PUBLISHABLE_KEY`, `${e.title} anon key`, database, configSecret("supabasePublishableKey")),
    entry(`${L}_SUPABASE_SECRET_KEY`, `${e.title} service key`, database, configSecret("supabaseSecretKey")),
    entry(
      `${L}_OPENAI_API_KEY`,
      qualified(e, "OpenAI API key", `OpenAI API key for ${e.name}`),
      qualified(e, "AI functionality", `${e.title} AI functionality`),
      configSecret("openaiApiKey"),
    ),
    ...(e.tracing
      ? [
          entry(
            qualified(e, "LANGCHAIN_API_KEY", `${L}_LANGCHAIN_API_KEY`),
            "LangSmith API key",
            qualified(e, "AI tracing", `${e.title} AI tracing`),
            configSecret("langchainApiKey"),
          ),
        ]
      : []),
  ];
}

/** The Monitoring table: the shared values, and each environment's monitor ids. */
function monitoringTable(): SecretEntry[] {
  const shared = entriesOf(MONITORING_TABLE, "shared");
  const monitors = STACK_ENVIRONMENTS.flatMap((e) =>
    (["frontend", "agent"] as const).map((role) =>
      entriesOf(MONITORING_TABLE, e.name)(
        `UPTIME_ROBOT_${e.monitorLabel}_${role.toUpperCase()}_ID`,
        `${e.title} ${role} monitor ID`,
        "Uptime monitoring",
        stackOutput(`${role}MonitorId`),
      ),
    ),
  );
  return [
    shared("ALERT_WEBHOOK_URL", "Webhook for notifications", "Alert notifications", configSecret("alertWebhookUrl")),
    shared("UPTIME_ROBOT_API_KEY", "UptimeRobot API key", "Uptime monitoring", configSecret("uptimeRobotApiKey")),
    ...monitors,
    shared("SENTRY_DSN", "Sentry DSN", "Error tracking", configSecret("sentryDsn")),
    shared("SENTRY_AUTH_TOKEN", "Sentry auth token", "Error tracking", configSecret("sentryAuthToken")),
  ];
}

/** Every secret of the runbook, in the runbook's order: each environment's table, then Monitoring. */
export const SECRET_CATALOG: readonly SecretEntry[] = [
  ...STACK_ENVIRONMENTS.flatMap(environmentTable),
  ...monitoringTable(),
];

/** The runbook's tables, in order: one per environment, then Monitoring. */
export const RUNBOOK_TABLES: readonly RunbookTable[] = [...STACK_ENVIRONMENTS.map((e) => e.title), MONITORING_TABLE];

/**
 * Config secrets every stack needs besides its catalog secrets: the credentials of the tools themselves (the Vercel
 * token, the GitHub token for the environments, the Supabase Management API token for the auth settings) and the key
 * of the secret fingerprints.
 */
export const STACK_CREDENTIALS: readonly { key: string; description: string }[] = [
  // Every stack's Vercel provider and frontend redeploy authenticate with it; only production also writes it to its
  // GitHub environment (VERCEL_TOKEN, above). A config secret of each stack, like github:token.
  {
    key: "vercel:apiToken",
    description: "Vercel token of the stack's Vercel provider and frontend redeploy (on production also VERCEL_TOKEN)",
  },
  {
    key: "github:token",
    description:
      'GitHub token with admin rights on the repository (environments and secrets) and "Variables": write on production (it publishes CHEF_CHOPSKY_PRODUCTION_FINGERPRINTS), read only elsewhere',
  },
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

/** The catalog entries a stack must never write: every other environment's. */
export function foreignSecrets(env: EnvironmentName): SecretEntry[] {
  return SECRET_CATALOG.filter((s) => s.environment !== env && s.environment !== "shared");
}

/** Every config secret key a stack must have set (catalog secrets of its environment, plus credentials). */
export function requiredConfigSecrets(env: EnvironmentName): string[] {
  const keys = secretsOf(env).flatMap((s) => (s.source.kind === "configSecret" ? [s.source.key] : []));
  return [...new Set([...keys, ...STACK_CREDENTIALS.map((c) => c.key)])];
}

/** Looks a secret up by its GitHub name. */
export function secretByName(name: string): SecretEntry | undefined {
  return SECRET_CATALOG.find((s) => s.name === name);
}

/** The catalog secret of an environment whose value is a given config key (`chef-chopsky:supabaseSecretKey`). */
export function secretOfConfigKey(env: EnvironmentName, key: string): SecretEntry | undefined {
  return secretsOf(env).find((s) => s.source.kind !== "output" && s.source.key === key);
}

/** The environments whose stacks need a config secret key (`vercel:apiToken`: production only). */
export function environmentsNeeding(key: string): EnvironmentName[] {
  return ENVIRONMENT_NAMES.filter((e) => requiredConfigSecrets(e).includes(key));
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
