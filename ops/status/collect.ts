/**
 * Builds the status report: for every stack's outputs, all probes at once (Vercel, Railway, UptimeRobot, the health
 * checks), every environment at once, each call with its own timeout. The wall time is that of the slowest call,
 * not the sum.
 */
import type { Env } from "../../lib/cli";
import { SERVICES, type Service } from "../../lib/health-checks";
import { type ProbeContext, probeAgent, probeFrontend, probeHealth, probeMonitors } from "./probes";
import {
  type EnvironmentStatus,
  known,
  type MonitorState,
  type Probe,
  type ServiceStatus,
  type StatusReport,
  unknown,
} from "./report";
import { secretAges } from "./secret-ages";
import { readTargets } from "./targets";

/** One stack's outputs, or why they could not be read. */
export interface StackInput {
  /** Where they came from, e.g. `outputs.json` or `pulumi stack output --stack staging`. */
  source: string;
  /** The stack, when known before reading (the `--stack` it was read from). */
  stack?: string;
  /** The parsed JSON. */
  outputs?: unknown;
  /** Why they could not be read. */
  error?: string;
}

/** How the report is made. */
export interface CollectOptions {
  /** Tokens, API URLs, per environment (see {@link settingsFor}). */
  env: Env;
  /** Timeout of each call, milliseconds. */
  timeoutMs: number;
}

/** The settings of one environment: env `NAME_<ENVIRONMENT>` first (`VERCEL_TOKEN_STAGING`), then `NAME`. */
export function settingsFor(env: Env, environment: string): (name: string) => string | undefined {
  const suffix = environment.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  return (name) => env[`${name}_${suffix}`] || env[name] || undefined;
}

const pick = <T, U>(probe: Probe<T>, get: (value: T) => Probe<U>): Probe<U> =>
  probe.known ? get(probe.value) : unknown(probe.reason);

function attentionOf(env: string, status: Omit<EnvironmentStatus, "attention">): string[] {
  const out: string[] = [];
  if (status.health.known && !status.health.value.healthy)
    out.push(`${env}: UNHEALTHY, severity ${status.health.value.severity}`);
  for (const s of status.services) {
    const what = `${env} ${s.service}`;
    if (!s.deployment.known) out.push(`${what}: live deployment unknown (${s.deployment.reason})`);
    if (!s.check.known) out.push(`${what}: health unknown (${s.check.reason})`);
    else if (!s.check.value.ok) out.push(`${what}: health ${s.check.value.kind} (${s.check.value.error ?? ""})`);
    if (!s.monitor.known) out.push(`${what} monitor: unknown (${s.monitor.reason})`);
    else {
      const m = s.monitor.value;
      if (m.state !== "up") out.push(`${what} monitor: ${m.state}`);
      const downs = m.events.filter((e) => e.event === "down").length;
      if (downs > 0) out.push(`${what} monitor: ${downs} down alert${downs === 1 ? "" : "s"} in the last 24 hours`);
    }
  }
  if (status.secrets.state === "unknown") out.push(`${env} secrets: ${status.secrets.reason}`);
  return [...new Set(out)];
}

async function environmentStatus(input: StackInput, options: CollectOptions, now: number): Promise<EnvironmentStatus> {
  const read = input.error === undefined ? readTargets(input.outputs) : undefined;
  const t = read?.ok ? read.targets : undefined;
  const error = input.error ?? (read && !read.ok ? read.error : undefined);
  const environment = t?.environment ?? input.stack ?? input.source;
  const ctx: ProbeContext = { setting: settingsFor(options.env, environment), timeoutMs: options.timeoutMs, now };
  const none = unknown<never>(`outputs: ${error}`);
  const [frontend, agent, monitors, health] = t
    ? await Promise.all([
        probeFrontend(t, ctx),
        probeAgent(t, ctx),
        probeMonitors(t, ctx),
        probeHealth(input.outputs, ctx),
      ])
    : ([none, none, none, none] as const);
  const services: ServiceStatus[] = SERVICES.map((service) => ({
    service,
    url: service === "frontend" ? t?.frontendUrl : t?.agentUrl,
    deployment: service === "frontend" ? frontend : agent,
    check: pick(health, ({ report, services: checked }) => {
      const i = checked.indexOf(service);
      return i < 0 ? unknown(`no health check of the ${service}`) : known(report.checks[i]);
    }),
    monitor: pick(monitors, (byService: Partial<Record<Service, MonitorState>>) => {
      const m = byService[service];
      return m ? known(m) : unknown(`the outputs have no ${service}MonitorId`);
    }),
  }));
  const status = {
    environment,
    source: input.source,
    services,
    health: pick(health, ({ report }) => known({ healthy: report.healthy, severity: report.severity })),
    secrets: t ? secretAges(t.secretAges, now) : ({ state: "unknown", reason: `outputs: ${error}` } as const),
  };
  const attention = t ? attentionOf(environment, status) : [`${environment}: outputs unreadable (${error})`];
  return { ...status, attention };
}

/**
 * Makes the report.
 * @param inputs - every stack's outputs, in the order to report them.
 * @param options - tokens and API URLs, and the timeout of each call.
 */
export async function collectStatus(inputs: readonly StackInput[], options: CollectOptions): Promise<StatusReport> {
  const now = Date.now();
  const environments = await Promise.all(inputs.map((input) => environmentStatus(input, options, now)));
  return { generatedAt: new Date(now).toISOString(), environments };
}
