/**
 * The deploy tool's three commands as functions: `deploy` (a commit, then wait for SUCCESS and `/health`),
 * `rollback` (to the previous successful deployment, then wait again) and `status`. They return a result or throw
 * a {@link DeployFailure}; the CLI turns that into exit codes.
 */
import { ServiceError } from "../../providers/http";
import type { Deployment, RailwayClient } from "../../providers/railway/client";
import type { DeploySettings } from "./settings";
import { DeployFailure, type WaitContext, waitForDeployment, waitForHealth } from "./wait";

/** What a successful deploy or rollback prints as JSON (the last line of stdout with `--json`). */
export interface DeployResult {
  action: "deploy" | "rollback" | "unchanged";
  deploymentId: string;
  commit?: string;
  status: "SUCCESS";
  healthUrl?: string;
  /** For a rollback: the deployment it went back to. */
  rolledBackTo?: string;
}

/** What `status` reports. */
export interface StatusResult {
  deploymentId?: string;
  status?: string;
  commit?: string;
  health?: string;
  ok: boolean;
}

/** A run's dependencies. */
export interface RunContext extends WaitContext {
  client: RailwayClient;
  settings: DeploySettings;
}

const short = (sha: string | undefined) => (sha ? sha.slice(0, 12) : "unknown commit");
const healthUrlOf = (s: DeploySettings) => (s.agentUrl ? `${s.agentUrl}/health` : undefined);

async function finish(ctx: RunContext, deploymentId: string): Promise<string | undefined> {
  await waitForDeployment(ctx.client, deploymentId, ctx.settings.deployTimeoutMs, ctx);
  const healthUrl = healthUrlOf(ctx.settings);
  if (healthUrl) await waitForHealth(healthUrl, ctx.settings.healthTimeoutMs, ctx);
  return healthUrl;
}

/**
 * After an ambiguous `serviceInstanceDeployV2` (reply lost, 5xx) the deployment may exist: look for one of this
 * commit created since the call started, rather than deploying twice or failing a deploy that is running.
 */
async function recoverDeployment(
  ctx: RunContext,
  commit: string,
  startedAt: number,
  cause: ServiceError,
): Promise<string> {
  const recent = await ctx.client.listDeployments(ctx.settings.target, 10);
  const mine = recent.find(
    (d) => d.commitHash === commit && (!d.createdAt || Date.parse(d.createdAt) >= startedAt - 60_000),
  );
  if (!mine)
    throw new DeployFailure(
      `${cause.message}; no deployment of commit ${short(commit)} appeared, so none was started: run the deploy again`,
    );
  ctx.log(`the reply to serviceInstanceDeployV2 was lost; found deployment ${mine.id} of commit ${short(commit)}`);
  return mine.id;
}

/**
 * Deploys `settings.commit`. With `previous` (the JSON this tool printed last time, which Pulumi passes back as
 * `PULUMI_COMMAND_STDOUT` on an update), nothing is redeployed when the commit is unchanged: only `/health` is
 * checked. That keeps a rotated token, a new timeout or another checkout path from redeploying the agent, and a
 * rollback done since from being undone.
 */
export async function deploy(ctx: RunContext, previous?: string): Promise<DeployResult> {
  const { settings, client, log } = ctx;
  const commit = settings.commit;
  if (!commit) throw new DeployFailure("no commit to deploy");
  const prior = parsePrevious(previous);
  if (prior?.commit === commit && prior.deploymentId) {
    // The commit did not change: this update came from another input (a rotated token, a timeout, the checkout
    // path). Never redeploy then: if someone rolled the agent back since, redeploying would undo the rollback.
    const latest = await client.latestDeployment(settings.target);
    if (latest === undefined || latest.id !== prior.deploymentId) {
      log(
        `the live deployment (${latest?.id ?? "none"}) is not the one this stack deployed (${prior.deploymentId}, ` +
          `commit ${short(commit)}): rolled back or deployed by hand? Not redeploying; set agentCommit to deploy a commit`,
      );
    } else log(`commit ${short(commit)} is already live as deployment ${latest.id}; checking health only`);
    const healthUrl = healthUrlOf(settings);
    if (healthUrl) await waitForHealth(healthUrl, settings.healthTimeoutMs, ctx);
    return { action: "unchanged", deploymentId: prior.deploymentId, commit, status: "SUCCESS", healthUrl };
  }
  log(
    `deploying commit ${short(commit)} to service ${settings.target.serviceId} in environment ${settings.target.environmentId}`,
  );
  const startedAt = Date.now();
  let deploymentId: string;
  try {
    deploymentId = await client.deployCommit(settings.target, commit);
  } catch (err) {
    if (!(err instanceof ServiceError && err.ambiguous)) throw err;
    deploymentId = await recoverDeployment(ctx, commit, startedAt, err);
  }
  log(`deployment ${deploymentId} started`);
  const healthUrl = await finish(ctx, deploymentId);
  log(`deployed commit ${short(commit)} as deployment ${deploymentId}${healthUrl ? "; /health answers 200" : ""}`);
  return { action: "deploy", deploymentId, commit, status: "SUCCESS", healthUrl };
}

function parsePrevious(text: string | undefined): { commit?: string; deploymentId?: string } | undefined {
  const line = text?.trim().split("\n").at(-1);
  if (!line) return undefined;
  try {
    const v = JSON.parse(line) as { commit?: unknown; deploymentId?: unknown };
    return typeof v.commit === "string" && typeof v.deploymentId === "string"
      ? { commit: v.commit, deploymentId: v.deploymentId }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The deployment to roll back to: the newest earlier one that succeeded (Railway marks it `canRollback`). */
export function rollbackTarget(deployments: readonly Deployment[]): { current?: Deployment; target?: Deployment } {
  const currentIndex = deployments.findIndex((d) => d.status === "SUCCESS");
  const current = currentIndex >= 0 ? deployments[currentIndex] : undefined;
  const target = deployments.slice(currentIndex + 1).find((d) => d.canRollback === true);
  return { current, target };
}

/** Rolls back to the previous successful deployment, then waits for SUCCESS and `/health`. */
export async function rollback(ctx: RunContext): Promise<DeployResult> {
  const { client, settings, log } = ctx;
  const before = await client.listDeployments(settings.target, 20);
  const { current, target } = rollbackTarget(before);
  if (!target) throw new DeployFailure("no earlier successful deployment to roll back to");
  log(
    `rolling back from ${current ? `deployment ${current.id} (${short(current.commitHash)})` : "a service with no live deployment"} to deployment ${target.id} (${short(target.commitHash)})`,
  );
  const newestBefore = before[0]?.id;
  try {
    await client.rollback(target.id);
  } catch (err) {
    // A lost reply: whether Railway started the rollback shows in the list below.
    if (!(err instanceof ServiceError && err.ambiguous)) throw err;
    log(`the reply to deploymentRollback was lost; looking for the new deployment`);
  }
  const now = ctx.now ?? Date.now;
  const deadline = now() + settings.deployTimeoutMs;
  let started: Deployment | undefined;
  while (!started) {
    const [newest] = await client.listDeployments(settings.target, 1);
    if (newest && newest.id !== newestBefore) started = newest;
    else if (now() + ctx.pollMs > deadline)
      throw new DeployFailure(
        `no rollback deployment appeared within ${Math.round(settings.deployTimeoutMs / 1000)} s`,
      );
    else await (ctx.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))))(ctx.pollMs);
  }
  log(`rollback deployment ${started.id} started`);
  const healthUrl = await finish(ctx, started.id);
  log(`rolled back to commit ${short(target.commitHash)} as deployment ${started.id}`);
  return {
    action: "rollback",
    deploymentId: started.id,
    commit: target.commitHash,
    status: "SUCCESS",
    healthUrl,
    rolledBackTo: target.id,
  };
}

/** The newest deployment and, when the agent URL is known, one probe of `/health`. */
export async function status(ctx: RunContext): Promise<StatusResult> {
  const latest = await ctx.client.latestDeployment(ctx.settings.target);
  const healthUrl = healthUrlOf(ctx.settings);
  let health: string | undefined;
  if (healthUrl) {
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(5000), redirect: "manual" });
      await res.arrayBuffer();
      health = `HTTP ${res.status}`;
    } catch (err) {
      health = err instanceof Error && err.name === "TimeoutError" ? "timed out" : "unreachable";
    }
  }
  const ok = latest?.status === "SUCCESS" && (health === undefined || health === "HTTP 200");
  return { deploymentId: latest?.id, status: latest?.status, commit: latest?.commitHash, health, ok };
}
