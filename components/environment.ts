/**
 * One runbook environment as lib/environments.ts declares it (production; staging with the feature previews that
 * share it; any other), composed of the components of each concern. It reads no config itself: it takes the
 * validated config and the secret handles, so tests can build it with any values.
 */
import * as pulumi from "@pulumi/pulumi";
import { type SecretEntry, secretsOf } from "../lib/catalog";
import type { StackConfig } from "../config";
import { Frontend } from "./frontend";
import { GitHubEnvironment } from "./github";
import { agentHealthUrl, type HealthCheck, healthChecks } from "../lib/health-checks";
import { Monitoring } from "./monitoring";
import { Agent } from "./agent";
import { authRedirectUrls, FORMER_TYPE, SupabaseAuth } from "./supabase-auth";
import { declarationOf, PRODUCTION, servedPreviewUrls } from "../lib/environments";
import type { SecretAgesOutput } from "../lib/secret-record";
import { SecretRecord } from "./secrets";

/** The config secrets an environment reads, as secret Outputs; a missing one is never read. */
export type SecretReader = (fullKey: string) => pulumi.Output<string>;

export interface EnvironmentArgs {
  /** The validated stack config (config.ts). */
  config: StackConfig;
  /** Reads a config secret by full key, e.g. `chef-chopsky:openaiApiKey`; `requireSecret` in the real program. */
  secret: SecretReader;
}

export class Environment extends pulumi.ComponentResource {
  public readonly vercelProjectId: pulumi.Output<string>;
  public readonly githubEnvironment: pulumi.Output<string>;
  public readonly healthChecks: HealthCheck[];
  public readonly frontendMonitorId: pulumi.Output<string>;
  public readonly agentMonitorId: pulumi.Output<string>;
  /** Each secret's keyed fingerprint and the date its value last changed (components/secrets.ts). */
  public readonly secretAges: pulumi.Output<SecretAgesOutput>;

  constructor(name: string, args: EnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("chef-chopsky:environment:Environment", name, {}, opts);
    const { config: cfg, secret } = args;
    const env = cfg.environment;
    const declaration = declarationOf(env);
    const child = { parent: this };
    // Every other environment writes preview variables into the project production owns: found by id, or by
    // production's output (a StackReference needs Stack Read on production: the runbook advises the id).
    const existingProjectId = declaration.production
      ? undefined
      : (cfg.vercelProjectId ??
        new pulumi.StackReference(
          `${name}-project-owner`,
          // The backend's own organization (Pulumi Cloud's org, or "organization" on a self-managed backend).
          { name: cfg.productionStack ?? `${pulumi.getOrganization()}/${pulumi.getProject()}/${PRODUCTION.name}` },
          child,
        ).requireOutput("vercelProjectId"));

    const frontend = new Frontend(
      `${name}-frontend`,
      {
        environment: env,
        projectName: cfg.vercelProjectName,
        repository: cfg.githubRepository,
        rootDirectory: cfg.vercelRootDirectory,
        productionBranch: PRODUCTION.branch,
        existingProjectId,
        values: {
          agentUrl: cfg.agentUrl,
          supabaseUrl: cfg.supabaseUrl,
          supabasePublishableKey: secret("chef-chopsky:supabasePublishableKey"),
          supabaseSecretKey: secret("chef-chopsky:supabaseSecretKey"),
          sentryDsn: secret("chef-chopsky:sentryDsn"),
        },
        redeploy: {
          fingerprintKey: secret("chef-chopsky:secretFingerprintKey"),
          token: new pulumi.Config("vercel").getSecret("apiToken"),
          team: new pulumi.Config("vercel").get("team"),
          frontendUrl: cfg.frontendUrl,
        },
      },
      child,
    );

    // The environments that share this one's agent and database (staging: the feature previews; runbook: Feature
    // Environments) reach them from their preview deployments.
    const previews = servedPreviewUrls(env, cfg.vercelProjectName);
    new SupabaseAuth(
      `${name}-supabase-auth`,
      {
        projectRef: cfg.supabaseProjectRef,
        siteUrl: cfg.frontendUrl,
        redirectUrls: authRedirectUrls(cfg.frontendUrl, previews),
      },
      // Formerly the `Database` component: existing stacks hold it (and its child) under that type and name.
      { ...child, aliases: [{ name: `${name}-database`, type: FORMER_TYPE }] },
    );
    new Agent(
      `${name}-agent`,
      {
        environment: env,
        projectId: cfg.railwayProjectId,
        environmentId: cfg.railwayEnvironmentId,
        serviceId: cfg.railwayServiceId,
        agentUrl: cfg.agentUrl,
        frontendUrl: cfg.frontendUrl,
        previewOrigins: previews,
        commit: cfg.agentCommit,
        deployTimeoutSeconds: cfg.agentDeployTimeoutSeconds,
        healthTimeoutSeconds: cfg.agentHealthTimeoutSeconds,
        openaiApiKey: secret("chef-chopsky:openaiApiKey"),
        supabaseUrl: cfg.supabaseUrl,
        supabaseSecretKey: secret("chef-chopsky:supabaseSecretKey"),
        // The runbook has LANGCHAIN_API_KEY as a production secret only: the others run without tracing.
        langchainApiKey: declaration.tracing ? secret("chef-chopsky:langchainApiKey") : undefined,
        sentryDsn: secret("chef-chopsky:sentryDsn"),
        railwayToken: secret("chef-chopsky:railwayToken"),
        apiUrl: cfg.railwayApiUrl,
        fingerprintKey: secret("chef-chopsky:secretFingerprintKey"),
      },
      child,
    );

    const monitoring = new Monitoring(
      `${name}-monitoring`,
      {
        environment: env,
        frontendUrl: cfg.frontendUrl,
        agentHealthUrl: agentHealthUrl(cfg.agentUrl),
        frontendIntervalSeconds: cfg.frontendMonitorIntervalSeconds,
        agentIntervalSeconds: cfg.agentMonitorIntervalSeconds,
        alertWebhookUrl: secret("chef-chopsky:alertWebhookUrl"),
      },
      child,
    );

    // Values that exist only once a component is built, by the output names the catalog's sources use.
    const outputs: Record<string, pulumi.Input<string>> = {
      frontendMonitorId: monitoring.frontendMonitorId,
      agentMonitorId: monitoring.agentMonitorId,
    };
    if (declaration.production) outputs.vercelProjectId = frontend.projectId;

    const github = new GitHubEnvironment(
      `${name}-github`,
      {
        environment: env,
        repository: cfg.githubRepository,
        token: secret("github:token"),
        baseUrl: cfg.githubBaseUrl,
        secrets: githubSecretValues(secretsOf(env), cfg, secret, outputs),
      },
      child,
    );

    const record = new SecretRecord(
      `${name}-secrets`,
      {
        environment: env,
        secret,
        rotationDays: cfg.secretRotationDays,
        // Production publishes its fingerprints with its GitHub token; the others read them with theirs.
        github: { provider: github.provider, repository: cfg.githubRepository },
      },
      child,
    );

    this.vercelProjectId = frontend.projectId;
    this.githubEnvironment = github.environmentName;
    this.frontendMonitorId = monitoring.frontendMonitorId;
    this.agentMonitorId = monitoring.agentMonitorId;
    this.secretAges = record.ages;
    this.healthChecks = healthChecks(env, cfg.frontendUrl, cfg.agentUrl, cfg.healthLatencyThresholdMs);
    this.registerOutputs({
      frontendUrl: cfg.frontendUrl,
      agentUrl: cfg.agentUrl,
      databaseUrl: cfg.supabaseUrl,
      vercelProjectId: this.vercelProjectId,
      githubEnvironment: this.githubEnvironment,
      frontendMonitorId: this.frontendMonitorId,
      agentMonitorId: this.agentMonitorId,
      secretAges: this.secretAges,
    });
  }
}

/**
 * The value of every catalog secret of the environment, from its source: a config secret, a plain config value
 * (kept secret in GitHub as the runbook does), or an output of a component. An output that this stack does not
 * build (yet) is left out, so it is visible in the policy pack's advisory "every catalog secret is declared".
 */
export function githubSecretValues(
  entries: readonly SecretEntry[],
  cfg: StackConfig,
  secret: SecretReader,
  outputs: Record<string, pulumi.Input<string>>,
): Record<string, pulumi.Input<string>> {
  const values: Record<string, pulumi.Input<string>> = {};
  for (const entry of entries) {
    const src = entry.source;
    if (src.kind === "configSecret") values[entry.name] = secret(src.key);
    else if (src.kind === "config") {
      const key = src.key.replace(/^chef-chopsky:/, "") as keyof StackConfig;
      values[entry.name] = pulumi.secret(String(cfg[key]));
    } else if (outputs[src.output] !== undefined) values[entry.name] = pulumi.secret(outputs[src.output]);
  }
  return values;
}
