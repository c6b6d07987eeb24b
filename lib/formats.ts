/**
 * The formats this project checks in more than one place, as patterns and predicates, each defined once here.
 * lib/schemas.ts builds the zod schemas of the config, the tools' settings and the dynamic providers' `check` from
 * them, and the policy pack (the independent safety net) uses them directly. No schema library here: the pack loads
 * this module on every start-up, where zod alone would cost a tenth of it (`npm run bench -- startup`).
 */

/**
 * A Supabase project ref: exactly 20 lowercase letters, no digits. Sources: the Management API's OpenAPI document
 * (tests/fixtures/schemas/supabase-management-api.openapi.json, path parameter `ref`: minLength 20, maxLength 20,
 * pattern `^[a-z]+$`) and the official CLI (github.com/supabase/cli, internal/utils/misc.go:
 * `ProjectRefPattern = ^[a-z]{20}$`).
 */
export const SUPABASE_PROJECT_REF = /^[a-z]{20}$/;

/**
 * The domains under which a project's ref is its host's first label (`<ref>.supabase.co`). `supabase.co` is the API
 * host of every project (the CLI's `ProjectHostPattern` knows it, and `supabase.red`, Supabase's own staging
 * platform, which no customer project uses). `supabase.in` is named by no official source for the API; it appears
 * in the wild as the storage host of early projects, so the policy pack, the safety net, recognises it as well.
 */
export const SUPABASE_API_DOMAIN = "supabase.co";
export const SUPABASE_LEGACY_DOMAINS: readonly string[] = ["supabase.in"];

/**
 * The project ref a host names: `abcdefghijklmnopqrst.supabase.co` → `abcdefghijklmnopqrst`. With `legacy`, the
 * legacy domains count too (the policy pack); without, only the API domain (the config's URL).
 */
export function supabaseRefOfHost(host: string, legacy = false): string | undefined {
  const domains = legacy ? [SUPABASE_API_DOMAIN, ...SUPABASE_LEGACY_DOMAINS] : [SUPABASE_API_DOMAIN];
  const [label, ...rest] = host.toLowerCase().split(".");
  return domains.includes(rest.join(".")) && SUPABASE_PROJECT_REF.test(label) ? label : undefined;
}

/** The project ref of a project URL (`https://<ref>.supabase.co`), or undefined. */
export function supabaseRefOfUrl(url: string): string | undefined {
  const host = URL.parse(url)?.hostname;
  return host === undefined ? undefined : supabaseRefOfHost(host);
}

/** A UUID in its textual form (Railway's project, environment, service and deployment ids), any version. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A full git commit sha, as Railway deploys it (`serviceInstanceDeployV2(commitSha)`): 40 lowercase hex digits. */
export const GIT_SHA = /^[0-9a-f]{40}$/;

/** A keyed fingerprint of a secret, as lib/fingerprint.ts makes it: `hmac-sha256:` and 64 hex digits. */
export const FINGERPRINT = /^hmac-sha256:[0-9a-f]{64}$/;

const isLoopback = (host: string) => host === "127.0.0.1" || host === "localhost" || host === "[::1]";

/** Whether a string is an http or https URL. */
export function isHttpUrl(value: unknown): value is string {
  const protocol = typeof value === "string" ? URL.parse(value)?.protocol : undefined;
  return protocol === "https:" || protocol === "http:";
}

/** Whether a string is an https URL, or an http one on a loopback address (the local fakes of the tests). */
export function isHttpsUrl(value: unknown): value is string {
  const url = typeof value === "string" ? URL.parse(value) : undefined;
  return url?.protocol === "https:" || (url?.protocol === "http:" && isLoopback(url.hostname));
}
