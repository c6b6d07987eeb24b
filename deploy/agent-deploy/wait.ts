/**
 * The two waits of a deploy: a deployment reaching SUCCESS (or a final failure), and the agent's `/health`
 * answering 200. Both are bounded by a deadline and report each change they see, so the log reads as the
 * sequence of status transitions.
 */
import type { Deployment, DeploymentStatus, RailwayClient } from "../../providers/railway/client";

/** A deploy that did not succeed; the tool exits 1 with its message. */
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

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Why each final non-success status ends a deploy, in words an operator can act on. */
const FINAL_FAILURES: Partial<Record<DeploymentStatus, string>> = {
  FAILED: "FAILED: the build or the start failed; see the deployment's build and deploy logs in Railway",
  CRASHED: "CRASHED: the agent started and then exited; see the deployment's logs in Railway",
  REMOVED: "was REMOVED before it succeeded: a newer deployment replaced it, or someone cancelled it",
  REMOVING: "is being REMOVED before it succeeded: a newer deployment replaced it, or someone cancelled it",
  SKIPPED: "was SKIPPED by Railway (a newer deployment was queued)",
};

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/** Polls a deployment until SUCCESS; throws a {@link DeployFailure} on a final failure or at the deadline. */
export async function waitForDeployment(
  client: RailwayClient,
  deploymentId: string,
  timeoutMs: number,
  ctx: WaitContext,
): Promise<Deployment> {
  const now = ctx.now ?? Date.now;
  const sleep = ctx.sleep ?? realSleep;
  const deadline = now() + timeoutMs;
  let last: DeploymentStatus | undefined;
  for (;;) {
    const d = await client.getDeployment(deploymentId);
    if (d.status !== last) ctx.log(`deployment ${deploymentId}: ${d.status}`);
    last = d.status;
    if (d.status === "SUCCESS") return d;
    const failure = FINAL_FAILURES[d.status];
    if (failure) throw new DeployFailure(`deployment ${deploymentId} ${failure}`);
    if (now() + ctx.pollMs > deadline) {
      throw new DeployFailure(
        `deployment ${deploymentId} did not reach SUCCESS within ${seconds(timeoutMs)} (last status ${last})`,
      );
    }
    await sleep(ctx.pollMs);
  }
}

function describeFetchError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === "TimeoutError" || err.name === "AbortError") return "timed out";
    const code = (err as { cause?: { code?: string } }).cause?.code;
    return code ? `network error ${code}` : err.message;
  }
  return String(err);
}

/**
 * Polls `healthUrl` until it answers 200; throws a {@link DeployFailure} naming the last answer at the deadline.
 * Each attempt is limited to 5 s (or what is left), so one hung connection cannot outlast the deadline.
 */
export async function waitForHealth(healthUrl: string, timeoutMs: number, ctx: WaitContext): Promise<void> {
  const now = ctx.now ?? Date.now;
  const sleep = ctx.sleep ?? realSleep;
  const deadline = now() + timeoutMs;
  let last = "";
  for (;;) {
    const attemptMs = Math.max(100, Math.min(5000, deadline - now()));
    let outcome: string;
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(attemptMs), redirect: "manual" });
      await res.arrayBuffer();
      outcome = `HTTP ${res.status}`;
    } catch (err) {
      outcome = describeFetchError(err);
    }
    if (outcome !== last) ctx.log(`${healthUrl}: ${outcome}`);
    last = outcome;
    if (outcome === "HTTP 200") return;
    if (now() + ctx.pollMs > deadline) {
      throw new DeployFailure(`${healthUrl} did not answer 200 within ${seconds(timeoutMs)} (last: ${outcome})`);
    }
    await sleep(ctx.pollMs);
  }
}
