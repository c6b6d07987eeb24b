/**
 * The Pulumi program: `pulumi preview`, `pulumi up` and `pulumi refresh` run this file for the selected stack
 * (`production` or `staging`). Everything it declares is in lib/stack.ts and components/.
 */
import { defineStack } from "./lib/stack";

const outputs = defineStack();

export const environment = outputs.environment;
export const frontendUrl = outputs.frontendUrl;
export const agentUrl = outputs.agentUrl;
export const vercelProjectId = outputs.vercelProjectId;
export const githubEnvironment = outputs.githubEnvironment;
export const healthChecks = outputs.healthChecks;
export const frontendMonitorId = outputs.frontendMonitorId;
export const agentMonitorId = outputs.agentMonitorId;
export const railwayProjectId = outputs.railwayProjectId;
export const railwayEnvironmentId = outputs.railwayEnvironmentId;
export const railwayServiceId = outputs.railwayServiceId;
export const secretAges = outputs.secretAges;
