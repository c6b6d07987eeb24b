/**
 * Which secret a rotation is about: a catalog name (lib/catalog.ts, e.g. `PRODUCTION_OPENAI_API_KEY`) or a config
 * key (e.g. `chef-chopsky:openaiApiKey`, `vercel:apiToken`), resolved to the config key of one stack; and, for the
 * last step only a person can do, where the old value is revoked.
 */
import { STACK_CREDENTIALS, requiredConfigSecrets, SECRET_CATALOG, secretsOf } from "../../lib/catalog";
import type { EnvironmentName } from "../../lib/environments";
import { supabaseRefOfUrl } from "../../lib/formats";

/** Every name `--secret` accepts for a stack: catalog names first, then config keys. */
export function rotatableNames(env: EnvironmentName): string[] {
  const names = secretsOf(env)
    .filter((s) => s.source.kind === "configSecret")
    .map((s) => s.name);
  return [...names, ...requiredConfigSecrets(env)];
}

/**
 * The secret `name` stands for on stack `env`: its config key (`chef-chopsky:openaiApiKey`) and the catalog names
 * whose value it is (GitHub secrets the stack writes), if any; or why not (the message lists the valid names).
 */
export function resolveSecret(
  env: EnvironmentName,
  name: string,
): { key: string; names: string[] } | { error: string } {
  const keys = requiredConfigSecrets(env);
  const catalog = SECRET_CATALOG.find((s) => s.name === name);
  const valid = `valid for stack ${env}: ${rotatableNames(env).join(", ")}`;
  let key: string | undefined;
  if (catalog) {
    if (catalog.source.kind !== "configSecret")
      return {
        error: `${name} is not rotated through config: its value is ${catalog.source.kind === "output" ? `the stack output ${catalog.source.output}` : `the plain config ${catalog.source.key}`}`,
      };
    if (catalog.environment !== env && catalog.environment !== "shared")
      return { error: `${name} belongs to the ${catalog.environment} stack, not ${env} (${valid})` };
    key = catalog.source.key;
  } else if (keys.includes(name)) key = name;
  // The name is not repeated: a value pasted into the name by mistake must not reach a log.
  if (key === undefined) return { error: `unknown secret name (not repeated here, in case it is a value; ${valid})` };
  const names = secretsOf(env)
    .filter((s) => s.source.kind === "configSecret" && s.source.key === key)
    .map((s) => s.name);
  return { key, names };
}

/** Where a person revokes the old value. */
export interface RevokeStep {
  service: string;
  url: string;
  what: string;
}

/** The plain config of the stack that the revoke pages need (ids only, nothing secret). */
export interface StackIds {
  supabaseUrl?: string;
  railwayProjectId?: string;
}

/** The revoke step of a config key: the service's page and what to do there. */
export function revokeStep(key: string, ids: StackIds): RevokeStep {
  const ref = supabaseRefOfUrl(ids.supabaseUrl ?? "") ?? "_";
  const supabaseKeys = `https://supabase.com/dashboard/project/${ref}/settings/api-keys`;
  const steps: Record<string, RevokeStep> = {
    "chef-chopsky:openaiApiKey": {
      service: "OpenAI",
      url: "https://platform.openai.com/api-keys",
      what: "delete (revoke) the old secret key",
    },
    "chef-chopsky:supabaseSecretKey": { service: "Supabase", url: supabaseKeys, what: "delete the old secret key" },
    "chef-chopsky:supabasePublishableKey": {
      service: "Supabase",
      url: supabaseKeys,
      what: "delete the old publishable key",
    },
    "chef-chopsky:supabaseAccessToken": {
      service: "Supabase",
      url: "https://supabase.com/dashboard/account/tokens",
      what: "revoke the old access token",
    },
    "chef-chopsky:railwayToken": {
      service: "Railway",
      url: `https://railway.com/project/${ids.railwayProjectId ?? "<project id>"}/settings/tokens`,
      what: "delete the old project token",
    },
    "chef-chopsky:langchainApiKey": {
      service: "LangSmith",
      url: "https://smith.langchain.com/settings",
      what: "API Keys: delete the old key",
    },
    "chef-chopsky:uptimeRobotApiKey": {
      service: "UptimeRobot",
      url: "https://dashboard.uptimerobot.com/integrations",
      what: "Integrations & API, API tab: the Main API key is one key, so its reset already revoked the old one; delete any other key made for this",
    },
    "chef-chopsky:sentryDsn": {
      service: "Sentry",
      url: "https://sentry.io/settings/projects/",
      what: "the project's Client Keys (DSN): disable, then delete, the old key",
    },
    "chef-chopsky:sentryAuthToken": {
      service: "Sentry",
      url: "https://sentry.io/settings/auth-tokens/",
      what: "revoke the old auth token (a personal one: https://sentry.io/settings/account/api/auth-tokens/)",
    },
    "chef-chopsky:alertWebhookUrl": {
      service: "the chat tool that issued the web-hook",
      url: "https://api.slack.com/apps",
      what: "for Slack: your app, Incoming Webhooks: remove the old web-hook URL",
    },
    "vercel:apiToken": { service: "Vercel", url: "https://vercel.com/account/tokens", what: "delete the old token" },
    "github:token": {
      service: "GitHub",
      url: "https://github.com/settings/personal-access-tokens",
      what: "revoke the old token (a classic one: https://github.com/settings/tokens)",
    },
    "chef-chopsky:secretFingerprintKey": {
      service: "no service",
      url: "docs/RUNBOOK.md#rotating-secrets",
      what: "nothing to revoke; set the same new key on the other stack too, or their fingerprints stop comparing",
    },
  };
  const step = steps[key];
  if (step) return step;
  const credential = STACK_CREDENTIALS.find((c) => c.key === key);
  return { service: credential?.description ?? key, url: "", what: "revoke the old value where it was issued" };
}
