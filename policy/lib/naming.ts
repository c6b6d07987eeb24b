/**
 * Names that belong to an environment. The runbook names things by environment (`PRODUCTION_SUPABASE_URL`,
 * `RAILWAY_STAGING_TOKEN`, `UPTIME_ROBOT_PROD_AGENT_ID`, `chef-chopsky-staging`), so a name that carries the other
 * environment's label is the cheapest, most reliable sign that a stack reaches across the boundary.
 */
import { catalogReferencesIn, foreignSecrets } from "../../lib/catalog";
import { type EnvironmentName, otherEnvironment } from "../../lib/environments";

/** The words that name an environment, as whole words of an identifier. */
const LABELS: Record<EnvironmentName, ReadonlySet<string>> = {
  production: new Set(["production", "prod"]),
  staging: new Set(["staging", "stage", "stg"]),
};

/** The words of an identifier: split on non-alphanumerics and on camelCase humps, lower-cased. */
export function wordsOf(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** The environments an identifier is named for (`RAILWAY_STAGING_TOKEN` → staging). */
export function environmentsNamedIn(identifier: string): EnvironmentName[] {
  const words = wordsOf(identifier);
  return (Object.keys(LABELS) as EnvironmentName[]).filter((env) => words.some((w) => LABELS[env].has(w)));
}

/** Whether an identifier is named for the other environment of `env` (and not also for `env` itself). */
export function isNamedForOther(identifier: string, env: EnvironmentName): boolean {
  const named = environmentsNamedIn(identifier);
  return named.includes(otherEnvironment(env)) && !named.includes(env);
}

/**
 * The references to the other environment in a free-form value: UPPER_SNAKE identifiers named for it
 * (`${PRODUCTION_OPENAI_API_KEY}`) and `catalog:NAME` references to its catalog secrets. Plain words are not
 * references: `NODE_ENV=production` on staging is how a Node build is made, not a reach into production.
 */
export function foreignReferencesIn(text: string, env: EnvironmentName): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) if (isNamedForOther(m[0], env)) found.add(m[0]);
  const foreign = new Set(foreignSecrets(env).map((s) => s.name));
  for (const name of catalogReferencesIn(text)) if (foreign.has(name)) found.add(`catalog:${name}`);
  return [...found];
}
