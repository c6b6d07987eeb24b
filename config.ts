/**
 * The stack's configuration: one zod schema for the plain values, validated before any resource is registered,
 * with every problem reported at once by key path; and the secret handles, read only with `requireSecret`.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { supabaseRefOfUrl } from "./lib/formats";
import { gitSha, httpsUrl, monitorIntervalSeconds, supabaseProjectRef, uuid } from "./lib/schemas";
import { secretIssues, secretKeysOfNamespace } from "./lib/secret-config";
import { declarationProblems } from "./lib/environment-schema";
import {
  BRANCH,
  DECLARATIONS,
  ENVIRONMENT_NAMES,
  type EnvironmentName,
  hostOf,
  isEnvironmentName,
  otherEnvironmentOfUrl,
  otherEnvironments,
  PRODUCTION,
} from "./lib/environments";

export const NAMESPACE = "chef-chopsky";

const seconds = (min: number, max: number) => z.number().int().min(min).max(max);
/** Optional keys default to "" in Pulumi.yaml (a declared key needs a default there): "" means absent. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** The plain (non-secret) config of a stack, under the `chef-chopsky:` namespace. */
export const plainConfigSchema = z.strictObject({
  frontendUrl: httpsUrl("the frontend URL"),
  agentUrl: httpsUrl("the agent URL"),
  supabaseUrl: httpsUrl("the Supabase project URL"),
  supabaseProjectRef: optional(supabaseProjectRef()),
  branch: z.string().min(1),
  githubRepository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'expected "owner/name"'),
  vercelProjectName: z
    .string()
    .regex(/^[a-z0-9._-]{1,100}$/, "expected a Vercel project name")
    .default("chef-chopsky"),
  vercelRootDirectory: z.string().min(1).default("frontend"),
  vercelProjectId: optional(z.string().regex(/^prj_[A-Za-z0-9]+$/, "expected a Vercel project id (prj_…)")),
  productionStack: optional(z.string().regex(/^[^/]+\/[^/]+\/[^/]+$/, 'expected "org/project/stack"')),
  railwayProjectId: uuid("the Railway project id"),
  railwayEnvironmentId: uuid("the Railway environment id"),
  railwayServiceId: uuid("the Railway service id"),
  agentCommit: optional(gitSha()),
  agentDeployTimeoutSeconds: seconds(30, 3600).default(900),
  agentHealthTimeoutSeconds: seconds(5, 1800).default(300),
  frontendMonitorIntervalSeconds: monitorIntervalSeconds().default(300),
  agentMonitorIntervalSeconds: monitorIntervalSeconds().default(300),
  healthLatencyThresholdMs: z.number().int().min(50).max(60000).default(2000),
  secretRotationDays: z.number().int().min(1).max(3650).default(90),
  uptimeRobotApiUrl: httpsUrl("the UptimeRobot API base URL").default("https://api.uptimerobot.com/v2"),
  railwayApiUrl: httpsUrl("the Railway GraphQL URL").default("https://backboard.railway.com/graphql/v2"),
  supabaseApiUrl: httpsUrl("the Supabase Management API base URL").default("https://api.supabase.com"),
});

export type PlainConfig = z.output<typeof plainConfigSchema>;

/** The validated config of one stack. */
export interface StackConfig extends PlainConfig {
  environment: EnvironmentName;
  supabaseProjectRef: string;
  /**
   * `github:baseUrl`, when set: the GitHub API the provider calls (GitHub Enterprise, or the engine suite's fake).
   * The GitHub provider is explicit (components/github.ts), and an explicit provider reads no stack config itself.
   */
  githubBaseUrl?: string;
}

/** The GitHub provider's own key that the program passes on (see {@link StackConfig.githubBaseUrl}). */
export const GITHUB_BASE_URL_KEY = "github:baseUrl";

/** One problem in a stack's config. */
export interface ConfigIssue {
  /** The full config key path, e.g. `chef-chopsky:agentUrl`. */
  path: string;
  message: string;
}

/**
 * Thrown before any resource is registered; its message lists every problem by key path, each with the command that
 * fixes it. A `pulumi.RunError`, so that under the CLI the language host prints the message alone: no stack trace,
 * no dump of the error object (whose colour codes would land in CI logs).
 */
export class ConfigError extends pulumi.RunError {
  constructor(
    /** The stack whose config is invalid. (Not `stack`: that would overwrite `Error.stack`.) */
    readonly stackName: string,
    readonly issues: ConfigIssue[],
  ) {
    super(
      `Invalid configuration for stack "${stackName}" (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
        issues.map((i) => `  - ${i.path}: ${withFix(i, stackName)}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

const DECLARATIONS_FILE = "lib/environments.ts";

/** The problem's message, ending with the command that fixes it (unless the message already says one). */
function withFix(issue: ConfigIssue, stack: string): string {
  if (issue.message.includes("`pulumi ")) return issue.message;
  if (issue.path === "stack") return `${issue.message}: run \`pulumi stack select production\` (or staging)`;
  if (issue.path === DECLARATIONS_FILE)
    return `${issue.message}: fix the declaration (docs/RUNBOOK.md, Adding a new environment)`;
  if (/^unknown key|must not be set on/.test(issue.message))
    return `${issue.message}: run \`pulumi config rm ${issue.path} --stack ${stack}\``;
  return `${issue.message}: run \`pulumi config set ${issue.path} <value> --stack ${stack}\``;
}

/** Adds a problem to the list {@link validateConfig} throws. */
type Report = (path: string, message: string) => void;

/** Options of {@link validateConfig}. */
export interface ValidateOptions {
  /**
   * The offline synth's stand-ins for secrets (`synth-placeholder-secret:<stack>:<key>`): known not to be real, so
   * their strength is not judged. Only the synth passes them; under the CLI such a value is refused as a placeholder.
   */
  placeholders?: readonly string[];
}

/**
 * Validates a stack's raw config (as `pulumi.runtime.allConfig()` returns it: full keys, values as strings or
 * JSON) and returns it typed, or throws one {@link ConfigError} listing every problem. Secret values are checked for
 * presence, for being stored as secrets, and for strength (lib/secret-strength.ts: the service's real format, not a
 * placeholder); their values never reach a message.
 */
export function validateConfig(
  stack: string,
  raw: Record<string, string>,
  isSecret: (key: string) => boolean,
  options: ValidateOptions = {},
): StackConfig {
  const issues: ConfigIssue[] = [];
  const report: Report = (path, message) => issues.push({ path, message });
  // The environment declarations first: everything else is judged against them (lib/environments.ts loads them
  // without checking, so that the policy pack need not load zod).
  for (const message of declarationProblems(DECLARATIONS)) report(DECLARATIONS_FILE, message);
  if (!isEnvironmentName(stack)) {
    report(
      "stack",
      `expected the stack to be one of the declared environments (lib/environments.ts): ${ENVIRONMENT_NAMES.join(", ")}; got ${JSON.stringify(stack)}`,
    );
  }
  // An undeclared stack is checked as the first environment other than production, so that its other problems are
  // reported too.
  const env: EnvironmentName = isEnvironmentName(stack) ? stack : otherEnvironments(PRODUCTION.name)[0];
  const secretKeys = secretKeysOfNamespace(NAMESPACE);
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!key.startsWith(`${NAMESPACE}:`)) continue;
    if (secretKeys.has(key)) continue;
    const name = key.slice(NAMESPACE.length + 1);
    // A value its key's schema takes as text stays text (an all-digit commit sha is not a number).
    const schema = (plainConfigSchema.shape as Record<string, z.ZodType | undefined>)[name];
    plain[name] = schema?.safeParse(value).success ? value : parseValue(value);
  }
  // reportInput: zod 4 leaves `input` out of issues by default, and a wrong-typed value is not a missing key.
  const parsed = plainConfigSchema.safeParse(plain, { reportInput: true });
  for (const issue of parsed.error?.issues ?? []) {
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys)
        report(`${NAMESPACE}:${k}`, "unknown key (a typo?); see Pulumi.yaml for the keys this project reads");
    } else {
      const path = issue.path.length ? `${NAMESPACE}:${issue.path.join(".")}` : NAMESPACE;
      const missing = issue.code === "invalid_type" && issue.input === undefined;
      report(path, missing ? `required key is missing (${issue.message})` : issue.message);
    }
  }
  issues.push(...secretIssues(env, stack, NAMESPACE, raw, isSecret, options.placeholders));
  // The rules that relate values to each other run on whatever is readable, so one run reports every problem.
  crossEnvironmentIssues(env, plain, report);
  const supabaseUrl = typeof plain.supabaseUrl === "string" ? plain.supabaseUrl : "";
  const ref =
    (typeof plain.supabaseProjectRef === "string" && plain.supabaseProjectRef) || supabaseRefOfUrl(supabaseUrl);
  if (!ref && supabaseUrl && !issues.some((i) => i.path === `${NAMESPACE}:supabaseUrl`))
    report(`${NAMESPACE}:supabaseProjectRef`, "required when supabaseUrl is not https://<ref>.supabase.co");
  const githubBaseUrl = raw[GITHUB_BASE_URL_KEY];
  const baseUrlCheck = httpsUrl("the GitHub API base URL").optional().safeParse(githubBaseUrl);
  if (!baseUrlCheck.success) report(GITHUB_BASE_URL_KEY, baseUrlCheck.error.issues[0].message);
  if (!parsed.success || issues.length || !ref) throw new ConfigError(stack, issues);
  return { ...parsed.data, environment: env, supabaseProjectRef: ref, ...(githubBaseUrl ? { githubBaseUrl } : {}) };
}

/** The rules that relate values to the environment: branch, and no host of another environment. */
function crossEnvironmentIssues(env: EnvironmentName, cfg: Record<string, unknown>, report: Report): void {
  if (typeof cfg.branch === "string" && cfg.branch !== BRANCH[env])
    report(`${NAMESPACE}:branch`, `expected "${BRANCH[env]}" for the ${env} stack, got ${JSON.stringify(cfg.branch)}`);
  for (const key of ["frontendUrl", "agentUrl", "supabaseUrl"] as const) {
    const value = cfg[key];
    const owner = typeof value === "string" ? otherEnvironmentOfUrl(value, env) : undefined;
    const host = hostOf(String(value));
    if (owner) report(`${NAMESPACE}:${key}`, `${host} is a ${owner} host; the ${env} stack must not point at ${owner}`);
  }
}

/** Config values arrive as strings; numbers and booleans are JSON-encoded by the CLI. */
function parseValue(value: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(value) || value === "true" || value === "false") return JSON.parse(value);
  return value;
}

/** Reads and validates the running stack's config. */
export function loadConfig(): StackConfig {
  const raw = pulumi.runtime.allConfig();
  const placeholders = (globalThis as Record<symbol, readonly string[] | undefined>)[OFFLINE_SLOT];
  return validateConfig(pulumi.getStack(), raw, isConfigSecret, { placeholders });
}

// The offline synth's placeholders, in a slot on globalThis: set by dev/synth for the run it makes, never by the
// program, so that under the CLI a placeholder value is judged (and refused) like any other.
const OFFLINE_SLOT = Symbol.for("chef-chopsky.offline-placeholders");

/** For the offline synth (dev/synth) only: the placeholder values of the run about to start; undefined clears. */
export function setOfflinePlaceholders(values: readonly string[] | undefined): void {
  (globalThis as Record<symbol, unknown>)[OFFLINE_SLOT] = values;
}

/**
 * Whether the CLI passed a key as a secret (`PULUMI_CONFIG_SECRET_KEYS`). The SDK keeps this function internal,
 * so it is reached through the runtime module; pinned with @pulumi/pulumi in the lockfile.
 */
function isConfigSecret(key: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (k: string) => boolean };
  return runtimeConfig.isConfigSecret ? runtimeConfig.isConfigSecret(key) : true;
}

/** A config secret as a secret Output; the key is a full key such as `chef-chopsky:openaiApiKey`. */
export function secretOf(fullKey: string): pulumi.Output<string> {
  const [ns, ...rest] = fullKey.split(":");
  return new pulumi.Config(ns).requireSecret(rest.join(":"));
}
