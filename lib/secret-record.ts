/**
 * The stack's record of its secrets: for each config secret it requires (lib/catalog.ts `requiredConfigSecrets`), its
 * keyed fingerprint (lib/fingerprint.ts, never the value) and the date its value last changed. It is the stack output
 * `secretAges`, which serves two checks:
 * - unique secrets across environments: production publishes its fingerprints (lib/published-fingerprints.ts),
 *   staging compares its own with them, so no value ever leaves its stack (runbook: "Use separate secrets for
 *   different environments");
 * - secret age: `npm run secrets` lists the secrets older than the rotation period (runbook: "Rotate secrets
 *   regularly").
 *
 * The fingerprints carry no label, so that equal values are equal fingerprints across keys and stacks; they are
 * HMACs under a key only the stacks hold, so they mark nothing a guesser could test a candidate value against.
 */
import { SECRET_CATALOG } from "./catalog";
import type { EnvironmentName } from "./environments";
import { FINGERPRINT_KEY, fingerprint } from "./fingerprint";
// Types only: the schema is in lib/schemas.ts, since the policy pack loads this module and must not load zod.
import type { SecretAge, SecretAgesOutput } from "./schemas";

export type { SecretAgesOutput };

/** The key id of a fingerprint key: an HMAC of a fixed label under it. */
export function keyIdOf(fingerprintKey: string): string {
  return fingerprint(fingerprintKey, "", FINGERPRINT_KEY);
}

/** The record's fingerprints of a stack's secret values (keyed by full config key), without dates. */
export function fingerprintRecord(values: Readonly<Record<string, string>>): Omit<SecretAgesOutput, "rotationDays"> {
  const key = values[FINGERPRINT_KEY];
  if (key === undefined) throw new Error(`${FINGERPRINT_KEY} is required to fingerprint the stack's secrets`);
  const keyId = keyIdOf(key);
  const secrets: Record<string, SecretAge> = {};
  for (const [name, value] of Object.entries(values)) {
    secrets[name] = { fingerprint: name === FINGERPRINT_KEY ? keyId : fingerprint(key, value) };
  }
  return { keyId, secrets };
}

/**
 * The secrets of an environment that must differ from every production secret: the config secrets of its own catalog
 * entries (staging: the runbook's Staging table). The Monitoring table lists one value for both environments (an
 * UptimeRobot account has one main API key; one Sentry project and alert channel may serve both), so those are not
 * compared; the tools' credentials (GitHub, Supabase access token) are compared, and a shared one is a warning.
 */
export function mustDifferFromProduction(env: EnvironmentName): string[] {
  const keys = SECRET_CATALOG.flatMap((s) =>
    s.environment === env && s.source.kind === "configSecret" ? [s.source.key] : [],
  );
  return [...new Set(keys)];
}

/** Credentials of the tools that should differ per stack (revoking a shared one stops both). */
export const SHOULD_DIFFER_FROM_PRODUCTION = ["github:token", "chef-chopsky:supabaseAccessToken"] as const;

/** What staging's comparison with production found. */
export type Comparison =
  | { kind: "missing" }
  | { kind: "unreadable" }
  | { kind: "other-key" }
  | { kind: "compared"; reused: { key: string; productionKeys: string[] }[]; sharedCredentials: string[] };

/** Whether a value has the shape of production's record (its published fingerprints, or its `secretAges`). */
function isRecord(value: unknown): value is Pick<SecretAgesOutput, "keyId" | "secrets"> {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<SecretAgesOutput>;
  return (
    typeof v.keyId === "string" &&
    typeof v.secrets === "object" &&
    v.secrets !== null &&
    Object.values(v.secrets).every((s) => typeof (s as Partial<SecretAge>)?.fingerprint === "string")
  );
}

/**
 * Compares the record of an environment other than production (`env`, e.g. staging) with production's (its published
 * fingerprints or its output `secretAges`; undefined before production's first up).
 */
export function compareWithProduction(
  own: Omit<SecretAgesOutput, "rotationDays">,
  production: unknown,
  env: EnvironmentName,
): Comparison {
  if (production === undefined || production === null) return { kind: "missing" };
  if (!isRecord(production)) return { kind: "unreadable" };
  if (production.keyId !== own.keyId) return { kind: "other-key" };
  const byFingerprint = new Map<string, string[]>();
  for (const [key, s] of Object.entries(production.secrets)) {
    if (key === FINGERPRINT_KEY) continue;
    byFingerprint.set(s.fingerprint, [...(byFingerprint.get(s.fingerprint) ?? []), key]);
  }
  const reused = mustDifferFromProduction(env)
    .filter((key) => own.secrets[key] && byFingerprint.has(own.secrets[key].fingerprint))
    .map((key) => ({ key, productionKeys: byFingerprint.get(own.secrets[key].fingerprint) ?? [] }));
  const sharedCredentials = SHOULD_DIFFER_FROM_PRODUCTION.filter(
    (key) => own.secrets[key] && production.secrets[key]?.fingerprint === own.secrets[key].fingerprint,
  );
  return { kind: "compared", reused, sharedCredentials };
}

/** One secret older than the rotation period. */
export interface StaleSecret {
  key: string;
  changed: string;
  ageDays: number;
}

const DAY_MS = 86_400_000;

/** The whole days from a YYYY-MM-DD date to `now`, or undefined when the date is not one. */
export function ageInDays(changed: string, now: Date): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(changed)) return undefined;
  const then = Date.parse(`${changed}T00:00:00Z`);
  return Number.isNaN(then) ? undefined : Math.floor((now.getTime() - then) / DAY_MS);
}

/** The secrets of a record whose value is older than its rotation period at `now`, oldest first. */
export function staleSecrets(output: SecretAgesOutput, now: Date): StaleSecret[] {
  const stale: StaleSecret[] = [];
  for (const [key, s] of Object.entries(output.secrets)) {
    const age = s.changed === undefined ? undefined : ageInDays(s.changed, now);
    if (age !== undefined && age > output.rotationDays) stale.push({ key, changed: s.changed!, ageDays: age });
  }
  return stale.sort((a, b) => b.ageDays - a.ageDays || a.key.localeCompare(b.key));
}

/**
 * The command that rotates one secret (issue 13, point 2: `ops/` builds it). One place, so the report and the
 * runbook name it the same way.
 */
export function rotateCommand(stack: string, key: string): string {
  return `npm run rotate -- --stack ${stack} --secret ${key}`;
}
