/**
 * The errors of the UptimeRobot client and providers, and how to tell them apart.
 *
 * Told apart by their fields, not by `instanceof`: the providers may be loaded twice in one process (from the
 * TypeScript sources and from the compiled build, kit.ts), and an error of one copy must be recognised by the other.
 */
import { ServiceError } from "../http";

/** UptimeRobot answered `stat:"fail"`: the message names the method, UptimeRobot's error type and its message. */
export class UptimeRobotError extends ServiceError {
  constructor(
    message: string,
    operation: string,
    /** UptimeRobot's error type, e.g. `not_authorized`, `already_exists`, `not_found`. */
    readonly errorType: string,
    status?: number,
  ) {
    super(message, "UptimeRobot", operation, status);
    this.name = "UptimeRobotError";
  }
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

/** Whether a write may or may not have been applied (timeout, dropped connection, 5xx): a {@link ServiceError}'s flag. */
export function isAmbiguous(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { ambiguous?: unknown }).ambiguous === true;
}
