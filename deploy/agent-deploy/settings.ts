/**
 * The deploy tool's settings: from command-line options first, then the environment (which is how Pulumi's
 * `local.Command` passes them), validated at once with messages that name the option and its variable.
 *
 * The Railway token is read from the environment only: a value on the command line would show in `ps`, in shell
 * history and in the Command resource's `create` string in the state.
 */
import { z } from "zod";
import type { Env } from "../../lib/cli";
import { type RailwayCredentials, railwayCredentials, type RailwayTarget } from "../../providers/railway/client";
import { fingerprintSchema, gitSha, httpUrl, uuid } from "../../lib/schemas";

/** Everything a run needs. */
export interface DeploySettings {
  credentials: RailwayCredentials;
  target: RailwayTarget;
  /** GraphQL endpoint; undefined for Railway's. */
  apiUrl?: string;
  /** The agent's base URL; its `/health` is polled after a deploy. */
  agentUrl?: string;
  /** The commit to deploy (full sha), for `deploy`. */
  commit?: string;
  /**
   * The keyed fingerprint of the variables the agent carries now (`hmac-sha256:…`, lib/fingerprint.ts), for
   * `deploy` and `redeploy`: when it differs from the one recorded at the previous run, the live deployment is
   * redeployed so that it runs with them. Never a value: a digest under a stack secret.
   */
  variablesFingerprint?: string;
  deployTimeoutMs: number;
  healthTimeoutMs: number;
  /** Interval between polls of a deployment and of `/health`. */
  pollMs: number;
}

/** Which option (with its value's name in `--help`) and which environment variable feed each setting. */
export const SOURCES = {
  projectId: ["--project-id", "RAILWAY_PROJECT_ID", "uuid"],
  environmentId: ["--environment-id", "RAILWAY_ENVIRONMENT_ID", "uuid"],
  serviceId: ["--service-id", "RAILWAY_SERVICE_ID", "uuid"],
  apiUrl: ["--api-url", "RAILWAY_API_URL", "url"],
  agentUrl: ["--agent-url", "AGENT_URL", "url"],
  commit: ["--commit", "AGENT_COMMIT", "sha"],
  variablesFingerprint: ["--variables-fingerprint", "AGENT_VARIABLES_FINGERPRINT", "hmac"],
  timeout: ["--timeout", "AGENT_DEPLOY_TIMEOUT_SECONDS", "seconds"],
  healthTimeout: ["--health-timeout", "AGENT_HEALTH_TIMEOUT_SECONDS", "seconds"],
  pollMs: ["--poll-ms", "AGENT_DEPLOY_POLL_MS", "ms"],
} as const;

/** Command-line options, each overriding its environment variable. */
export type CliSettings = { [K in keyof typeof SOURCES]?: string };

/** How a message names a setting: `--commit / AGENT_COMMIT`. */
const named = (key: keyof CliSettings) => `${SOURCES[key][0]} / ${SOURCES[key][1]}`;

const id = uuid("a Railway id");
// Seconds may be fractional (tests use short deadlines); the interval is whole milliseconds.
const seconds = (max: number) => z.coerce.number().positive().max(max);

/** The settings' schema; the frontend redeploy takes its timing settings from it, so that both have one set of bounds. */
export const settingsSchema = z.object({
  projectId: id,
  environmentId: id,
  serviceId: id,
  apiUrl: httpUrl().optional(),
  agentUrl: httpUrl().optional(),
  commit: gitSha().optional(),
  variablesFingerprint: fingerprintSchema().optional(),
  timeout: seconds(7200).default(900),
  healthTimeout: seconds(3600).default(300),
  pollMs: z.coerce.number().int().min(1).max(60_000).default(5000),
});

/** A settings schema's issues as `<setting named by name>: <what is wrong>` ("required" when absent), no value. */
export function settingsProblems<K extends string>(
  error: z.ZodError,
  raw: Readonly<Record<string, string | undefined>>,
  name: (key: K) => string,
): string[] {
  return error.issues.map((issue) => {
    const key = issue.path[0] as K;
    return `${name(key)}: ${raw[key] === undefined ? "required" : issue.message}`;
  });
}

/** The outcome of reading a deploy tool's settings: the settings, or every problem at once. */
export type SettingsResult<T = DeploySettings> = { ok: true; settings: T } | { ok: false; problems: string[] };

/**
 * Reads and validates the settings.
 * @param needs - settings the chosen command requires on top of the ids (`commit` for deploy, `agentUrl` for the
 *   commands that wait for health).
 */
export function readSettings(cli: CliSettings, env: Env, needs: readonly ("commit" | "agentUrl")[]): SettingsResult {
  const raw: Record<string, string | undefined> = {};
  for (const [key, [, variable]] of Object.entries(SOURCES)) {
    const value = cli[key as keyof CliSettings] ?? env[variable];
    raw[key] = value === "" ? undefined : value;
  }
  const problems: string[] = [];
  const credentials = railwayCredentials(undefined, env);
  // Named, never shown: the token's value must not reach any output.
  if (!credentials)
    problems.push(
      "RAILWAY_TOKEN: required in the environment (a Railway project token; or RAILWAY_API_TOKEN for an account token)",
    );
  for (const need of needs) {
    if (raw[need] === undefined) problems.push(`${named(need)}: required for this command`);
  }
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) problems.push(...settingsProblems(parsed.error, raw, named));
  if (!parsed.success || !credentials || problems.length > 0) return { ok: false, problems };
  const s = parsed.data;
  return {
    ok: true,
    settings: {
      credentials,
      target: { projectId: s.projectId, environmentId: s.environmentId, serviceId: s.serviceId },
      apiUrl: s.apiUrl,
      agentUrl: s.agentUrl?.replace(/\/+$/, ""),
      commit: s.commit,
      variablesFingerprint: s.variablesFingerprint,
      deployTimeoutMs: Math.round(s.timeout * 1000),
      healthTimeoutMs: Math.round(s.healthTimeout * 1000),
      pollMs: s.pollMs,
    },
  };
}
