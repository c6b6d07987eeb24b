/**
 * Property values as the provider protocol hands them to `@pulumi/pulumi/provider` (the server accepts secrets):
 * a secret is `{[sigKey]: secretSig, value}`, a value unknown during preview is a fixed sentinel string. The
 * stand-in reveals secrets only to send them to the fake, and wraps them again in what it returns.
 */
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";

export function isSecret(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[specialSigKey] === specialSecretSig;
}

/** `v` as a secret (once: an already secret value is returned as is). */
export function secret(v: unknown): unknown {
  return isSecret(v) || v === undefined ? v : { [specialSigKey]: specialSecretSig, value: v };
}

/** `v` with every secret wrapper removed, at any depth. */
export function reveal(v: unknown): unknown {
  if (isSecret(v)) return reveal(v.value);
  if (Array.isArray(v)) return v.map(reveal);
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reveal(x)]));
  return v;
}

/** True when `v` is, or holds, a value not known yet (preview). */
export function hasUnknown(v: unknown): boolean {
  if (v === unknownValue) return true;
  if (isSecret(v)) return hasUnknown(v.value);
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (typeof v === "object" && v !== null) return Object.values(v).some(hasUnknown);
  return false;
}

/** An optional string property: undefined, null and "" are all "not set" (as Terraform's null). */
export function optional(v: unknown): string | undefined {
  const r = reveal(v);
  return r === undefined || r === null || r === "" ? undefined : String(r);
}

/** A set of strings, order-free, for comparison (Terraform `SetAttribute`s such as `targets`). */
export function sameSet(a: unknown, b: unknown): boolean {
  const norm = (x: unknown) => (Array.isArray(x) ? [...new Set(x.map(String))].sort() : []);
  return JSON.stringify(norm(reveal(a))) === JSON.stringify(norm(reveal(b)));
}
