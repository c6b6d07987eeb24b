/**
 * Production's published fingerprints: the channel through which every other environment (staging, …) compares its
 * secrets with production's without any access to the production stack (runbook: "Use separate secrets for different
 * environments").
 *
 * Production's `pulumi up` writes a GitHub Actions repository variable, {@link FINGERPRINTS_VARIABLE}, holding the key
 * id of `chef-chopsky:secretFingerprintKey` and the keyed fingerprints (lib/fingerprint.ts) of the few production
 * secrets another environment could plausibly share ({@link publishedKeys}); never a value, never a date. Staging
 * reads it with its own GitHub token (`github.getActionsVariables`, GitHub's "List repository variables": the token
 * needs the repository permission "Variables: read"), so a staging credential needs no Stack Read on production,
 * which would decrypt production's secrets.
 *
 * Why publishing these fingerprints is acceptable although every collaborator can read a repository variable and the
 * staging CI (which any `feat/*` pusher can use) holds the fingerprint key: with the key, a fingerprint lets one test
 * a guess of the whole value, offline. Only the values below are published, and production's config validation
 * refuses each of them unless it has its service's real format and length and no placeholder shape
 * (lib/secret-strength.ts): 34 to 150+ characters, the weakest a Railway token (a UUID: 122 random bits) and a
 * Supabase secret key (24+ base-62 characters after `sb_secret_`: 143 bits), beyond any guess list (the Supabase
 * publishable key is public anyway). The date a value changed and every other secret (LangSmith, Sentry, UptimeRobot,
 * the alert web-hook, the Vercel token) stay in production's state.
 */
import { FINGERPRINT_KEY } from "./fingerprint";
import { otherEnvironments, PRODUCTION } from "./environments";
import { requiredConfigSecrets } from "./catalog";
import { mustDifferFromProduction, SHOULD_DIFFER_FROM_PRODUCTION, type SecretAgesOutput } from "./secret-record";

/**
 * The repository variable production publishes its fingerprints in (upper-case: GitHub shows and lists variable
 * names upper-case, and compares them without regard to case).
 */
export const FINGERPRINTS_VARIABLE = "CHEF_CHOPSKY_PRODUCTION_FINGERPRINTS";

/** The published record: `{ format, keyId, secrets: { <config key>: { fingerprint } } }`, as JSON. */
export interface PublishedFingerprints extends Pick<SecretAgesOutput, "keyId"> {
  /** The record's format, for a later version to tell old records apart. */
  format: 1;
  secrets: Record<string, { fingerprint: string }>;
}

/**
 * The production secrets whose fingerprints are published: the counterparts of what every other environment must not
 * share with production (its own catalog secrets) and of the tools' credentials it should not share (a warning).
 */
export function publishedKeys(): string[] {
  const compared = otherEnvironments(PRODUCTION.name).flatMap((env) => [
    ...mustDifferFromProduction(env),
    ...SHOULD_DIFFER_FROM_PRODUCTION,
  ]);
  const own = requiredConfigSecrets(PRODUCTION.name);
  return [...new Set(compared)].filter((k) => own.includes(k) && k !== FINGERPRINT_KEY).sort();
}

/**
 * The variable's value: the published record of production's fingerprint record (fingerprints of
 * {@link publishedKeys} only), as compact JSON, keys sorted (a stable value gives no diff).
 */
export function publishedValue(record: Pick<SecretAgesOutput, "keyId" | "secrets">): string {
  const published: PublishedFingerprints = { format: 1, keyId: record.keyId, secrets: {} };
  for (const key of publishedKeys()) {
    const fp = record.secrets[key]?.fingerprint;
    if (fp !== undefined) published.secrets[key] = { fingerprint: fp };
  }
  return JSON.stringify(published);
}

/**
 * The published record among a repository's variables, as `compareWithProduction` takes production's record:
 * undefined when the variable is absent (production has not published yet), its parsed JSON otherwise, or `{}` when
 * it is not JSON (compared as "unreadable").
 */
export function readPublished(variables: readonly { name: string; value: string }[] | undefined): unknown {
  const found = (variables ?? []).find((v) => v.name.toUpperCase() === FINGERPRINTS_VARIABLE);
  if (found === undefined) return undefined;
  try {
    return JSON.parse(found.value) as unknown;
  } catch {
    return {};
  }
}
