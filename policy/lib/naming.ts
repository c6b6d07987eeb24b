/**
 * Names that belong to an environment. The runbook names things by environment (`PRODUCTION_SUPABASE_URL`,
 * `RAILWAY_STAGING_TOKEN`, `UPTIME_ROBOT_PROD_AGENT_ID`, `chef-chopsky-staging`), so a name that carries another
 * environment's label (its declaration's `labels`, lib/environments.ts) is the cheapest, most reliable sign that a
 * stack reaches across the boundary.
 */
import { catalogReferencesIn, foreignSecrets } from "../../lib/catalog";
import { type EnvironmentName, environmentsNamedIn } from "../../lib/environments";

export { environmentsNamedIn } from "../../lib/environments";

/** The other environments an identifier is named for, when it is not also named for `env` itself. */
export function namedForOthers(identifier: string, env: EnvironmentName): EnvironmentName[] {
  const named = environmentsNamedIn(identifier);
  return named.includes(env) ? [] : named;
}

/** Whether an identifier is named for another environment than `env` (and not also for `env` itself). */
export function isNamedForOther(identifier: string, env: EnvironmentName): boolean {
  return namedForOthers(identifier, env).length > 0;
}

/**
 * The references to other environments in a free-form value: UPPER_SNAKE identifiers named for one
 * (`${PRODUCTION_OPENAI_API_KEY}`) and `catalog:NAME` references to their catalog secrets. Plain words are not
 * references: `NODE_ENV=production` on staging is how a Node build is made, not a reach into production.
 */
export function foreignReferencesIn(text: string, env: EnvironmentName): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) if (isNamedForOther(m[0], env)) found.add(m[0]);
  const foreign = new Set(foreignSecrets(env).map((s) => s.name));
  for (const name of catalogReferencesIn(text)) if (foreign.has(name)) found.add(`catalog:${name}`);
  return [...found];
}
