/**
 * The formats this project checks in more than one place, each defined once as a zod schema (or the pattern it is
 * built from): the stack config (config.ts), the tools' settings (deploy/, ops/), the dynamic providers' `check`
 * and the policy pack build on these, so that a rule cannot drift between its copies.
 *
 * No message here quotes the value it rejects (except {@link httpsUrl}, for plain config): some of these formats are
 * checked on values that sit next to secrets (command environments, provider inputs).
 *
 * Each schema is a factory, not an instance: a dynamic provider's `check` is serialized into the state together with
 * what it references, and a zod instance cannot be (its methods are bound native functions), while a factory is a
 * plain function over `require("zod")`.
 */
import { z } from "zod";

/**
 * A Supabase project ref: exactly 20 lowercase letters, no digits. Sources: the Management API's OpenAPI document
 * (tests/fixtures/schemas/supabase-management-api.openapi.json, path parameter `ref`: minLength 20, maxLength 20,
 * pattern `^[a-z]+$`) and the official CLI (github.com/supabase/cli, internal/utils/misc.go:
 * `ProjectRefPattern = ^[a-z]{20}$`).
 */
export const SUPABASE_PROJECT_REF = /^[a-z]{20}$/;

/** A Supabase project ref (see {@link SUPABASE_PROJECT_REF}). */
export const supabaseProjectRef = () =>
  z.string().regex(SUPABASE_PROJECT_REF, "expected a Supabase project ref (20 lowercase letters)");

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
  try {
    return supabaseRefOfHost(new URL(url).hostname);
  } catch {
    return undefined;
  }
}

/** A UUID in its textual form (Railway's project, environment, service and deployment ids), any version. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID, e.g. a Railway id; `what` names it in the message: `uuid("the Railway project id")`. */
export const uuid = (what = "an id") => z.string().regex(UUID, `expected ${what} (a UUID)`);

/** A full git commit sha, as Railway deploys it (`serviceInstanceDeployV2(commitSha)`): 40 lowercase hex digits. */
export const GIT_SHA = /^[0-9a-f]{40}$/;
export const gitSha = () => z.string().regex(GIT_SHA, "expected a full git commit sha (40 hex characters)");

/** A keyed fingerprint of a secret, as lib/fingerprint.ts makes it: `hmac-sha256:` and 64 hex digits. */
export const FINGERPRINT = /^hmac-sha256:[0-9a-f]{64}$/;
export const fingerprintSchema = (what = "a keyed fingerprint") =>
  z.string().regex(FINGERPRINT, `expected ${what} (hmac-sha256: and 64 hex digits)`);

const isLoopback = (host: string) => host === "127.0.0.1" || host === "localhost" || host === "[::1]";

function urlOf(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Whether a string is an http or https URL. */
export function isHttpUrl(value: unknown): value is string {
  const protocol = typeof value === "string" ? urlOf(value)?.protocol : undefined;
  return protocol === "https:" || protocol === "http:";
}

/** Whether a string is an https URL, or an http one on a loopback address (the local fakes of the tests). */
export function isHttpsUrl(value: unknown): value is string {
  const url = typeof value === "string" ? urlOf(value) : undefined;
  return url?.protocol === "https:" || (url?.protocol === "http:" && isLoopback(url.hostname));
}

const HTTP_URL_MESSAGE = "expected an https or http URL";

/** An http or https URL (a service to probe, a fake's address). Never echoes the value: it may be a web-hook. */
export const httpUrl = () => z.string({ error: HTTP_URL_MESSAGE }).refine(isHttpUrl, { error: HTTP_URL_MESSAGE });

/**
 * An https URL (http only on loopback); `what` names it. Only for plain config values: the message quotes the
 * value, so that a typo is visible.
 */
export const httpsUrl = (what: string) =>
  z
    .string({ error: `expected ${what} (an https URL)` })
    .refine(isHttpsUrl, { error: (iss) => `expected ${what} as an https URL, got ${JSON.stringify(iss.input)}` });

const INTERVAL_MESSAGE = "expected a whole number of seconds from 30 to 86400";

/**
 * Seconds between two checks of an UptimeRobot monitor: 30 s (the shortest of the paid plans; the Free plan's is
 * 300) to one day, as `newMonitor`'s `interval` takes it (docs/reference/API-FACTS.md, UptimeRobot).
 */
export const monitorIntervalSeconds = () =>
  z
    .number({ error: INTERVAL_MESSAGE })
    .int({ error: INTERVAL_MESSAGE })
    .min(30, { error: INTERVAL_MESSAGE })
    .max(86400, { error: INTERVAL_MESSAGE });
