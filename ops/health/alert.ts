// Posts an alert to a Slack-compatible web-hook, as the runbook's
// `curl -X POST "$ALERT_WEBHOOK_URL" -H "Content-Type: application/json" -d '{"text": ...}'`.
// The web-hook URL is a secret: no message here contains it, nor anything derived from it (host, path).
import { classifyFetchError, type ResultKind } from "../../lib/fetch-errors";
import type { AlertOutcome } from "./report";

const FAILURE_WORDS: Partial<Record<ResultKind, string>> = {
  dns: "DNS lookup failed",
  refused: "connection refused",
  reset: "connection reset",
  tls: "TLS error",
};

/**
 * POSTs `{"text": text}` to the web-hook. Never throws, never follows redirects (a redirect is a failure: the
 * message must go to the configured address only).
 * @param webhookUrl - the web-hook URL (secret).
 * @param text - the message.
 * @param options - the timeout of the POST, in milliseconds.
 * @returns whether it was sent, and why not; the error says "alert web-hook", never the URL.
 */
export async function sendAlert(
  webhookUrl: string,
  text: string,
  { timeoutMs }: { timeoutMs: number },
): Promise<AlertOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text }),
      redirect: "manual",
      signal,
    });
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { sent: true };
    return { sent: false, error: `alert web-hook answered HTTP ${res.status}` };
  } catch (err) {
    // Only the kind: an error message may quote the host or the URL.
    const { kind } = classifyFetchError(err, signal.aborted);
    const why = kind === "timeout" ? `no answer within ${timeoutMs} ms` : (FAILURE_WORDS[kind] ?? "request failed");
    return { sent: false, error: `alert web-hook failed: ${why}` };
  }
}
