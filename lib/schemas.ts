/**
 * The zod schemas of the formats checked in more than one place, built from the patterns and predicates of
 * lib/formats.ts: the stack config (config.ts), the tools' settings (deploy/, ops/) and the dynamic providers'
 * `check` use these, so that a rule cannot drift between its copies.
 *
 * No message here quotes the value it rejects (except {@link httpsUrl}, for plain config): some of these formats are
 * checked on values that sit next to secrets (command environments, provider inputs).
 *
 * Each schema is a factory, not an instance, so that no caller can change a schema another one uses.
 */
import { z } from "zod";
import { ENVIRONMENT_NAMES, type EnvironmentName } from "./environments";
import { FINGERPRINT, GIT_SHA, isHttpsUrl, isHttpUrl, SUPABASE_PROJECT_REF, UUID } from "./formats";

/** A Supabase project ref (see {@link SUPABASE_PROJECT_REF}). */
export const supabaseProjectRef = () =>
  z.string().regex(SUPABASE_PROJECT_REF, "expected a Supabase project ref (20 lowercase letters)");

/** A UUID, e.g. a Railway id; `what` names it in the message: `uuid("the Railway project id")`. */
export const uuid = (what = "an id") => z.string().regex(UUID, `expected ${what} (a UUID)`);

/** A full git commit sha (see {@link GIT_SHA}). */
export const gitSha = () => z.string().regex(GIT_SHA, "expected a full git commit sha (40 hex characters)");

/** A keyed fingerprint of a secret (see {@link FINGERPRINT}). */
export const fingerprintSchema = (what = "a keyed fingerprint") =>
  z.string().regex(FINGERPRINT, `expected ${what} (hmac-sha256: and 64 hex digits)`);

/** An http or https URL (a service to probe, a fake's address). Never echoes the value: it may be a web-hook. */
export const httpUrl = () => z.string({ error: "expected an https or http URL" }).refine(isHttpUrl);

/**
 * An https URL (http only on loopback); `what` names it. Only for plain config values: the message quotes the
 * value, so that a typo is visible.
 */
export const httpsUrl = (what: string) =>
  z
    .string({ error: `expected ${what} (an https URL)` })
    .refine(isHttpsUrl, { error: (iss) => `expected ${what} as an https URL, got ${JSON.stringify(iss.input)}` });

/**
 * Seconds between two checks of an UptimeRobot monitor: 30 s (the shortest of the paid plans; the Free plan's is
 * 300) to one day, as `newMonitor`'s `interval` takes it (docs/reference/API-FACTS.md, UptimeRobot).
 */
export const monitorIntervalSeconds = () =>
  z.number({ error: "expected a whole number of seconds from 30 to 86400" }).int().min(30).max(86400);

/** A stack name (lib/environments.ts): what the stack outputs, the health and the secrets tools read. */
export const environmentNameSchema = () => z.enum(ENVIRONMENT_NAMES as [EnvironmentName, ...EnvironmentName[]]);

/** One secret in the stack output `secretAges` (lib/secret-record.ts). */
const secretAgeSchema = z.object({
  /** `hmac-sha256:` and 64 hex digits; for the fingerprint key itself, its key id. */
  fingerprint: fingerprintSchema("an hmac-sha256 fingerprint"),
  /** The UTC date (YYYY-MM-DD) the value last changed, or was first recorded. Absent offline (no `pulumi up`). */
  changed: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
    .optional(),
});
export type SecretAge = z.infer<typeof secretAgeSchema>;

/** The stack output `secretAges` that the program writes (lib/secret-record.ts) and `npm run secrets`/`status` read. */
export const secretAgesSchema = z.object({
  /** The rotation period (config `chef-chopsky:secretRotationDays`). */
  rotationDays: z.number().int().positive(),
  /** Identifies the fingerprint key without revealing it: two stacks with the same key id can compare fingerprints. */
  keyId: fingerprintSchema("a key id"),
  /** By full config key, e.g. `chef-chopsky:openaiApiKey`. */
  secrets: z.record(z.string(), secretAgeSchema),
});
export type SecretAgesOutput = z.infer<typeof secretAgesSchema>;
