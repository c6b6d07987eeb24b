/**
 * Names that belong to an environment. The runbook names things by environment (`PRODUCTION_SUPABASE_URL`,
 * `RAILWAY_STAGING_TOKEN`, `UPTIME_ROBOT_PROD_AGENT_ID`, `chef-chopsky-staging`), so a name that carries another
 * environment's label (its declaration's `labels`, lib/environments.ts) is the cheapest, most reliable sign that a
 * stack reaches across the boundary.
 */
import { catalogReferencesIn, foreignSecrets } from "../../lib/catalog";
import { type EnvironmentName, environmentsNamedIn } from "../../lib/environments";

/**
 * The other environments an identifier is named for, as a message says them (`"production"`, `"production and
 * staging"`); undefined when it is named for none, or also for `env` itself.
 */
export function namedForOthers(identifier: string, env: EnvironmentName): string | undefined {
  const named = environmentsNamedIn(identifier);
  return named.length === 0 || named.includes(env) ? undefined : named.join(" and ");
}

/**
 * The references to other environments in a free-form value: UPPER_SNAKE identifiers named for one
 * (`${PRODUCTION_OPENAI_API_KEY}`) and `catalog:NAME` references to their catalog secrets. Plain words are not
 * references: `NODE_ENV=production` on staging is how a Node build is made, not a reach into production.
 */
export function foreignReferencesIn(text: string, env: EnvironmentName): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) if (namedForOthers(m[0], env)) found.add(m[0]);
  const foreign = new Set(foreignSecrets(env).map((s) => s.name));
  for (const name of catalogReferencesIn(text)) if (foreign.has(name)) found.add(`catalog:${name}`);
  return [...found];
}
