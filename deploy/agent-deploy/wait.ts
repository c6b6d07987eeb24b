/**
 * The two waits of a deploy: a deployment reaching SUCCESS (or a final failure), and a health check (the agent's
 * `/health`, the frontend's URL) answering as healthy (the health tool's probe, lib/health-probe.ts). Both are bounded
 * by a deadline and report each change they see, so the log reads as the sequence of status transitions.
 */
import { AGENT_HEALTH } from "../../lib/health-checks";
import { describeResult, type ProbeTarget, runCheck } from "../../lib/health-probe";
import { poll } from "../../lib/poll";
import type { Deployment, DeploymentStatus, RailwayClient } from "../../providers/railway/client";

/** A deploy (or a frontend redeploy) that did not succeed; the tool exits 1 with its message. */
export class DeployFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeployFailure";
  }
}

/** What the waits need: the clock, a sleep and a log line writer, injectable for tests. */
export interface WaitContext {
  log: (line: string) => void;
  pollMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Why each final non-success status ends a deploy, in words an operator can act on. */
const FINAL_FAILURES: Partial<Record<DeploymentStatus, string>> = {
  FAILED: "FAILED: the build or the start failed; see the deployment's build and deploy logs in Railway",
  CRASHED: "CRASHED: the agent started and then exited; see the deployment's logs in Railway",
  REMOVED: "was REMOVED before it succeeded: a newer deployment replaced it, or someone cancelled it",
  REMOVING: "is being REMOVED before it succeeded: a newer deployment replaced it, or someone cancelled it",
  SKIPPED: "was SKIPPED by Railway (a newer deployment was queued)",
};

/** Polls a deployment until SUCCESS; throws a {@link DeployFailure} on a final failure or at the deadline. */
export async function waitForDeployment(
  client: RailwayClient,
  deploymentId: string,
  timeoutMs: number,
  ctx: WaitContext,
): Promise<Deployment> {
  let last: DeploymentStatus | undefined;
  return poll(
    { ...ctx, timeoutMs },
    async () => {
      const d = await client.getDeployment(deploymentId);
      if (d.status !== last) ctx.log(`deployment ${deploymentId}: ${d.status}`);
      last = d.status;
      const failure = FINAL_FAILURES[d.status];
      if (failure) throw new DeployFailure(`deployment ${deploymentId} ${failure}`);
      return d.status === "SUCCESS" ? d : undefined;
    },
    (within) => new DeployFailure(`deployment ${deploymentId} did not reach SUCCESS ${within} (last status ${last})`),
  );
}

/** The probe of the agent's `/health`: what `npm run health` checks for the agent (lib/health-checks.ts). */
export function agentProbe(healthUrl: string): ProbeTarget {
  return { name: "agent", url: healthUrl, ...AGENT_HEALTH };
}

/**
 * Probes `probe.url` until it answers as healthy (the agent: 200 and `{"status":"ok"}`); throws a
 * {@link DeployFailure} naming the last answer at the deadline. Each attempt is limited to 5 s (or what is left),
 * so one hung connection cannot outlast the deadline.
 */
export async function waitForHealth(probe: ProbeTarget, timeoutMs: number, ctx: WaitContext): Promise<void> {
  let last = "";
  await poll(
    { ...ctx, timeoutMs },
    async (msLeft) => {
      const result = await runCheck(probe, { timeoutMs: Math.max(100, Math.min(5000, msLeft)) });
      const outcome = describeResult(result);
      if (outcome !== last) ctx.log(`${probe.url}: ${outcome}`);
      last = outcome;
      return result.ok ? true : undefined;
    },
    (within) => new DeployFailure(`${probe.url} did not answer as healthy ${within} (last: ${last})`),
  );
}
