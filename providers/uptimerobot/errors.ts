/**
 * The errors of the UptimeRobot client and providers, and how to tell them apart.
 *
 * Plain `Error` objects with fields, told apart by their fields, never by `instanceof` of a subclass: closure
 * serialization (the dynamic providers' `__provider`) turns classes into plain functions, and a serialized
 * `class extends Error` builds objects that are not errors and have no message, which the engine would show as an
 * empty failure.
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

/**
 * The error a provider method throws: a real `Error` with a message. A `ServiceError` (providers/http.ts) built by
 * serialized code is not an `Error` (see above), and the engine shows only `message`.
 */
export function asError(err: unknown): Error {
  if (err instanceof Error) return err;
  const fields = (typeof err === "object" && err !== null ? err : {}) as Record<string, unknown>;
  const status = fields.status ? ` (HTTP ${String(fields.status)})` : "";
  const message =
    typeof fields.message === "string" && fields.message !== ""
      ? fields.message
      : `UptimeRobot ${String(fields.operation ?? "call")} failed${status}`;
  return Object.assign(new Error(message), fields, { message });
}
