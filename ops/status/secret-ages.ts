/**
 * The age of a stack's secrets, from its `secretAges` output (components/secrets.ts): `{ rotationDays, keyId,
 * secrets: { "<config key>": { fingerprint, changed: "YYYY-MM-DD" } } }`. Only names and dates are taken from it;
 * fingerprints and anything else are ignored, never printed. Simpler shapes (`{ NAME: date }`, `[{ name, changedAt }]`)
 * are read too, so that a hand-written outputs file works.
 */
import type { SecretAge, SecretAges } from "./report";

const DATE_FIELDS = ["changed", "changedAt", "lastChanged", "rotatedAt", "updatedAt", "since", "date"] as const;
const DAY_MS = 86_400_000;

function dateOf(value: unknown): string | undefined {
  if (typeof value === "string") return Number.isNaN(Date.parse(value)) ? undefined : value;
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const field of DATE_FIELDS) {
    const date = dateOf(typeof record[field] === "string" ? record[field] : undefined);
    if (date !== undefined) return date;
  }
  return undefined;
}

/**
 * The ages of the secrets a stack recorded.
 * @param output - the `secretAges` output, or undefined when the stack has none.
 * @param now - the time to measure from (ms since the epoch).
 * @returns `not recorded` without the output, the ages (oldest first), or `unknown` when it cannot be read.
 */
export function secretAges(output: unknown, now: number): SecretAges {
  if (output === undefined || output === null) return { state: "not recorded" };
  if (output === "[secret]") return { state: "unknown", reason: "secretAges is a secret output (expected plain)" };
  const record = output as { secrets?: unknown };
  if (typeof output === "object" && !Array.isArray(output) && typeof record.secrets === "object" && record.secrets)
    output = record.secrets;
  const entries: [string, unknown][] = Array.isArray(output)
    ? output.map((e: unknown) => [String((e as { name?: unknown } | null)?.name ?? ""), e] as [string, unknown])
    : typeof output === "object"
      ? Object.entries(output as Record<string, unknown>)
      : [];
  const secrets: SecretAge[] = [];
  for (const [name, value] of entries) {
    const changedAt = dateOf(value);
    if (name === "" || changedAt === undefined) {
      return { state: "unknown", reason: `secretAges: no date of last change for ${name || "an entry"}` };
    }
    const ageDays = Math.max(0, Math.floor((now - Date.parse(changedAt)) / DAY_MS));
    secrets.push({ name, changedAt: new Date(Date.parse(changedAt)).toISOString(), ageDays });
  }
  if (secrets.length === 0) return { state: "unknown", reason: "secretAges: expected a date per secret" };
  return { state: "recorded", secrets: secrets.sort((a, b) => b.ageDays - a.ageDays || a.name.localeCompare(b.name)) };
}
