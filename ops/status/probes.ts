/**
 * One read per question `npm run status` asks, each returning a {@link Probe}: the frontend's live Vercel
 * deployment, the agent's live Railway deployment, the UptimeRobot monitors with their last 24 hours of logs, and the
 * stack's health checks (ops/health, as `npm run health` runs them). Read-only calls only; a missing token or id,
 * an unreachable API or a refused token makes that probe unknown with the reason, never a crash.
 */
import { reasonOf } from "../../lib/cli";
import type { Service } from "../../lib/health-checks";
import { BRANCH, hostOf, isEnvironmentName, PRODUCTION } from "../../lib/environments";
import { railwayCredentials, RailwayClient } from "../../providers/railway/client";
import { type MonitorLog, UptimeRobotClient } from "../../providers/uptimerobot/client";
import { MONITOR_STATUS } from "../../providers/uptimerobot/enums";
import { VercelClient } from "../../providers/vercel/client";
import { servedDeployment } from "../../providers/vercel/deployments";
import { parseOutputs } from "../health/outputs";
import { checkHealth, type HealthReport } from "../health/report";
import { known, type LiveDeployment, type MonitorEvent, type MonitorState, type Probe, unknown } from "./report";
import type { StatusTargets } from "./targets";

const DAY_SECONDS = 86_400;

/** What every probe of one environment needs. */
export interface ProbeContext {
  /** A setting of this environment: env `NAME_<ENVIRONMENT>` (e.g. `RAILWAY_TOKEN_STAGING`), else `NAME`. */
  setting: (name: string) => string | undefined;
  /** Timeout of each call, milliseconds. */
  timeoutMs: number;
  /** The time the report is made at, ms since the epoch. */
  now: number;
}

/** The HTTP tuning of every status call: one retry, short waits (a daily check reports, it does not insist). */
const tuning = (ctx: ProbeContext) => ({ timeoutMs: ctx.timeoutMs, maxRetries: 1, maxDelayMs: 2_000 });

async function guard<T>(work: () => Promise<Probe<T>>): Promise<Probe<T>> {
  try {
    return await work();
  } catch (err) {
    return unknown(reasonOf(err));
  }
}

const iso = (ms: number | undefined) =>
  ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString();

/**
 * The frontend's live deployment: the one its host serves (after an Instant Rollback, the rolled-back one, not the
 * newest), else the newest READY production deployment or the branch's newest READY preview. The host is that of
 * the stack's `frontendUrl`, or the setting `VERCEL_FRONTEND_HOST` (tests serve the site under another address).
 */
export function probeFrontend(t: StatusTargets, ctx: ProbeContext): Promise<Probe<LiveDeployment>> {
  return guard(async () => {
    const token = ctx.setting("VERCEL_TOKEN");
    if (!token) return unknown("no VERCEL_TOKEN in the environment");
    if (!t.vercelProjectId) return unknown("the outputs have no vercelProjectId");
    if (!isEnvironmentName(t.environment)) return unknown(`${t.environment} is not a declared environment`);
    const branch = BRANCH[t.environment];
    const client = new VercelClient({
      token,
      team: ctx.setting("VERCEL_TEAM_ID") || undefined,
      baseUrl: ctx.setting("VERCEL_API_URL") || undefined,
      ...tuning(ctx),
    });
    // The production branch's deployments are the Vercel project's production target.
    const production = branch === PRODUCTION.branch;
    const host = ctx.setting("VERCEL_FRONTEND_HOST") || (t.frontendUrl ? hostOf(t.frontendUrl) : undefined);
    const d = await servedDeployment(client, {
      projectId: t.vercelProjectId,
      target: production ? "production" : "preview",
      branch,
      host,
    });
    if (!d) return unknown(`no READY deployment of ${production ? "the production target" : `branch ${branch}`}`);
    return known({ platform: "Vercel", id: d.id, commit: d.commitSha, liveSince: iso(d.readyAt ?? d.createdAt) });
  });
}

/** The agent's live deployment: the service's newest SUCCESS deployment on Railway. */
export function probeAgent(t: StatusTargets, ctx: ProbeContext): Promise<Probe<LiveDeployment>> {
  return guard(async () => {
    const env = { RAILWAY_TOKEN: ctx.setting("RAILWAY_TOKEN"), RAILWAY_API_TOKEN: ctx.setting("RAILWAY_API_TOKEN") };
    const credentials = railwayCredentials(undefined, env);
    if (!credentials) return unknown("no RAILWAY_TOKEN or RAILWAY_API_TOKEN in the environment");
    if (!t.railway) return unknown("the outputs have no railwayProjectId, railwayEnvironmentId and railwayServiceId");
    const client = new RailwayClient({
      credentials,
      apiUrl: ctx.setting("RAILWAY_API_URL") || undefined,
      ...tuning(ctx),
    });
    const [d] = await client.listDeployments(t.railway, 1, ["SUCCESS"]);
    if (!d) return unknown("no SUCCESS deployment of the agent service");
    const since = d.statusUpdatedAt ?? d.createdAt;
    return known({ platform: "Railway", id: d.id, commit: d.commitHash, liveSince: since && iso(Date.parse(since)) });
  });
}

const STATES: Record<number, MonitorState["state"]> = {
  [MONITOR_STATUS.paused]: "paused",
  [MONITOR_STATUS.notCheckedYet]: "not checked yet",
  [MONITOR_STATUS.up]: "up",
  [MONITOR_STATUS.seemsDown]: "seems down",
  [MONITOR_STATUS.down]: "down",
};
const EVENTS: Record<number, MonitorEvent["event"]> = { 1: "down", 2: "up", 98: "started", 99: "paused" };

function toEvent(log: MonitorLog): MonitorEvent {
  return {
    at: new Date(log.datetime * 1000).toISOString(),
    event: EVENTS[log.type] ?? "other",
    ...(log.duration !== undefined ? { durationSeconds: log.duration } : {}),
    ...(log.reason ? { reason: log.reason } : {}),
  };
}

/** The monitors of the environment's services, in one `getMonitors` call with their logs of the last 24 hours. */
export function probeMonitors(
  t: StatusTargets,
  ctx: ProbeContext,
): Promise<Probe<Partial<Record<Service, MonitorState>>>> {
  return guard(async () => {
    const apiKey = ctx.setting("UPTIME_ROBOT_API_KEY");
    if (!apiKey) return unknown("no UPTIME_ROBOT_API_KEY in the environment (use the read-only API key)");
    const wanted = Object.entries(t.monitors) as [Service, number][];
    if (wanted.length === 0) return unknown("the outputs have no monitor ids");
    const client = new UptimeRobotClient({
      apiKey,
      apiUrl: ctx.setting("UPTIME_ROBOT_API_URL") || undefined,
      ...tuning(ctx),
    });
    const since = Math.floor(ctx.now / 1000) - DAY_SECONDS;
    const live = await client.getMonitors({ ids: wanted.map(([, id]) => id), logsSince: since });
    const out: Partial<Record<Service, MonitorState>> = {};
    for (const [service, id] of wanted) {
      const m = live.find((x) => x.id === id);
      out[service] = m
        ? {
            id,
            name: m.friendlyName,
            state: STATES[m.status] ?? "not checked yet",
            events: (m.logs ?? []).map(toEvent),
          }
        : { id, state: "missing", events: [] };
    }
    return known(out);
  });
}

/** The health report of a stack, and the service of each of its checks (same order as `report.checks`). */
export interface HealthProbe {
  report: HealthReport;
  services: string[];
}

/** The stack's health checks, run once as `npm run health` runs them, with the same verdict and severity. */
export function probeHealth(outputs: unknown, ctx: ProbeContext): Promise<Probe<HealthProbe>> {
  return guard(async () => {
    const parsed = parseOutputs(JSON.stringify(outputs));
    if (!parsed.ok) return unknown(`health checks: ${parsed.error}`);
    const report = await checkHealth(parsed.outputs, { timeoutMs: ctx.timeoutMs });
    return known({ report, services: parsed.outputs.healthChecks.map((c) => c.service) });
  });
}
