/**
 * What `npm run status` reads from a stack's outputs (`pulumi stack output --json`): the ids of the things to ask
 * the services about. Every field but `environment` may be missing (an older stack, an output not built yet); a
 * missing id makes only its own probe unknown. Secret outputs print as "[secret]" and count as missing.
 */
import { z } from "zod";
import type { RailwayTarget } from "../../providers/railway/client";
import type { Service } from "../../lib/health-checks";

/** The ids of one stack, as the status tool uses them. */
export interface StatusTargets {
  environment: string;
  frontendUrl?: string;
  agentUrl?: string;
  vercelProjectId?: string;
  railway?: RailwayTarget;
  /** UptimeRobot monitor ids by service, from the outputs named `<service>MonitorId`. */
  monitors: Partial<Record<Service, number>>;
  /** The `secretAges` output as it is, when the stack records it (see `secret-ages.ts`). */
  secretAges?: unknown;
}

const plain = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === "" || v === "[secret]" ? undefined : v));

const outputsSchema = z.looseObject({
  environment: z.string({ error: "missing (not the outputs of a Chef Chopsky stack?)" }).min(1),
  frontendUrl: plain,
  agentUrl: plain,
  vercelProjectId: plain,
  railwayProjectId: plain,
  railwayEnvironmentId: plain,
  railwayServiceId: plain,
  frontendMonitorId: z.union([z.string(), z.number()]).optional(),
  agentMonitorId: z.union([z.string(), z.number()]).optional(),
  secretAges: z.unknown().optional(),
});

function monitorId(value: string | number | undefined): number | undefined {
  const n = typeof value === "number" ? value : value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * Reads the targets out of parsed outputs.
 * @returns the targets, or one line naming what is wrong (never a value).
 */
export function readTargets(data: unknown): { ok: true; targets: StatusTargets } | { ok: false; error: string } {
  const parsed = outputsSchema.safeParse(data);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    return { ok: false, error: `${first.path.join(".") || "outputs"}: ${first.message}` };
  }
  const o = parsed.data;
  const railway =
    o.railwayProjectId && o.railwayEnvironmentId && o.railwayServiceId
      ? { projectId: o.railwayProjectId, environmentId: o.railwayEnvironmentId, serviceId: o.railwayServiceId }
      : undefined;
  const monitors: Partial<Record<Service, number>> = {};
  const frontend = monitorId(o.frontendMonitorId);
  const agent = monitorId(o.agentMonitorId);
  if (frontend !== undefined) monitors.frontend = frontend;
  if (agent !== undefined) monitors.agent = agent;
  return {
    ok: true,
    targets: {
      environment: o.environment,
      frontendUrl: o.frontendUrl,
      agentUrl: o.agentUrl,
      vercelProjectId: o.vercelProjectId,
      railway,
      monitors,
      secretAges: o.secretAges,
    },
  };
}
