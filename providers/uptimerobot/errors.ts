/**
 * The errors of the UptimeRobot client and providers, and how to tell them apart.
 *
 * Plain `Error` objects with fields, told apart by their fields (like the shared HTTP path's `ServiceError`, whose
 * `ambiguous` flag {@link isAmbiguous} reads), so that both kinds answer the same questions.
 */

/** UptimeRobot answered `stat:"fail"`: the message names the method, UptimeRobot's error type and its message. */
export interface UptimeRobotError extends Error {
  readonly service: "UptimeRobot";
  readonly operation: string;
  /** UptimeRobot's error type, e.g. `not_authorized`, `already_exists`, `not_found`. */
  readonly errorType: string;
  readonly status?: number;
  readonly ambiguous: false;
}

/** Builds an {@link UptimeRobotError}. */
export function uptimeRobotError(
  message: string,
  operation: string,
  errorType: string,
  status?: number,
): UptimeRobotError {
  const fields = { service: "UptimeRobot" as const, operation, errorType, status, ambiguous: false as const };
  return Object.assign(new Error(message), { name: "UptimeRobotError" }, fields);
}

/** Whether an error is UptimeRobot's own (`stat:"fail"`), optionally of the given type. */
export function isUptimeRobotError(err: unknown, type?: string): err is UptimeRobotError {
  const e = err as Partial<UptimeRobotError> | undefined;
  return (
    err instanceof Error &&
    e?.service === "UptimeRobot" &&
    typeof e.errorType === "string" &&
    (type === undefined || e.errorType === type)
  );
}

/** Whether a write may or may not have been applied (timeout, dropped connection, 5xx). Duck-typed, see above. */
export function isAmbiguous(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { ambiguous?: unknown }).ambiguous === true;
}
