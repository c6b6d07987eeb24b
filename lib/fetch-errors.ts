// Tells apart why a request failed, from the error Node's fetch (undici) throws. Pure, so it is tested on
// synthetic errors as well as real ones.

/**
 * What a check found. `ok` and `slow` are up (slow: answered as expected, but later than its latency threshold);
 * every other kind is down.
 */
export type ResultKind =
  | "ok"
  | "slow"
  | "status"
  | "invalid-json"
  | "json-mismatch"
  | "redirect"
  | "dns"
  | "refused"
  | "reset"
  | "tls"
  | "timeout"
  | "error";

/** A failure kind with a one-line explanation. */
export interface Classified {
  /** Why the request failed. */
  kind: ResultKind;
  /** One line for people; never contains the request URL. */
  message: string;
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_NODATA", "EAI_FAIL"]);
const REFUSED_CODES = new Set(["ECONNREFUSED"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ECONNABORTED"]);
const TIMEOUT_CODES = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ABORT_ERR",
]);
/** OpenSSL certificate verification codes (as Node reports them) that do not match the patterns below. */
const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "HOSTNAME_MISMATCH",
  "EPROTO",
]);

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || /CERT|SELF_SIGNED|^ERR_TLS_|^ERR_SSL_|SSL/.test(code);
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function asErrorLike(value: unknown): ErrorLike | undefined {
  return typeof value === "object" && value !== null ? (value as ErrorLike) : undefined;
}

/** The codes of an error, its cause chain and any aggregated errors (a connect can fail on several addresses). */
function collectCodes(err: unknown, depth = 0): string[] {
  const e = asErrorLike(err);
  if (e === undefined || depth > 5) return [];
  const codes = typeof e.code === "string" ? [e.code] : [];
  if (Array.isArray(e.errors)) for (const inner of e.errors) codes.push(...collectCodes(inner, depth + 1));
  return codes.concat(collectCodes(e.cause, depth + 1));
}

/** The innermost message of the cause chain, without the URL-free "fetch failed" wrapper. */
function innermostMessage(err: unknown): string {
  let current = asErrorLike(err);
  let message = "";
  for (let depth = 0; current !== undefined && depth < 6; depth++) {
    if (typeof current.message === "string" && current.message !== "") message = current.message;
    current = asErrorLike(current.cause);
  }
  return message.split("\n")[0] || "unknown error";
}

/**
 * Classifies an error thrown by `fetch`.
 * @param err - what `fetch` (or reading the body) threw.
 * @param timedOut - true when the check's own timeout aborted the request.
 * @returns the kind and a one-line message, e.g. `{ kind: "dns", message: "DNS lookup failed (ENOTFOUND)" }`.
 */
export function classifyFetchError(err: unknown, timedOut = false): Classified {
  const codes = collectCodes(err);
  const name = asErrorLike(err)?.name;
  if (timedOut || name === "TimeoutError" || codes.some((c) => TIMEOUT_CODES.has(c))) {
    return { kind: "timeout", message: "timed out" };
  }
  const dns = codes.find((c) => DNS_CODES.has(c));
  if (dns !== undefined) return { kind: "dns", message: `DNS lookup failed (${dns})` };
  const refused = codes.find((c) => REFUSED_CODES.has(c));
  if (refused !== undefined) return { kind: "refused", message: `connection refused (${refused})` };
  const tls = codes.find(isTlsCode);
  if (tls !== undefined) return { kind: "tls", message: `TLS error (${tls}): ${innermostMessage(err)}` };
  const reset = codes.find((c) => RESET_CODES.has(c));
  if (reset !== undefined) return { kind: "reset", message: `connection reset (${reset})` };
  const code = codes.length > 0 ? ` (${codes[0]})` : "";
  return { kind: "error", message: `${innermostMessage(err)}${code}` };
}
