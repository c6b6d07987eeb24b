// The health report: what the checks found, the verdict and the severity, ready to print or to alert on.
import type { CheckResult } from "../../lib/health-probe";
import type { EnvironmentName } from "../../lib/environments";
import type { HealthCheck } from "../../lib/health-checks";
import { runChecks, type RunChecksOptions } from "./runner";
import { classifySeverity, type Severity } from "./severity";

/** The outcome of the alert web-hook call, when an alert was due and a web-hook configured. */
export interface AlertOutcome {
  /** True when the web-hook answered 2xx. */
  sent: boolean;
  /** Why it was not sent; never contains the web-hook URL. */
  error?: string;
}

/** The report printed by `--json` (and rendered as a table without it). */
export interface HealthReport {
  /** The stack, which is named after its environment. */
  stack: EnvironmentName;
  /** The environment of the stack whose outputs were read. */
  environment: EnvironmentName;
  /** True when every check is up (slow checks are up). */
  healthy: boolean;
  /** The runbook severity of what was found. */
  severity: Severity;
  /** One result per check, in the order of the outputs. */
  checks: CheckResult[];
  /** The alert web-hook call, when one was made. */
  alert?: AlertOutcome;
}

/**
 * Runs the checks (as {@link runChecks} does) and builds the report from their results.
 * @param outputs - the stack's environment and its checks, in order.
 * @param options - timeout, wait and interval of the checks.
 */
export async function checkHealth(
  outputs: { environment: EnvironmentName; healthChecks: readonly HealthCheck[] },
  options: RunChecksOptions,
): Promise<HealthReport> {
  const { results } = await runChecks(outputs.healthChecks, options);
  const severity = classifySeverity(
    outputs.healthChecks.map((check, i) => ({
      service: check.service,
      environment: check.environment,
      ok: results[i].ok,
      slow: results[i].kind === "slow",
    })),
  );
  return {
    stack: outputs.environment,
    environment: outputs.environment,
    healthy: results.every((r) => r.ok),
    severity,
    checks: results,
  };
}

/** The checks a person must look at: those that are down, or slow. */
export function problemChecks(report: HealthReport): CheckResult[] {
  return report.checks.filter((c) => c.kind !== "ok");
}
