// The runbook's incident severity levels ("Incident Severity Levels"), decided from check results. Pure.
import { PRODUCTION } from "../../lib/environments";
import type { HealthCheck, SeverityLevel } from "../../lib/health-checks";

/** A runbook severity level (lib/health-checks.ts), or `none` when everything is fine. */
export type Severity = SeverityLevel | "none";

/** What the classification needs to know of one check (the service and environment it watches) and its result. */
export interface SeverityInput extends Pick<HealthCheck, "service" | "environment"> {
  /** True when the service answered as expected (possibly slowly). */
  ok: boolean;
  /** True when it answered as expected but later than its latency threshold. */
  slow: boolean;
}

/**
 * Classifies a set of check results with the runbook's levels:
 * - P0 (critical, complete outage): the production frontend and the production agent are both down;
 * - P1 (high, major feature broken): one production service is down;
 * - P2 (medium): a check of another environment (staging, …) is down, production is up;
 * - P3 (low, performance): everything is up, but a check was slower than its latency threshold;
 * - none: everything is up and fast enough.
 *
 * A service is down when any of its checks failed.
 * @param checks - one entry per check.
 * @returns the most severe level that applies.
 */
export function classifySeverity(checks: readonly SeverityInput[]): Severity {
  const production = (c: SeverityInput) => c.environment === PRODUCTION.name;
  const productionDown = new Set(checks.filter((c) => production(c) && !c.ok).map((c) => c.service));
  if (productionDown.has("frontend") && productionDown.has("agent")) return "P0";
  if (productionDown.size > 0) return "P1";
  if (checks.some((c) => !production(c) && !c.ok)) return "P2";
  if (checks.some((c) => c.ok && c.slow)) return "P3";
  return "none";
}

/**
 * True when the severity calls for an alert: something is down (P0–P2). A slow but working environment (P3) is
 * reported and goes to the backlog, as the runbook's P3 says, but pages nobody (issue 6: alert only when unhealthy).
 */
export function needsAlert(severity: Severity): boolean {
  return severity === "P0" || severity === "P1" || severity === "P2";
}
