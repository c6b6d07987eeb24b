/**
 * What `npm run status` reports, as data: per environment, each service's live deployment, health check and monitor,
 * the environment's health verdict and the age of its secrets. Every value a service API or a check provides is a
 * {@link Probe}: known, or unknown with the reason (an unreachable API is unknown, never a crash).
 */
import type { Service } from "../../lib/health-checks";
import type { CheckResult } from "../../lib/health-probe";
import type { Severity } from "../health/severity";

/** A value that was read, or the reason it could not be. */
export type Probe<T> = { known: true; value: T } | { known: false; reason: string };

/** A known value. */
export const known = <T>(value: T): Probe<T> => ({ known: true, value });
/** An unknown value and why; the reason never holds a credential. */
export const unknown = <T>(reason: string): Probe<T> => ({ known: false, reason });

/** The deployment a service runs now. */
export interface LiveDeployment {
  /** Where it runs. */
  platform: "Vercel" | "Railway";
  /** The platform's deployment id. */
  id: string;
  /** The git commit it was built from, when the platform reports it. */
  commit?: string;
  /** When it went live (ISO 8601): Vercel's `ready`, Railway's `statusUpdatedAt` (else their creation time). */
  liveSince?: string;
}

/** An event of a monitor's log. */
export interface MonitorEvent {
  /** When (ISO 8601). */
  at: string;
  event: "down" | "up" | "started" | "paused" | "other";
  /** How long the state lasted, seconds. */
  durationSeconds?: number;
  /** UptimeRobot's reason, e.g. `503 Service Unavailable`. */
  reason?: string;
}

/** An UptimeRobot monitor of a service. */
export interface MonitorState {
  id: number;
  /** Its friendly name, when it exists. */
  name?: string;
  state: "up" | "down" | "seems down" | "paused" | "not checked yet" | "missing";
  /** Its log of the last 24 hours, newest first. */
  events: MonitorEvent[];
}

/** One service of an environment. */
export interface ServiceStatus {
  service: Service;
  /** The service's URL from the stack outputs. */
  url?: string;
  deployment: Probe<LiveDeployment>;
  /** Its health check as `npm run health` runs it (the first check of the service). */
  check: Probe<CheckResult>;
  monitor: Probe<MonitorState>;
}

/** The age of one secret, from the stack's record of when its value last changed. */
export interface SecretAge {
  name: string;
  /** When the value last changed (ISO 8601). */
  changedAt: string;
  /** Whole days since then. */
  ageDays: number;
}

/** The secrets of an environment: their ages, not recorded by the stack, or unreadable. */
export type SecretAges =
  { state: "recorded"; secrets: SecretAge[] } | { state: "not recorded" } | { state: "unknown"; reason: string };

/** One environment. */
export interface EnvironmentStatus {
  environment: string;
  /** Where the stack outputs came from: a file, or `pulumi stack output`. */
  source: string;
  services: ServiceStatus[];
  /** The verdict of `npm run health` over the stack's checks. */
  health: Probe<{ healthy: boolean; severity: Severity }>;
  secrets: SecretAges;
  /** What a person should look at, one line each; empty when all is up and known. */
  attention: string[];
}

/** The whole report (`--json`). */
export interface StatusReport {
  /** When it was made (ISO 8601). */
  generatedAt: string;
  environments: EnvironmentStatus[];
}
