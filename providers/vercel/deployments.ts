/**
 * What the tools ask of Vercel's deployments beyond single calls: which deployment a frontend serves (the frontend
 * redeploy, `npm run status`), and waiting for a new one to be READY (the frontend redeploy, the rollback's rebuild).
 */
import { poll, type PollTiming } from "../../lib/poll";
import type { VercelClient, VercelDeployment } from "./client";

/** Where a frontend lives: its project, its target, its branch (previews), and the host people reach it by. */
export interface FrontendLocation {
  projectId: string;
  target: "production" | "preview";
  /** Preview only: the branch whose latest preview the host serves, e.g. `staging`. */
  branch?: string;
  /** The alias host (the production domain or the branch alias); undefined to use the fallback only. */
  host?: string;
}

/**
 * The deployment a frontend serves: the one its alias host answers with (after an Instant Rollback, the rolled-back
 * one), else the newest READY deployment of its target (production) or branch (preview). Both are asked at once, so
 * the fallback costs no extra round trip.
 */
export async function servedDeployment(
  client: VercelClient,
  where: FrontendLocation,
): Promise<VercelDeployment | undefined> {
  const branch = where.target === "preview" ? where.branch : undefined;
  const [served, ready] = await Promise.all([
    where.host ? client.getDeployment(where.host) : Promise.resolve(undefined),
    client.listReady(where.projectId, where.target, 20, branch),
  ]);
  if (served) return served;
  return where.target === "production" ? ready[0] : ready.find((d) => d.branch === where.branch);
}

/** How {@link waitUntilReady} waits, and what it throws when the build fails or takes too long. */
export interface ReadyWait extends PollTiming {
  log: (line: string) => void;
  fail: (message: string) => Error;
}

/** Polls a new deployment until it is READY; throws `fail(…)` when it ends ERROR/CANCELED or at the deadline. */
export async function waitUntilReady(client: VercelClient, id: string, w: ReadyWait): Promise<VercelDeployment> {
  let last = "";
  return poll(
    w,
    async () => {
      const d = await client.getDeployment(id);
      const state = d?.state ?? "missing";
      if (state !== last) w.log(`deployment ${id}: ${state}`);
      last = state;
      if (state === "ERROR" || state === "CANCELED")
        throw w.fail(`deployment ${id} ended ${state}; see its build logs in Vercel`);
      return state === "READY" ? d : undefined;
    },
    (within) => w.fail(`deployment ${id} did not become READY ${within}`),
  );
}
