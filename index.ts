/**
 * The Pulumi program: `pulumi preview`, `pulumi up` and `pulumi refresh` run this file for the selected stack
 * (`production` or `staging`), and the offline synth (dev/synth) runs it for either. It validates the config (nothing
 * is registered when it is invalid), builds one Environment (components/) and exports its outputs, none of them a
 * secret in plaintext.
 */
import { loadConfig, secretOf } from "./config";
import { Environment } from "./components/environment";

const config = loadConfig();
const env = new Environment(`chef-chopsky-${config.environment}`, { config, secret: secretOf });

export const environment = config.environment;
export const frontendUrl = config.frontendUrl;
export const agentUrl = config.agentUrl;
/** The Vercel project (owned by production; staging reports the one it writes into). */
export const vercelProjectId = env.vercelProjectId;
export const githubEnvironment = env.githubEnvironment;
export const healthChecks = env.healthChecks;
/** UptimeRobot monitor ids (also the GitHub secrets UPTIME_ROBOT_*_ID of the environment). */
export const frontendMonitorId = env.frontendMonitorId;
export const agentMonitorId = env.agentMonitorId;
/** The agent's Railway service (plain config, committed in Pulumi.<stack>.yaml): what `npm run status` reads. */
export const railwayProjectId = config.railwayProjectId;
export const railwayEnvironmentId = config.railwayEnvironmentId;
export const railwayServiceId = config.railwayServiceId;
/** Each secret's keyed fingerprint (never its value) and the date it last changed, with the rotation period. */
export const secretAges = env.secretAges;
