/**
 * A whole live world for `npm run status`, on 127.0.0.1 only: the Vercel fake (production and staging deployments
 * of one project), one Railway fake per environment (each its own project token), the UptimeRobot fake with a
 * monitor per service, and a server answering the health checks; plus each stack's outputs as files and the
 * environment variables the tool reads. Used by the status tests and by `npm run bench -- status`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type LocalServer, startServer } from "../health-helpers";
import { RailwayFake } from "./railway";
import type { FakeServer } from "./server";
import { UptimeRobotFake } from "./uptimerobot";
import { VercelFake } from "./vercel";

/** The environments of the world, with the commits live in each. */
export const WORLD = {
  production: { branch: "main", frontend: "a1".repeat(20), agent: "b2".repeat(20) },
  staging: { branch: "staging", frontend: "c3".repeat(20), agent: "d4".repeat(20) },
} as const;
export type WorldEnvironment = keyof typeof WORLD;

/** A started world. */
export interface StatusWorld {
  vercel: VercelFake;
  railway: Record<WorldEnvironment, RailwayFake>;
  uptimeRobot: UptimeRobotFake;
  /** Answers `GET /<environment>/<service>` with 200 `{"status":"ok"}` unless told otherwise in `healthStatus`. */
  health: LocalServer;
  /** HTTP status per health path, e.g. `{"/staging/agent": 503}`; default 200. */
  healthStatus: Record<string, number>;
  /** Awaited before each health answer when set (a test's barrier). */
  healthGate?: (path: string) => Promise<void>;
  /** Monitor ids per environment and service. */
  monitors: Record<WorldEnvironment, { frontend: number; agent: number }>;
  /** The outputs files, in environment order. */
  outputFiles: string[];
  /** Each stack's outputs as `pulumi stack output --json` prints them (change them, then {@link writeOutputs}). */
  outputs: Record<WorldEnvironment, Record<string, unknown>>;
  /** Writes {@link outputs} to {@link outputFiles}. */
  writeOutputs: () => void;
  /** Tokens and API URLs of every fake, as the status tool reads them. */
  env: Record<string, string>;
  /** Every fake API server (not the health server). */
  fakes: FakeServer[];
  stop: () => Promise<void>;
}

const MINUTE = 60_000;

/** Starts the world; `stop` it after. */
export async function startStatusWorld(): Promise<StatusWorld> {
  const world = {} as StatusWorld;
  const vercel = new VercelFake();
  const railway = {
    production: new RailwayFake({ projectToken: "rw-production-token-1f2e" }),
    staging: new RailwayFake({ projectToken: "rw-staging-token-9a8b" }),
  };
  const uptimeRobot = new UptimeRobotFake();
  const healthStatus: Record<string, number> = {};
  const health = await startServer((req, res) => {
    const status = healthStatus[req.url ?? ""] ?? 200;
    void (world.healthGate?.(req.url ?? "") ?? Promise.resolve()).then(() => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: status === 200 ? "ok" : "unavailable" }));
    });
  });
  await Promise.all([vercel.start(), railway.production.start(), railway.staging.start(), uptimeRobot.start()]);

  const now = Date.now();
  vercel.add("dpl_prodOld", 600, { meta: { githubCommitSha: "0".repeat(40), githubCommitRef: "main" } });
  vercel.add("dpl_prodLive", 90, {
    ready: now - 85 * MINUTE,
    meta: { githubCommitSha: WORLD.production.frontend, githubCommitRef: "main" },
  });
  vercel.add("dpl_stagingLive", 40, {
    target: null,
    ready: now - 38 * MINUTE,
    meta: { githubCommitSha: WORLD.staging.frontend, githubCommitRef: "staging" },
  });
  vercel.add("dpl_featureNewer", 5, {
    target: null,
    meta: { githubCommitSha: "f".repeat(40), githubCommitRef: "feat/new-menu" },
  });
  for (const env of ["production", "staging"] as const) {
    railway[env].seedDeployment("SUCCESS", "e".repeat(40));
    railway[env].seedDeployment("SUCCESS", WORLD[env].agent);
  }
  const ids = uptimeRobot.seedMonitors(
    (["production", "staging"] as const).flatMap((env) => [
      { friendly_name: `Chef Chopsky ${env} frontend`, url: `${health.origin}/${env}/frontend`, type: 1 },
      { friendly_name: `Chef Chopsky ${env} agent`, url: `${health.origin}/${env}/agent`, type: 1 },
    ]),
  );
  for (const id of ids) uptimeRobot.dashboardEditMonitor(id, { status: 2 });
  const monitors = {
    production: { frontend: ids[0], agent: ids[1] },
    staging: { frontend: ids[2], agent: ids[3] },
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "status-world-"));
  const outputs = {} as StatusWorld["outputs"];
  for (const env of ["production", "staging"] as const) {
    const url = (service: string) => `${health.origin}/${env}/${service}`;
    const severity = env === "production" ? "P1" : "P2";
    outputs[env] = {
      environment: env,
      frontendUrl: url("frontend"),
      agentUrl: url("agent"),
      vercelProjectId: vercel.projectId,
      githubEnvironment: env,
      frontendMonitorId: String(monitors[env].frontend),
      agentMonitorId: String(monitors[env].agent),
      railwayProjectId: railway[env].projectId,
      railwayEnvironmentId: railway[env].environmentId,
      railwayServiceId: railway[env].serviceId,
      healthChecks: [
        {
          name: `${env}-frontend`,
          service: "frontend",
          environment: env,
          url: url("frontend"),
          expectStatus: 200,
          severity,
        },
        {
          name: `${env}-agent`,
          service: "agent",
          environment: env,
          url: url("agent"),
          expectStatus: 200,
          severity,
          expectJson: { status: "ok" },
        },
      ],
    };
  }
  const outputFiles = (["production", "staging"] as const).map((env) => path.join(dir, `${env}.json`));
  const writeOutputs = () =>
    (["production", "staging"] as const).forEach((env, i) =>
      fs.writeFileSync(outputFiles[i], JSON.stringify(outputs[env])),
    );
  writeOutputs();

  const env: Record<string, string> = {
    VERCEL_TOKEN: vercel.token,
    VERCEL_API_URL: vercel.url,
    UPTIME_ROBOT_API_KEY: uptimeRobot.apiKey,
    UPTIME_ROBOT_API_URL: uptimeRobot.apiUrl,
  };
  for (const e of ["production", "staging"] as const) {
    env[`RAILWAY_TOKEN_${e.toUpperCase()}`] = railway[e].projectToken;
    env[`RAILWAY_API_URL_${e.toUpperCase()}`] = railway[e].graphqlUrl;
  }
  const fakes: FakeServer[] = [vercel, railway.production, railway.staging, uptimeRobot];
  Object.assign(world, {
    vercel,
    railway,
    uptimeRobot,
    health,
    healthStatus,
    monitors,
    outputFiles,
    outputs,
    writeOutputs,
    env,
    fakes,
    stop: async () => {
      await Promise.all([...fakes.map((f) => f.stop()), health.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
  return world;
}
