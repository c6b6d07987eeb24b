/**
 * The age of a stack's secrets, from its `secretAges` output (components/secrets.ts), read with the schema
 * `npm run secrets` reads it with: `{ rotationDays, keyId, secrets: { "<config key>": { fingerprint, changed:
 * "YYYY-MM-DD" } } }`. Only names and dates are taken from it; fingerprints are never printed.
 */
import { secretAgesSchema } from "../../lib/schemas";
import { ageInDays } from "../../lib/secret-record";
import { firstProblem } from "../health/outputs";
import type { SecretAge, SecretAges } from "./report";

/**
 * The ages of the secrets a stack recorded.
 * @param output - the `secretAges` output, or undefined when the stack has none.
 * @param now - the time to measure from (ms since the epoch).
 * @returns `not recorded` without the output, the ages (oldest first), or `unknown` when it cannot be read.
 */
export function secretAges(output: unknown, now: number): SecretAges {
  if (output === undefined || output === null) return { state: "not recorded" };
  if (output === "[secret]") return { state: "unknown", reason: "secretAges is a secret output (expected plain)" };
  const parsed = secretAgesSchema.safeParse(output);
  if (!parsed.success) return { state: "unknown", reason: `secretAges: ${firstProblem(parsed.error)}` };
  const secrets: SecretAge[] = [];
  for (const [name, { changed }] of Object.entries(parsed.data.secrets)) {
    const ageDays = changed === undefined ? undefined : ageInDays(changed, new Date(now));
    if (ageDays === undefined) return { state: "unknown", reason: `secretAges: no date of last change for ${name}` };
    secrets.push({ name, changedAt: `${changed}T00:00:00.000Z`, ageDays: Math.max(0, ageDays) });
  }
  if (secrets.length === 0) return { state: "unknown", reason: "secretAges: expected a date per secret" };
  return { state: "recorded", secrets: secrets.sort((a, b) => b.ageDays - a.ageDays || a.name.localeCompare(b.name)) };
}
