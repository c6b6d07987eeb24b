/**
 * The stack program as a function: validate the config (nothing is registered when it is invalid), then build one
 * Environment and return the outputs that `index.ts` exports. Kept apart from index.ts so tests and the offline
 * synth can run it for either stack.
 */
import type * as pulumi from "@pulumi/pulumi";
import { loadConfig, secretOf } from "../config";
import { Environment } from "../components/environment";
import type { HealthCheck } from "./health-checks";
import type { SecretAgesOutput } from "./secret-record";

/** What a stack exports. No value here is a secret in plaintext. */
export interface StackOutputs {
  environment: string;
  frontendUrl: string;
  agentUrl: string;
  /** The Vercel project (owned by production; staging reports the one it writes into). */
  vercelProjectId: pulumi.Output<string>;
  githubEnvironment: pulumi.Output<string>;
  healthChecks: HealthCheck[];
  /** UptimeRobot monitor ids (also the GitHub secrets UPTIME_ROBOT_*_ID of the environment). */
  frontendMonitorId: pulumi.Output<string>;
  agentMonitorId: pulumi.Output<string>;
  /** The agent's Railway service (plain config, committed in Pulumi.<stack>.yaml): what `npm run status` reads. */
  railwayProjectId: string;
  railwayEnvironmentId: string;
  railwayServiceId: string;
  /** Each secret's keyed fingerprint (never its value) and the date it last changed, with the rotation period. */
  secretAges: pulumi.Output<SecretAgesOutput>;
}

export function defineStack(): StackOutputs {
  const config = loadConfig();
  const env = new Environment(`chef-chopsky-${config.environment}`, { config, secret: secretOf });
  return {
    environment: config.environment,
    frontendUrl: env.frontendUrl,
    agentUrl: env.agentUrl,
    vercelProjectId: env.vercelProjectId,
    githubEnvironment: env.githubEnvironment,
    healthChecks: env.healthChecks,
    frontendMonitorId: env.frontendMonitorId,
    agentMonitorId: env.agentMonitorId,
    railwayProjectId: config.railwayProjectId,
    railwayEnvironmentId: config.railwayEnvironmentId,
    railwayServiceId: config.railwayServiceId,
    secretAges: env.secretAges,
  };
}
