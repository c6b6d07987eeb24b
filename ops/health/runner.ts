// Runs every check concurrently and, with a wait, re-polls the failing ones until all pass or time runs out.
import { setTimeout as sleep } from "node:timers/promises";
import { runCheck, type CheckResult } from "../../lib/health-probe";
import type { HealthCheck } from "../../lib/health-checks";

/** Options of {@link runChecks}. */
export interface RunChecksOptions {
  /** Per-check timeout in milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** How long to keep re-polling failing checks, in milliseconds. Default 0: one round only. */
  waitMs?: number;
  /**
   * Fixed interval between re-polls, in milliseconds. Default: 2 000, growing by half each round up to 5 000, so
   * that a recovering service is seen quickly and a long outage is not hammered.
   */
  intervalMs?: number;
  /** Called after each round with the results so far (for progress output). */
  onRound?: (round: number, results: readonly CheckResult[]) => void;
}

/** The results of every check, in the order of the checks, and how many rounds were run. */
export interface RunChecksResult {
  /** One result per check, in the order of the checks. */
  results: CheckResult[];
  /** Rounds run; 1 without a wait. */
  rounds: number;
}

/**
 * Runs the checks, all at once; with `waitMs`, re-runs those that failed until all pass or the deadline passes
 * (the last round starts at the deadline at the latest, so a service that recovers just in time is seen).
 * @param checks - the validated checks.
 * @param options - timeout, wait and interval.
 * @returns the latest result of every check.
 */
export async function runChecks(checks: readonly HealthCheck[], options: RunChecksOptions): Promise<RunChecksResult> {
  const deadline = performance.now() + (options.waitMs ?? 0);
  const runOne = (check: HealthCheck): Promise<CheckResult> => runCheck(check, { timeoutMs: options.timeoutMs });
  let results = await Promise.all(checks.map(runOne));
  let rounds = 1;
  options.onRound?.(rounds, results);
  while (results.some((r) => !r.ok)) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) break;
    const interval = options.intervalMs ?? Math.min(5_000, Math.round(2_000 * 1.5 ** (rounds - 1)));
    await sleep(Math.min(interval, remaining));
    const previous = results;
    results = await Promise.all(checks.map((check, i) => (previous[i].ok ? previous[i] : runOne(check))));
    rounds++;
    options.onRound?.(rounds, results);
  }
  return { results, rounds };
}
