/**
 * The frontend redeploy as a function: when the keyed fingerprint of the variables a deployment is built with
 * changed since the previous run, rebuild the deployment they affect (production's current production deployment,
 * or the staging branch's latest preview) and wait until it is READY, served by the frontend's URL, and answering.
 * Vercel applies environment variables to new deployments only (docs/reference/API-FACTS.md, "Vercel"), so without this a rotated
 * secret would reach the site at the next push, and the old value would have to stay valid until then.
 */
import { z } from "zod";
import type { Env } from "../../lib/cli";
import { FRONTEND_HEALTH } from "../../lib/health-checks";
import { poll } from "../../lib/poll";
import { fingerprintSchema, httpUrl } from "../../lib/schemas";
import { parsePrevious, variablesChanged } from "../agent-deploy/run";
import { type DeploySettings, type SettingsResult, settingsProblems, settingsSchema } from "../agent-deploy/settings";
import { DeployFailure, type WaitContext, waitForHealth } from "../agent-deploy/wait";
import type { VercelClient } from "../../providers/vercel/client";
import { servedDeployment, waitUntilReady } from "../../providers/vercel/deployments";

/** Everything a run needs, from the command's environment; fingerprint and timing as the agent's deploy tool has them. */
export interface RedeploySettings extends Pick<
  DeploySettings,
  "variablesFingerprint" | "deployTimeoutMs" | "healthTimeoutMs" | "pollMs"
> {
  projectId: string;
  /** `production`: the production domain's deployment; `preview`: the branch alias's. */
  target: "production" | "preview";
  /** Preview only: the branch whose latest preview is rebuilt, e.g. `staging`. */
  branch?: string;
  /** The URL people use; its host is the alias whose deployment is rebuilt, and it is probed for health. */
  frontendUrl: string;
  /** The alias host; default the host of {@link frontendUrl} (tests serve the site under another address). */
  host: string;
}

const schema = z.object({
  VERCEL_PROJECT_ID: z.string().regex(/^prj_[A-Za-z0-9]+$/, "expected a Vercel project id (prj_…)"),
  FRONTEND_TARGET: z.enum(["production", "preview"]),
  FRONTEND_GIT_BRANCH: z.string().min(1).optional(),
  FRONTEND_URL: httpUrl(),
  FRONTEND_HOST: z
    .string()
    .regex(/^[a-z0-9.-]+$/, "expected a host name")
    .optional(),
  FRONTEND_VARIABLES_FINGERPRINT: fingerprintSchema().optional(),
  FRONTEND_DEPLOY_TIMEOUT_SECONDS: settingsSchema.shape.timeout,
  FRONTEND_HEALTH_TIMEOUT_SECONDS: settingsSchema.shape.healthTimeout,
  FRONTEND_POLL_MS: settingsSchema.shape.pollMs,
});

/** Reads the settings; every problem at once, each naming its variable (no value is quoted). */
export function readSettings(env: Env): SettingsResult<RedeploySettings> {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: settingsProblems(parsed.error, raw, String) };
  const s = parsed.data;
  if (s.FRONTEND_TARGET === "preview" && !s.FRONTEND_GIT_BRANCH)
    return { ok: false, problems: ["FRONTEND_GIT_BRANCH: required for the preview target"] };
  return {
    ok: true,
    settings: {
      projectId: s.VERCEL_PROJECT_ID,
      target: s.FRONTEND_TARGET,
      branch: s.FRONTEND_GIT_BRANCH,
      frontendUrl: s.FRONTEND_URL,
      host: s.FRONTEND_HOST ?? new URL(s.FRONTEND_URL).hostname,
      variablesFingerprint: s.FRONTEND_VARIABLES_FINGERPRINT,
      deployTimeoutMs: Math.round(s.FRONTEND_DEPLOY_TIMEOUT_SECONDS * 1000),
      healthTimeoutMs: Math.round(s.FRONTEND_HEALTH_TIMEOUT_SECONDS * 1000),
      pollMs: s.FRONTEND_POLL_MS,
    },
  };
}

/** A run's dependencies. */
export interface RedeployContext {
  /** Undefined when there is no token: fine as long as nothing needs redeploying. */
  client?: VercelClient;
  settings: RedeploySettings;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** What a run prints as JSON; Pulumi hands it back as `PULUMI_COMMAND_STDOUT` on the next run. */
export interface RedeployResult {
  /** `recorded`: nothing to rebuild, the fingerprint was only noted for the next run. */
  action: "redeploy" | "unchanged" | "recorded";
  /** The deployment built with the current variables, when this tool made one. */
  deploymentId?: string;
  /** The keyed fingerprint of the variables the affected deployment is built with, as far as this tool knows. */
  variablesFingerprint?: string;
  /** The deployment that was rebuilt. */
  redeployedFrom?: string;
  /** True when production was pinned by an Instant Rollback and the rebuilt deployment had to be promoted. */
  promoted?: boolean;
}

/** Rebuilds the affected deployment when the fingerprint changed; see the module comment. */
export async function redeployFrontend(ctx: RedeployContext, previous?: string): Promise<RedeployResult> {
  const { settings: s, log } = ctx;
  const variablesFingerprint = s.variablesFingerprint;
  const prior = parsePrevious(previous);
  if (!variablesChanged(prior, variablesFingerprint)) {
    log(prior ? "the variables did not change: nothing to redeploy" : "first run: fingerprint recorded");
    return { action: prior ? "unchanged" : "recorded", deploymentId: prior?.deploymentId, variablesFingerprint };
  }
  const client = ctx.client;
  if (!client)
    throw new DeployFailure(
      "the variables changed, but there is no Vercel token to redeploy with: set vercel:apiToken (or VERCEL_API_TOKEN)",
    );
  // The deployment the variables affect: the one the frontend's alias serves (or the newest READY one of it).
  const from = await servedDeployment(client, s);
  if (!from) {
    log(`no deployment serves ${s.host} yet: the variables apply to the next deployment`);
    return { action: "recorded", variablesFingerprint };
  }
  if (from.projectId !== undefined && from.projectId !== s.projectId)
    throw new DeployFailure(
      `${s.host} is served by a deployment of another project (${from.projectId}), not ${s.projectId}`,
    );
  const where = s.target === "production" ? "production" : `the ${s.branch} branch`;
  log(`redeploying ${from.id}, the deployment of ${where}, so that it is built with the current variables`);
  const created = await client.redeploy(from, from.name ?? s.projectId);
  log(`deployment ${created.id} started`);
  const wait: WaitContext = { log, pollMs: s.pollMs, sleep: ctx.sleep, now: ctx.now };
  const fail = (message: string) => new DeployFailure(message);
  await waitUntilReady(client, created.id, { ...wait, timeoutMs: s.deployTimeoutMs, fail });
  const serving = async () => ((await client.getDeployment(s.host))?.id === created.id ? true : undefined);
  let promoted = false;
  if (s.target === "production" && !(await serving())) {
    // An Instant Rollback keeps new production deployments off the domain: the rebuilt one carries the rolled-back
    // code with the current variables, so putting it there keeps the rollback and ends the old values.
    log(`production is pinned to another deployment (an Instant Rollback?): promoting ${created.id}`);
    await client.promote(s.projectId, created.id);
    promoted = true;
  }
  await poll({ ...wait, timeoutMs: s.healthTimeoutMs }, serving, (within) =>
    fail(`${s.host} did not serve deployment ${created.id} ${within}`),
  );
  await waitForHealth({ name: "frontend", url: s.frontendUrl, ...FRONTEND_HEALTH }, s.healthTimeoutMs, wait);
  log(`${s.host} serves deployment ${created.id}, built with the current variables, and answers 200`);
  return { action: "redeploy", deploymentId: created.id, redeployedFrom: from.id, promoted, variablesFingerprint };
}
