/**
 * The one HTTP health probe of the project: a GET with a timeout, redirects followed by hand (to count and report
 * them), the status and the expected JSON fields compared, every failure told apart by kind. `npm run health` runs
 * it for each check of a stack's outputs; the deploy tools run it while they wait (the agent's `/health`, the
 * frontend's URL) and for `agent-deploy status`, so "healthy" means the same thing to all.
 */
import { isDeepStrictEqual } from "node:util";
import { classifyFetchError, type ResultKind } from "./fetch-errors";
import type { HealthCheck } from "./health-checks";

/** Most redirects a check follows before it fails with kind `redirect`. */
export const MAX_REDIRECTS = 5;
/** The per-check timeout when none is given, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 10_000;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** What a probe needs of a check: a health check of the outputs, or the deploy tool's `/health` probe. */
export type ProbeTarget = Pick<HealthCheck, "name" | "url" | "expectStatus" | "expectJson" | "latencyThresholdMs">;

/** The result of one check, as printed and as in the `--json` report. */
export interface CheckResult {
  /** The check's name, e.g. `production-frontend`. */
  name: string;
  /** The URL that was checked (the first one, before redirects). */
  url: string;
  /** True when the service is up (kind `ok` or `slow`). */
  ok: boolean;
  /** What the check found. */
  kind: ResultKind;
  /** The final HTTP status, or null when no response arrived. */
  status: number | null;
  /** Wall time of the whole check (redirects and body included), in milliseconds. */
  latencyMs: number;
  /** Why the check is not `ok`, one line. */
  error?: string;
  /** The URL that answered, when redirects were followed. */
  finalUrl?: string;
}

type Outcome = Omit<CheckResult, "name" | "url" | "latencyMs" | "ok">;

/** Compares the expected fields with a body; returns the first difference, or undefined when all match. */
export function jsonMismatch(expected: Record<string, unknown>, body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return "expected a JSON object body";
  }
  const actual = body as Record<string, unknown>;
  for (const [key, want] of Object.entries(expected)) {
    if (!isDeepStrictEqual(actual[key], want)) {
      const got = key in actual ? JSON.stringify(actual[key]) : "missing";
      return `body field "${key}": expected ${JSON.stringify(want)}, got ${got}`.slice(0, 200);
    }
  }
  return undefined;
}

async function judgeResponse(check: ProbeTarget, res: Response): Promise<Outcome> {
  if (res.status !== check.expectStatus) {
    await res.body?.cancel();
    return { kind: "status", status: res.status, error: `HTTP ${res.status}, expected ${check.expectStatus}` };
  }
  if (check.expectJson === undefined) {
    await res.body?.cancel();
    return { kind: "ok", status: res.status };
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: "invalid-json", status: res.status, error: "response body is not valid JSON" };
  }
  const mismatch = jsonMismatch(check.expectJson, body);
  if (mismatch !== undefined) return { kind: "json-mismatch", status: res.status, error: mismatch };
  return { kind: "ok", status: res.status };
}

async function follow(check: ProbeTarget, signal: AbortSignal): Promise<Outcome & { finalUrl?: string }> {
  let url = check.url;
  for (let redirects = 0; ; redirects++) {
    const res = await fetch(url, { method: "GET", redirect: "manual", signal, headers: { accept: "*/*" } });
    const location = res.headers.get("location");
    const isRedirect = REDIRECT_STATUSES.has(res.status) && res.status !== check.expectStatus && location !== null;
    if (!isRedirect) {
      const outcome = await judgeResponse(check, res);
      return url === check.url ? outcome : { ...outcome, finalUrl: url };
    }
    await res.body?.cancel();
    const failed = (error: string) => ({ kind: "redirect" as const, status: res.status, error, finalUrl: url });
    if (redirects >= MAX_REDIRECTS) return failed(`too many redirects (more than ${MAX_REDIRECTS})`);
    const next = URL.parse(location, url);
    if (!next) return failed("redirect to an invalid Location");
    if (next.protocol !== "https:" && next.protocol !== "http:") return failed(`redirect to a ${next.protocol} URL`);
    url = next.toString();
  }
}

/**
 * Runs one check once.
 * @param check - the validated check (or the parts of one a probe needs).
 * @param options - `timeoutMs`: per-check timeout in milliseconds, redirects and body included; default
 * {@link DEFAULT_TIMEOUT_MS}.
 * @returns the result; never throws (every failure is a result kind).
 */
export async function runCheck(check: ProbeTarget, options: { timeoutMs?: number } = {}): Promise<CheckResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Aborts every request and body read of the check once the time is up; nothing else aborts it.
  const signal = AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = await follow(check, signal);
  } catch (err) {
    const classified = classifyFetchError(err, signal.aborted);
    const error = classified.kind === "timeout" ? `no answer within ${timeoutMs} ms` : classified.message;
    outcome = { kind: classified.kind, status: null, error };
  }
  const latencyMs = Math.round(performance.now() - started);
  if (outcome.kind === "ok" && check.latencyThresholdMs !== undefined && latencyMs > check.latencyThresholdMs) {
    outcome = { ...outcome, kind: "slow", error: `${latencyMs} ms, threshold ${check.latencyThresholdMs} ms` };
  }
  const result: CheckResult = {
    name: check.name,
    url: check.url,
    ok: outcome.kind === "ok" || outcome.kind === "slow",
    kind: outcome.kind,
    status: outcome.status,
    latencyMs,
  };
  if (outcome.error !== undefined) result.error = outcome.error;
  if (outcome.finalUrl !== undefined) result.finalUrl = outcome.finalUrl;
  return result;
}

/**
 * One line for a log: `HTTP 200`, `HTTP 503`, `HTTP 200: body field "status": expected "ok", got "starting"`, or
 * why no answer came (`connection refused (ECONNREFUSED)`, `no answer within 5000 ms`). Never the URL.
 */
export function describeResult(result: CheckResult): string {
  if (result.status === null) return result.error ?? result.kind;
  const http = `HTTP ${result.status}`;
  return result.kind === "ok" || result.kind === "slow" || result.kind === "status" ? http : `${http}: ${result.error}`;
}
