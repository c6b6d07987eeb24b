/**
 * The `healthChecks` stack output: what `npm run health` checks after a deploy, as plain data. The severity of a
 * check is the runbook's level when that check alone fails: a production service down is P1 (the health tool
 * raises it to P0 when every production service is down), a staging one P2.
 */
import type { EnvironmentName } from "./environments";

/** One check, as the health tool reads it. */
export interface HealthCheck {
  name: string;
  service: "frontend" | "agent";
  environment: EnvironmentName;
  url: string;
  expectStatus: number;
  severity: "P1" | "P2";
  /** Fields the JSON body must contain, e.g. the agent's `{ "status": "ok" }`. */
  expectJson?: Record<string, string>;
  /** Slower than this (milliseconds) is a P3. */
  latencyThresholdMs: number;
}

/** The agent's health endpoint (runbook: `curl -f https://…up.railway.app/health`). */
export function agentHealthUrl(agentUrl: string): string {
  return `${agentUrl.replace(/\/+$/, "")}/health`;
}

export function healthChecks(
  env: EnvironmentName,
  frontendUrl: string,
  agentUrl: string,
  latencyThresholdMs: number,
): HealthCheck[] {
  const severity = env === "production" ? "P1" : "P2";
  return [
    {
      name: `${env}-frontend`,
      service: "frontend",
      environment: env,
      url: frontendUrl,
      expectStatus: 200,
      severity,
      latencyThresholdMs,
    },
    {
      name: `${env}-agent`,
      service: "agent",
      environment: env,
      url: agentHealthUrl(agentUrl),
      expectStatus: 200,
      severity,
      expectJson: { status: "ok" },
      latencyThresholdMs,
    },
  ];
}
