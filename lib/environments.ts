/**
 * The runbook's environments as plain data and pure functions: which stacks exist, which branches deploy to them,
 * and which host names belong to which environment. No Pulumi here, so everything is testable without mocks.
 */

/** The two stacks of this project; feature environments belong to staging. */
export const ENVIRONMENTS = ["production", "staging"] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** The branch each stack deploys from (runbook: Environment Overview). */
export const BRANCH: Record<EnvironmentName, string> = { production: "main", staging: "staging" };

/** The branch patterns a GitHub environment may be deployed from (runbook: Deployment Overview). */
export const DEPLOY_BRANCH_PATTERNS: Record<EnvironmentName, readonly string[]> = {
  production: ["main"],
  staging: ["staging", "feat/*", "feature/*"],
};

/** The other environment: the one a stack must never touch. */
export function otherEnvironment(env: EnvironmentName): EnvironmentName {
  return env === "production" ? "staging" : "production";
}

export function isEnvironmentName(value: string): value is EnvironmentName {
  return (ENVIRONMENTS as readonly string[]).includes(value);
}

const STAGING_LABEL = /(^|[-.])(staging|stage|stg)([-.]|$)/;
const PREVIEW_LABEL = /-git-/; // Vercel preview deployments: <project>-git-<branch>.vercel.app
const PRODUCTION_LABEL = /(^|[-.])(production|prod)([-.]|$)/;

/**
 * Which environment a host name belongs to by its name, as the runbook names them
 * (`chef-chopsky-production.up.railway.app`, `chef-chopsky-git-staging.vercel.app`, …), or undefined when the name
 * says neither (a Supabase project ref, a custom domain).
 */
export function environmentOfHost(host: string): EnvironmentName | undefined {
  const h = host.toLowerCase();
  const staging = STAGING_LABEL.test(h) || PREVIEW_LABEL.test(h);
  const production = PRODUCTION_LABEL.test(h);
  if (staging && !production) return "staging";
  if (production && !staging) return "production";
  return undefined;
}

/** The host of a URL, or undefined when it is not a URL. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Whether a URL points at the other environment by its host name. */
export function pointsAtOtherEnvironment(url: string, env: EnvironmentName): boolean {
  const host = hostOf(url);
  return host !== undefined && environmentOfHost(host) === otherEnvironment(env);
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
