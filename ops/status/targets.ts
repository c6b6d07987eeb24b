/**
 * What `npm run status` reads from a stack's outputs (`pulumi stack output --json`): the ids of the things to ask
 * the services about. Every field but `environment` may be missing (an older stack, an output not built yet); a
 * missing id makes only its own probe unknown. Secret outputs print as "[secret]" and count as missing.
 */
import { z } from "zod";
import { firstProblem } from "../health/outputs";

const plain = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === "" || v === "[secret]" ? undefined : v));

/** An UptimeRobot monitor id: a positive number, or its digits; anything else counts as missing. */
const monitorId = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v) => {
    const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
    return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : undefined;
  });

const targetsSchema = z
  .looseObject({
    environment: z.string({ error: "missing (not the outputs of a Chef Chopsky stack?)" }).min(1),
    frontendUrl: plain,
    agentUrl: plain,
    vercelProjectId: plain,
    railwayProjectId: plain,
    railwayEnvironmentId: plain,
    railwayServiceId: plain,
    frontendMonitorId: monitorId,
    agentMonitorId: monitorId,
    secretAges: z.unknown().optional(),
  })
  .transform((o) => ({
    environment: o.environment,
    frontendUrl: o.frontendUrl,
    agentUrl: o.agentUrl,
    vercelProjectId: o.vercelProjectId,
    railway:
      o.railwayProjectId && o.railwayEnvironmentId && o.railwayServiceId
        ? { projectId: o.railwayProjectId, environmentId: o.railwayEnvironmentId, serviceId: o.railwayServiceId }
        : undefined,
    /** UptimeRobot monitor ids by service, from the outputs named `<service>MonitorId`. */
    monitors: {
      ...(o.frontendMonitorId !== undefined && { frontend: o.frontendMonitorId }),
      ...(o.agentMonitorId !== undefined && { agent: o.agentMonitorId }),
    },
    /** The `secretAges` output as it is, when the stack records it (see `secret-ages.ts`). */
    secretAges: o.secretAges,
  }));

/** The ids of one stack, as the status tool uses them. */
export type StatusTargets = z.output<typeof targetsSchema>;

/**
 * Reads the targets out of parsed outputs.
 * @returns the targets, or one line naming what is wrong (never a value).
 */
export function readTargets(data: unknown): { ok: true; targets: StatusTargets } | { ok: false; error: string } {
  const parsed = targetsSchema.safeParse(data);
  if (parsed.success) return { ok: true, targets: parsed.data };
  return { ok: false, error: firstProblem(parsed.error) };
}
