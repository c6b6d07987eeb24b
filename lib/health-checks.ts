/**
 * The `healthChecks` stack output: what `npm run health` checks after a deploy, as one zod schema that the program
 * writes and the health tool reads (the type is inferred from it). The severity of a check is the runbook's level
 * when that check alone fails: a production service down is P1 (the health tool raises it to P0 when every
 * production service is down), one of another environment P2; a slow answer is P3.
 */
import { z } from "zod";
import { declarationOf, type EnvironmentName } from "./environments";
import { environmentNameSchema, httpUrl } from "./schemas";

/** The runbook's incident severity levels ("Incident Severity Levels"), most severe first. */
const severityLevelSchema = z.enum(["P0", "P1", "P2", "P3"]);
export type SeverityLevel = z.infer<typeof severityLevelSchema>;

/** The services a check watches. */
export const SERVICES = ["frontend", "agent"] as const;
export type Service = (typeof SERVICES)[number];

/** One health check, as the stack program declares it in its `healthChecks` output and the health tool reads it. */
export const healthCheckSchema = z.object({
  /** Unique in a stack, e.g. `production-agent`. */
  name: z.string({ error: "expected a non-empty string" }).min(1),
  service: z.enum(SERVICES),
  environment: environmentNameSchema(),
  url: httpUrl(),
  expectStatus: z.number({ error: "expected an HTTP status code (100-599)" }).int().min(100).max(599),
  /** The level of this check failing: P0 (a complete outage) is only ever the verdict over several checks. */
  severity: severityLevelSchema.exclude(["P0"]),
  /** Fields the JSON body must contain, e.g. the agent's `{ "status": "ok" }`. */
  expectJson: z.record(z.string(), z.json(), { error: "expected an object of expected body fields" }).optional(),
  /** Slower than this (milliseconds) is a P3. */
  latencyThresholdMs: z.number({ error: "expected a positive number of milliseconds" }).positive().optional(),
});

/** One health check. */
export type HealthCheck = z.infer<typeof healthCheckSchema>;

/** What a healthy frontend answers: 200; the frontend's redeploy tool waits for the same. */
export const FRONTEND_HEALTH = { expectStatus: 200 } as const;

/** What a healthy agent answers at `/health`: 200 with `{"status":"ok"}`; the deploy tool waits for the same. */
export const AGENT_HEALTH = { expectStatus: 200, expectJson: { status: "ok" } } as const;

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
  const severity = declarationOf(env).production ? "P1" : "P2";
  const common = { environment: env, severity, latencyThresholdMs } as const;
  return [
    { name: `${env}-frontend`, service: "frontend", url: frontendUrl, ...FRONTEND_HEALTH, ...common },
    {
      name: `${env}-agent`,
      service: "agent",
      url: agentHealthUrl(agentUrl),
      ...AGENT_HEALTH,
      expectJson: { ...AGENT_HEALTH.expectJson },
      ...common,
    },
  ];
}
