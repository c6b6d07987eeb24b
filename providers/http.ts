/**
 * The one HTTP path every service client in this project takes (UptimeRobot, Railway, Supabase): Node's built-in
 * `fetch`, a timeout on every attempt, bounded retries that honour the service's rate-limit headers, and errors that
 * name the service and the operation but never a credential.
 *
 * Why hand-written rather than a retry library: the retry decision depends on the service's own rate-limit headers
 * (`Retry-After`, `X-RateLimit-Reset` as epoch seconds or as seconds remaining) and on whether the request is safe to
 * repeat; the generic libraries know neither.
 */

/** How a client talks to one service. */
export interface HttpClientOptions {
  /** Service name used in error messages, e.g. `"UptimeRobot"`. */
  service: string;
  /** Base URL without a trailing slash, e.g. `"https://api.uptimerobot.com/v2"`. */
  baseUrl: string;
  /** Timeout of one attempt, in milliseconds. Default 15000. */
  timeoutMs?: number;
  /** Retries after the first attempt (429, 5xx, network errors, timeouts). Default 5. */
  maxRetries?: number;
  /** First backoff delay for 5xx and network errors, in milliseconds; doubles each retry. Default 500. */
  baseDelayMs?: number;
  /** Longest single wait, in milliseconds, whatever a `Retry-After` asks for. Default 60000. */
  maxDelayMs?: number;
  /** Values to scrub from every error message (tokens, keys, web-hook URLs). */
  redact?: readonly string[];
  /** Injected for tests: how to wait. Default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests: observe each wait (ms) and its reason. */
  onRetry?: (info: { operation: string; attempt: number; delayMs: number; reason: string }) => void;
}

/** The tuning a service client passes through to {@link send}: timeout, retries, backoff, and test hooks. */
export type RetryOptions = Pick<
  HttpClientOptions,
  "timeoutMs" | "maxRetries" | "baseDelayMs" | "maxDelayMs" | "sleep" | "onRetry"
>;

/**
 * A service client's {@link HttpClientOptions}: its name, its base URL (a trailing slash dropped), the caller's tuning
 * (only the {@link RetryOptions} fields, so that no credential of the caller's options rides along), and the secrets
 * to scrub from every error.
 */
export function serviceHttp(
  service: string,
  baseUrl: string,
  tuning: RetryOptions,
  redact: readonly string[],
): HttpClientOptions {
  const { timeoutMs, maxRetries, baseDelayMs, maxDelayMs, sleep, onRetry } = tuning;
  const url = baseUrl.replace(/\/+$/, "");
  return { service, baseUrl: url, timeoutMs, maxRetries, baseDelayMs, maxDelayMs, sleep, onRetry, redact };
}

/** One request. */
export interface HttpRequest {
  /** Operation name for errors and counting, e.g. `"newMonitor"` or `"GET auth config"`. */
  operation: string;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Path appended to the base URL, starting with `/`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /**
   * Whether repeating the request after an ambiguous failure (timeout, dropped connection, 5xx) is safe.
   * A non-idempotent write is retried only after a 429, which the service answers before applying anything;
   * for other failures the caller must find out itself whether the write happened. Default true.
   */
  idempotent?: boolean;
}

/**
 * A JSON request sent with a bearer token (Supabase, Vercel): `Authorization: Bearer`, `accept` JSON, and the body
 * as JSON when there is one.
 */
export function bearerJson(token: string, request: Omit<HttpRequest, "headers" | "body">, body?: unknown): HttpRequest {
  const json: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
  return {
    ...request,
    headers: { authorization: `Bearer ${token}`, accept: "application/json", ...json },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** A reply that arrived, whatever its status. */
export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
}

/** An error from a service call; its message names the service, the operation and what went wrong. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly service: string,
    readonly operation: string,
    /** HTTP status, when a reply arrived. */
    readonly status?: number,
    /** True when the request may or may not have been applied (timeout, dropped connection, 5xx). */
    readonly ambiguous = false,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

/** The {@link ServiceError} `<service> <operation> failed: <what>`, the client's secrets redacted from it. */
export function serviceError(
  options: HttpClientOptions,
  operation: string,
  what: string,
  status?: number,
  ambiguous = false,
): ServiceError {
  const message = redact(`${options.service} ${operation} failed: ${what}`, options.redact);
  return new ServiceError(message, options.service, operation, status, ambiguous);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Replaces every occurrence of each secret value in `text` with `[redacted]`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join("[redacted]");
  }
  return out;
}

/**
 * How long a 429 asks us to wait, in milliseconds, from `Retry-After` (seconds or an HTTP date) or
 * `X-RateLimit-Reset` (epoch seconds, or seconds remaining when small). Undefined when neither says.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  // A Headers value comes without leading or trailing whitespace (the Fetch standard normalizes it).
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null && retryAfter !== "") {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get("x-ratelimit-reset");
  if (reset !== null && reset !== "") {
    const value = Number(reset);
    if (Number.isFinite(value)) {
      // Epoch seconds (UptimeRobot) are large; seconds remaining (Supabase) are small.
      return value > 1_000_000_000 ? Math.max(0, value * 1000 - now) : Math.max(0, value * 1000);
    }
  }
  return undefined;
}

/** A short, single-line, credential-free excerpt of a reply body for an error message. */
export function excerpt(text: string, secrets: readonly string[] = [], max = 200): string {
  const flat = redact(text, secrets).replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === "TimeoutError" || err.name === "AbortError") return "timed out";
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return `network error ${cause.code}`;
    return err.message;
  }
  return String(err);
}

/**
 * Sends one request, retrying as the options allow, and returns the first reply that is neither a 429 nor
 * (for idempotent requests) a 5xx. Throws a {@link ServiceError} when the retries are spent.
 */
export async function send(options: HttpClientOptions, request: HttpRequest): Promise<HttpReply> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxRetries = options.maxRetries ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? defaultSleep;
  const idempotent = request.idempotent ?? true;

  for (let attempt = 0; ; attempt++) {
    let status: number | undefined;
    let problem: string;
    let delayMs = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    try {
      const res = await fetch(`${options.baseUrl}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "error",
      });
      const reply: HttpReply = { status: res.status, headers: res.headers, text: await res.text() };
      status = reply.status;
      if (status === 429) {
        problem = `rate limited (HTTP 429: ${excerpt(reply.text, options.redact, 120)})`;
        const asked = retryAfterMs(reply.headers);
        if (asked !== undefined) delayMs = Math.min(maxDelayMs, asked);
      } else if (status >= 500) {
        problem = `HTTP ${status}: ${excerpt(reply.text, options.redact)}`;
      } else {
        return reply;
      }
    } catch (err) {
      problem = describeNetworkError(err);
    }
    // Every failure but a 429 (answered before anything is applied) may have left the write applied.
    const ambiguous = status !== 429;
    if (ambiguous && !idempotent) {
      problem += "; the request may or may not have been applied";
    } else if (attempt >= maxRetries) {
      problem += ` after ${attempt + 1} attempts`;
    } else {
      options.onRetry?.({ operation: request.operation, attempt, delayMs, reason: problem });
      await sleep(delayMs);
      continue;
    }
    throw serviceError(options, request.operation, problem, status, ambiguous);
  }
}

/** Parses a JSON reply body, or throws an error naming the operation and showing a credential-free excerpt. */
export function parseJson(options: HttpClientOptions, operation: string, reply: HttpReply): unknown {
  try {
    return JSON.parse(reply.text);
  } catch {
    const what = `HTTP ${reply.status} with a body that is not JSON: ${excerpt(reply.text, options.redact)}`;
    throw serviceError(options, operation, what, reply.status);
  }
}
