/**
 * The deploy tool's commands as functions: `deploy` (a commit, then wait for SUCCESS and `/health`), `redeploy`
 * (the live deployment again, when the variables it carries changed) and `status`; `rollback` is in
 * `rollback.ts`. They return a result or throw a {@link DeployFailure}; the CLI turns that into exit codes.
 */
import { agentHealthUrl } from "../../lib/health-checks";
import { describeResult, runCheck } from "../../lib/health-probe";
import { ServiceError } from "../../providers/http";
import type { RailwayClient } from "../../providers/railway/client";
import type { DeploySettings } from "./settings";
import { agentProbe, DeployFailure, type WaitContext, waitForDeployment, waitForHealth } from "./wait";

/** What a run prints as JSON (the last line of stdout with `--json`); Pulumi hands it back on the next run. */
export interface DeployResult {
  /** `recorded`: nothing to deploy, the fingerprint was only noted for the next run. */
  action: "deploy" | "redeploy" | "rollback" | "unchanged" | "recorded";
  deploymentId?: string;
  /** For `deploy`: the configured commit. For the others: the commit of the deployment, when Railway says. */
  commit?: string;
  status?: "SUCCESS";
  healthUrl?: string;
  /** For a rollback: the deployment it went back to. */
  rolledBackTo?: string;
  /** For a rollback: the names (never the values) of the variables put back after Railway restored old ones. */
  variablesRestored?: string[];
  /** The keyed fingerprint of the variables the live deployment runs with, as far as this tool knows. */
  variablesFingerprint?: string;
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

export const short = (sha: string | undefined) => (sha ? sha.slice(0, 12) : "unknown commit");
export const healthUrlOf = (s: DeploySettings) => (s.agentUrl ? agentHealthUrl(s.agentUrl) : undefined);

/** Waits for a deployment to reach SUCCESS, then (when the agent URL is known) for `/health` to answer 200. */
export async function finish(ctx: RunContext, deploymentId: string): Promise<void> {
  await waitForDeployment(ctx.client, deploymentId, ctx.settings.deployTimeoutMs, ctx);
  const healthUrl = healthUrlOf(ctx.settings);
  if (healthUrl) await waitForHealth(agentProbe(healthUrl), ctx.settings.healthTimeoutMs, ctx);
}

/**
 * Starts a deployment of `commit` with `operation` and returns its id. After an ambiguous write (reply lost, 5xx)
 * a deployment may exist: look for one of this commit, created since the call started and other than `except`,
 * rather than deploying twice or failing a deploy that is running.
 */
export async function startDeployment(
  ctx: RunContext,
  operation: string,
  commit: string | undefined,
  start: () => Promise<string>,
  except?: string,
): Promise<string> {
  const startedAt = Date.now();
  try {
    return await start();
  } catch (err) {
    if (!(err instanceof ServiceError && err.ambiguous)) throw err;
    const recent = await ctx.client.listDeployments(ctx.settings.target, 10);
    const mine = recent.find(
      (d) =>
        d.id !== except && d.commitHash === commit && (!d.createdAt || Date.parse(d.createdAt) >= startedAt - 60_000),
    );
    if (!mine)
      throw new DeployFailure(
        `${err.message}; no deployment of commit ${short(commit)} appeared, so none was started: run it again`,
      );
    ctx.log(`the reply to ${operation} was lost; found deployment ${mine.id} of commit ${short(commit)}`);
    return mine.id;
  }
}

/** The previous run's result (Pulumi passes it back as `PULUMI_COMMAND_STDOUT` on an update). */
export function parsePrevious(text: string | undefined): DeployResult | undefined {
  const line = text?.trim().split("\n").at(-1);
  if (!line) return undefined;
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
    return typeof v.action === "string"
      ? {
          action: v.action as DeployResult["action"],
          commit: str("commit"),
          deploymentId: str("deploymentId"),
          variablesFingerprint: str("variablesFingerprint"),
        }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the variables changed since the previous run. A run that recorded no fingerprint (the first with this
 * tool version) says nothing about the variables, so it counts as unchanged: a redeploy only ever follows a change.
 */
export function variablesChanged(prior: DeployResult | undefined, now: string | undefined): boolean {
  return prior?.variablesFingerprint !== undefined && now !== undefined && prior.variablesFingerprint !== now;
}

/**
 * Redeploys the live deployment (the newest that succeeded), so that it runs with the service's current
 * variables, and waits for SUCCESS and `/health`. Undefined when nothing is live (nothing runs old values).
 */
export async function redeployLive(ctx: RunContext): Promise<{ deploymentId: string; commit?: string } | undefined> {
  const { client, settings, log } = ctx;
  const [live] = await client.listDeployments(settings.target, 1, ["SUCCESS", "SLEEPING"]);
  if (!live) {
    log("no live deployment to redeploy: the variables apply to the next deployment");
    return undefined;
  }
  log(`redeploying deployment ${live.id} (${short(live.commitHash)}) so that it runs with the current variables`);
  const redeploy = async () => (await client.redeploy(live.id)).id;
  const deploymentId = await startDeployment(ctx, "deploymentRedeploy", live.commitHash, redeploy, live.id);
  log(`deployment ${deploymentId} started`);
  await finish(ctx, deploymentId);
  log(`redeployed ${short(live.commitHash)} as deployment ${deploymentId} with the current variables`);
  return { deploymentId, commit: live.commitHash };
}

/**
 * Deploys `settings.commit`. With `previous` (this tool's JSON of the last run, which Pulumi passes back as
 * `PULUMI_COMMAND_STDOUT` on an update): a changed commit deploys it; the same commit with changed variables
 * (a rotated secret) redeploys the live deployment once, keeping whatever image is live (a rollback done since
 * stays); anything else (a rotated token, a timeout, the checkout path) only checks `/health`.
 */
export async function deploy(ctx: RunContext, previous?: string): Promise<DeployResult> {
  const { settings, client, log } = ctx;
  const commit = settings.commit;
  if (!commit) throw new DeployFailure("no commit to deploy");
  const fingerprint = settings.variablesFingerprint;
  const prior = parsePrevious(previous);
  if (prior?.commit === commit && prior.deploymentId) {
    if (variablesChanged(prior, fingerprint)) {
      const done = await redeployLive(ctx);
      const deploymentId = done?.deploymentId ?? prior.deploymentId;
      return { action: done ? "redeploy" : "unchanged", deploymentId, commit, status: "SUCCESS", ...rest(ctx) };
    }
    // Neither the commit nor the variables changed. Never redeploy then: if someone rolled the agent back since,
    // redeploying would undo the rollback.
    const latest = await client.latestDeployment(settings.target);
    if (latest === undefined || latest.id !== prior.deploymentId) {
      log(
        `the live deployment (${latest?.id ?? "none"}) is not the one this stack deployed (${prior.deploymentId}, ` +
          `commit ${short(commit)}): rolled back or deployed by hand? Not redeploying; set agentCommit to deploy a commit`,
      );
    } else log(`commit ${short(commit)} is already live as deployment ${latest.id}; checking health only`);
    const healthUrl = healthUrlOf(settings);
    if (healthUrl) await waitForHealth(agentProbe(healthUrl), settings.healthTimeoutMs, ctx);
    return { action: "unchanged", deploymentId: prior.deploymentId, commit, status: "SUCCESS", ...rest(ctx) };
  }
  log(
    `deploying commit ${short(commit)} to service ${settings.target.serviceId} in environment ${settings.target.environmentId}`,
  );
  const deployCommit = () => client.deployCommit(settings.target, commit);
  const deploymentId = await startDeployment(ctx, "serviceInstanceDeployV2", commit, deployCommit);
  log(`deployment ${deploymentId} started`);
  await finish(ctx, deploymentId);
  log(
    `deployed commit ${short(commit)} as deployment ${deploymentId}${healthUrlOf(settings) ? "; /health answers 200" : ""}`,
  );
  return { action: "deploy", deploymentId, commit, status: "SUCCESS", ...rest(ctx) };
}

/** The fields every result carries: the health URL and the fingerprint now recorded. */
function rest(ctx: RunContext): Pick<DeployResult, "healthUrl" | "variablesFingerprint"> {
  return { healthUrl: healthUrlOf(ctx.settings), variablesFingerprint: ctx.settings.variablesFingerprint };
}

/**
 * For a stack that deploys no commit of its own (no `agentCommit`): on the first run only records the
 * fingerprint; afterwards redeploys the live deployment once each time the fingerprint changes.
 */
export async function redeploy(ctx: RunContext, previous?: string): Promise<DeployResult> {
  const prior = parsePrevious(previous);
  if (!variablesChanged(prior, ctx.settings.variablesFingerprint)) {
    ctx.log(prior ? "the variables did not change: nothing to redeploy" : "first run: fingerprint recorded");
    return { action: prior ? "unchanged" : "recorded", deploymentId: prior?.deploymentId, ...rest(ctx) };
  }
  const done = await redeployLive(ctx);
  return done ? { action: "redeploy", ...done, status: "SUCCESS", ...rest(ctx) } : { action: "recorded", ...rest(ctx) };
}

/** The newest deployment and, when the agent URL is known, one probe of `/health`. */
export async function status(ctx: RunContext): Promise<StatusResult> {
  const latest = await ctx.client.latestDeployment(ctx.settings.target);
  const healthUrl = healthUrlOf(ctx.settings);
  const probe = healthUrl ? await runCheck(agentProbe(healthUrl), { timeoutMs: 5000 }) : undefined;
  const health = probe && describeResult(probe);
  const ok = latest?.status === "SUCCESS" && (probe === undefined || probe.ok);
  return { deploymentId: latest?.id, status: latest?.status, commit: latest?.commitHash, health, ok };
}
