/**
 * The runbook's environments, each declared once. Everything else follows from these declarations: the stacks and
 * their config validation, the GitHub environments and their branch policies, the catalog secrets of each
 * environment (lib/catalog.ts), the Vercel target or preview branch, the monitors and health checks, the policy
 * pack's isolation between every pair of environments, the CI stack lists (checked by tests/workflows-environments
 * .test.ts) and the generated docs.
 *
 * Adding an environment: declare it in {@link DECLARATIONS} and add its `Pulumi.<name>.yaml` (docs/RUNBOOK.md,
 * "Adding a new environment"). No Pulumi here, so everything is testable without mocks.
 *
 * No zod here either: the policy pack loads this module on every start-up. The declarations' format and the rules
 * between them are lib/environment-schema.ts, checked where the config is read (config.ts: every synth, preview and
 * up refuses inconsistent declarations before anything is registered) and by tests/environments.test.ts.
 */
import type { EnvironmentDeclaration, SharedEnvironment, StackEnvironmentDeclaration } from "./environment-schema";

export type { EnvironmentDeclaration, SharedEnvironment } from "./environment-schema";

/** Every environment, in the runbook's order. */
export const DECLARATIONS = [
  {
    name: "production",
    title: "Production",
    branch: "main",
    labels: ["production", "prod"],
    production: true,
    tracing: true,
    secretLabel: "PRODUCTION",
    monitorLabel: "PROD",
  },
  { name: "staging", title: "Staging", branch: "staging", labels: ["staging", "stage", "stg"] },
  { name: "feature", title: "Feature", sharesWith: "staging", branches: ["feat/*", "feature/*"], appEnv: "preview" },
  // Declare a new environment above this line, then add its Pulumi.<name>.yaml.
] as const satisfies readonly EnvironmentDeclaration[];

type Declared = (typeof DECLARATIONS)[number];
/** A stack environment, with its labels resolved. */
export type StackEnvironment = Omit<StackEnvironmentDeclaration, "name"> & {
  name: EnvironmentName;
  secretLabel: string;
  monitorLabel: string;
};
/** The name of an environment with a stack of its own (`production`, `staging`): a stack name. */
export type EnvironmentName = Exclude<Declared, { sharesWith: string }>["name"];

/** The default label of an environment's secret names: its name in UPPER_SNAKE (`demo` → `DEMO`). */
export function secretLabelOf(envName: string): string {
  return envName.toUpperCase().replace(/-/g, "_");
}

const declared = DECLARATIONS as readonly EnvironmentDeclaration[];

/** The environments with a stack of their own, in declaration order (defaults: lib/environment-schema.ts). */
export const STACK_ENVIRONMENTS: readonly StackEnvironment[] = declared.flatMap((d) => {
  if ("sharesWith" in d) return [];
  const label = d.secretLabel ?? secretLabelOf(d.name);
  return [
    {
      ...d,
      labels: [...d.labels],
      production: d.production ?? false,
      tracing: d.tracing ?? false,
      name: d.name as EnvironmentName,
      secretLabel: label,
      monitorLabel: d.monitorLabel ?? label,
    },
  ];
});
/** The environments without a stack, served by another's (with their defaults). */
export const SHARED_ENVIRONMENTS: readonly SharedEnvironment[] = declared.flatMap((d) =>
  "sharesWith" in d ? [{ ...d, branches: [...d.branches], appEnv: d.appEnv ?? d.name }] : [],
);
/** The stack names, in declaration order: `["production", "staging"]`. */
export const ENVIRONMENT_NAMES: readonly EnvironmentName[] = STACK_ENVIRONMENTS.map((e) => e.name);

export function isEnvironmentName(value: string): value is EnvironmentName {
  return (ENVIRONMENT_NAMES as readonly string[]).includes(value);
}

/** The declaration of a stack environment. */
export function declarationOf(env: EnvironmentName): StackEnvironment {
  const found = STACK_ENVIRONMENTS.find((e) => e.name === env);
  if (!found) throw new Error(`no environment "${env}": expected one of ${ENVIRONMENT_NAMES.join(", ")}`);
  return found;
}

/** The environment of real users. */
export const PRODUCTION: StackEnvironment = STACK_ENVIRONMENTS.find((e) => e.production)!;

/** A record with one value per stack environment. */
export function byEnvironment<T>(value: (env: EnvironmentName) => T): Record<EnvironmentName, T> {
  return Object.fromEntries(ENVIRONMENT_NAMES.map((e) => [e, value(e)])) as Record<EnvironmentName, T>;
}

/** The branch each stack deploys from (runbook: Environment Overview). */
export const BRANCH = byEnvironment((e) => declarationOf(e).branch);

/** The environments that share a stack environment's agent and database (staging: the feature previews). */
export function sharersOf(env: EnvironmentName): SharedEnvironment[] {
  return SHARED_ENVIRONMENTS.filter((s) => s.sharesWith === env);
}

/** Whether a GitHub branch pattern matches more than one branch (`feat/*`). */
export const isBranchPattern = (branch: string) => /[*?[]/.test(branch);

/** Whether a stack serves every preview branch that no environment names (a sharer deploys from a pattern). */
export function servesAllPreviews(env: EnvironmentName): boolean {
  return sharersOf(env).some((s) => s.branches.some(isBranchPattern));
}

/** The exact branches whose previews a stack serves besides its own (a sharer's branches without patterns). */
export function servedPreviewBranches(env: EnvironmentName): string[] {
  return sharersOf(env).flatMap((s) => s.branches.filter((b) => !isBranchPattern(b)));
}

/** The branch patterns a GitHub environment may be deployed from: its branch and its sharers' (runbook). */
export const DEPLOY_BRANCH_PATTERNS: Record<EnvironmentName, readonly string[]> = byEnvironment((e) => [
  BRANCH[e],
  ...sharersOf(e).flatMap((s) => s.branches),
]);

/** Every stack environment but `env`: the ones it must never touch. */
export function otherEnvironments(env: EnvironmentName): EnvironmentName[] {
  return ENVIRONMENT_NAMES.filter((e) => e !== env);
}

/** The words of an identifier or host name: split on non-alphanumerics and on camelCase humps, lower-cased. */
export function wordsOf(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** The environments an identifier or host name is named for by its labels (`RAILWAY_STAGING_TOKEN` → staging). */
export function environmentsNamedIn(identifier: string): EnvironmentName[] {
  const words = new Set(wordsOf(identifier));
  return STACK_ENVIRONMENTS.filter((e) => e.labels.some((l) => words.has(l))).map((e) => e.name);
}

const PREVIEW_HOST = /-git-/; // Vercel preview deployments: <project>-git-<branch>.vercel.app

/**
 * Which environment a host name belongs to by its name, as the runbook names them
 * (`chef-chopsky-production.up.railway.app`, `chef-chopsky-git-staging.vercel.app`, …): the one environment its
 * labels name; a Vercel preview host that names none belongs to the environment that serves every preview branch.
 * Undefined when the name says nothing (a Supabase project ref, a custom domain) or names several environments.
 */
export function environmentOfHost(host: string): EnvironmentName | undefined {
  const named = environmentsNamedIn(host.toLowerCase());
  if (named.length === 1) return named[0];
  if (named.length > 1 || !PREVIEW_HOST.test(host)) return undefined;
  return ENVIRONMENT_NAMES.find((e) => servesAllPreviews(e));
}

/** The host of a URL, or undefined when it is not a URL. */
export function hostOf(url: string): string | undefined {
  return URL.parse(url)?.hostname.toLowerCase();
}

/** The environment a URL points at by its host name, when that is another one than `env`. */
export function otherEnvironmentOfUrl(url: string, env: EnvironmentName): EnvironmentName | undefined {
  const host = hostOf(url);
  const owner = host === undefined ? undefined : environmentOfHost(host);
  return owner !== env ? owner : undefined;
}

/**
 * The preview URL pattern of a Vercel project's feature environments (runbook: Feature Environments,
 * `https://chef-chopsky-git-{branch-name}.vercel.app`), in the wildcard form Supabase's redirect allow list takes.
 */
export function previewUrlPattern(vercelProjectName: string): string {
  return `https://${vercelProjectName}-git-*.vercel.app`;
}

/** The preview URL of one branch, as Vercel forms it (slashes become dashes). */
export function previewUrl(vercelProjectName: string, branch: string): string {
  const slug = branch
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `https://${vercelProjectName}-git-${slug}.vercel.app`;
}

/**
 * The preview origins a stack's agent and auth settings admit: the URL pattern of every preview branch when it
 * serves them all, and the preview URL of each exact branch it serves. Empty for an environment that serves none.
 */
export function servedPreviewUrls(env: EnvironmentName, vercelProjectName: string): string[] {
  return [
    ...(servesAllPreviews(env) ? [previewUrlPattern(vercelProjectName)] : []),
    ...servedPreviewBranches(env).map((b) => previewUrl(vercelProjectName, b)),
  ];
}
