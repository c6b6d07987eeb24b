/**
 * `agent-deploy rollback`: the previous successful deployment's image, with the stack's current variables.
 *
 * Railway's rollback restores both the image and the custom variables of the deployment rolled back to (docs:
 * "Deployment actions": "Both the Docker image and custom variables are restored during the rollback process").
 * After a secret rotation that would put the old (possibly revoked or compromised) value back into service, and
 * leave the variables `pulumi up` manages drifted. So the rollback reads the service's variables first, rolls back,
 * writes back every variable the rollback changed (with `skipDeploys`), and redeploys the rolled-back deployment
 * (`deploymentRedeploy` with `usePreviousImageTag`: the same image, the service's current variables). The old
 * values run only for the short life of the intermediate deployment, and never once the tool has finished.
 */
import { poll } from "../../lib/poll";
import { ServiceError } from "../../providers/http";
import type { Deployment, RailwayClient, RailwayTarget } from "../../providers/railway/client";
import { type DeployResult, finish, healthUrlOf, type RunContext, short, startDeployment } from "./run";
import { DeployFailure, waitForDeployment } from "./wait";

/** The deployment to roll back to: the newest earlier one that succeeded (Railway marks it `canRollback`). */
export function rollbackTarget(deployments: readonly Deployment[]): { current?: Deployment; target?: Deployment } {
  const currentIndex = deployments.findIndex((d) => d.status === "SUCCESS");
  const current = currentIndex >= 0 ? deployments[currentIndex] : undefined;
  const target = deployments.slice(currentIndex + 1).find((d) => d.canRollback === true);
  return { current, target };
}

/** What to write back so that `now` equals `wanted` again: changed or missing keys, and keys to delete. */
export function variablesToRestore(
  wanted: Readonly<Record<string, string>>,
  now: Readonly<Record<string, string>>,
): { upsert: Record<string, string>; remove: string[] } {
  const upsert: Record<string, string> = {};
  for (const [k, v] of Object.entries(wanted)) if (now[k] !== v) upsert[k] = v;
  const remove = Object.keys(now)
    .filter((k) => !(k in wanted))
    .sort();
  return { upsert, remove };
}

/** Puts the service's variables back as they were; returns the names written (never the values). */
async function restoreVariables(
  client: RailwayClient,
  target: RailwayTarget,
  wanted: Readonly<Record<string, string>>,
): Promise<string[]> {
  const { upsert, remove } = variablesToRestore(wanted, await client.getVariables(target));
  if (Object.keys(upsert).length > 0) await client.upsertVariables(target, upsert);
  for (const name of remove) await client.deleteVariable(target, name);
  return [...Object.keys(upsert), ...remove].sort();
}

/** Waits for the deployment a rollback starts to appear (it is the newest one once it does). */
async function rollbackDeployment(ctx: RunContext, newestBefore: string | undefined): Promise<Deployment> {
  const timeoutMs = ctx.settings.deployTimeoutMs;
  return poll(
    { ...ctx, timeoutMs },
    async () => {
      const [newest] = await ctx.client.listDeployments(ctx.settings.target, 1);
      return newest && newest.id !== newestBefore ? newest : undefined;
    },
    (within) => new DeployFailure(`no rollback deployment appeared ${within}`),
  );
}

/**
 * Rolls back to the previous successful deployment with the current variables, then waits for SUCCESS and
 * `/health`. Two deployments when the rollback changed any variable (the rollback, then its redeploy), one when not.
 */
export async function rollback(ctx: RunContext): Promise<DeployResult> {
  const { client, settings, log } = ctx;
  const before = await client.listDeployments(settings.target, 20);
  const { current, target } = rollbackTarget(before);
  if (!target) throw new DeployFailure("no earlier successful deployment to roll back to");
  // The variables as `pulumi up` last wrote them (and anything set by hand since): what must stay.
  const variables = await client.getVariables(settings.target);
  log(
    `rolling back from ${current ? `deployment ${current.id} (${short(current.commitHash)})` : "a service with no live deployment"} to deployment ${target.id} (${short(target.commitHash)})`,
  );
  try {
    await client.rollback(target.id);
  } catch (err) {
    // A lost reply: whether Railway started the rollback shows in the list below.
    if (!(err instanceof ServiceError && err.ambiguous)) throw err;
    log(`the reply to deploymentRollback was lost; looking for the new deployment`);
  }
  const started = await rollbackDeployment(ctx, before[0]?.id);
  log(`rollback deployment ${started.id} started`);
  const restored = await restoreVariables(client, settings.target, variables);
  let deploymentId = started.id;
  if (restored.length === 0) await finish(ctx, started.id);
  else {
    log(
      `the rollback restored older values of ${restored.join(", ")}; the current values are written back, and ` +
        `the rolled-back image is redeployed with them`,
    );
    await waitForDeployment(client, started.id, settings.deployTimeoutMs, ctx);
    const redeploy = async () => (await client.redeploy(started.id)).id;
    deploymentId = await startDeployment(ctx, "deploymentRedeploy", started.commitHash, redeploy, started.id);
    log(`deployment ${deploymentId} started (the rolled-back image, the current variables)`);
    await finish(ctx, deploymentId);
  }
  log(`rolled back to commit ${short(target.commitHash)} as deployment ${deploymentId}`);
  return {
    action: "rollback",
    deploymentId,
    commit: target.commitHash,
    status: "SUCCESS",
    healthUrl: healthUrlOf(settings),
    rolledBackTo: target.id,
    variablesRestored: restored,
  };
}
