/**
 * The agent on Railway: its service variables (a dynamic resource that upserts only its own keys and reads them
 * back for drift) and, when a commit is configured, a deploy through `@pulumi/command` running this project's own
 * deploy tool, which waits for the deployment to succeed and for `/health` to answer, so a bad deploy fails
 * `pulumi up`. The Railway token reaches the tool through the command's environment, never its command line.
 */
import * as path from "node:path";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { ServiceVariables } from "../providers/railway/variables";
import { type EnvironmentName, pointsAtOtherEnvironment } from "../lib/environments";

/** The secret values the agent's variables carry. */
export interface AgentSecretValues {
  openaiApiKey: string;
  supabaseSecretKey: string;
  /** Production only (the runbook's LangSmith key is a production secret). */
  langchainApiKey?: string;
  sentryDsn: string;
}

/** The plain settings the agent's variables depend on. */
export interface AgentVariableSettings {
  environment: EnvironmentName;
  frontendUrl: string;
  /** Staging only: the preview deployments' origin pattern, allowed by CORS too. */
  previewUrlPattern?: string;
  supabaseUrl: string;
}

/** Why the settings are invalid, field by field (no value is ever quoted: some are secret). */
export function agentSettingsProblems(s: AgentVariableSettings, hasLangchainKey: boolean): string[] {
  const problems: string[] = [];
  if (s.frontendUrl.includes(",")) problems.push("frontendUrl: one URL, without commas");
  if (pointsAtOtherEnvironment(s.frontendUrl, s.environment))
    problems.push(`frontendUrl: points at the other environment than ${s.environment}`);
  if (s.environment === "staging" && !s.previewUrlPattern)
    problems.push("previewUrlPattern: required for staging (preview deployments call the staging agent)");
  if (s.environment === "production" && s.previewUrlPattern)
    problems.push("previewUrlPattern: production must not accept preview origins");
  if (s.environment === "production" && !hasLangchainKey) problems.push("langchainApiKey: required for production");
  if (s.environment === "staging" && hasLangchainKey)
    problems.push("langchainApiKey: production only; staging runs without LangSmith tracing");
  return problems;
}

/**
 * The agent's service variables for one environment. Pure: the component calls it once the secrets resolve, and
 * tests call it directly.
 */
export function agentVariables(s: AgentVariableSettings, secrets: AgentSecretValues): Record<string, string> {
  const problems = agentSettingsProblems(s, secrets.langchainApiKey !== undefined);
  if (problems.length > 0) throw new Error(`agent variables: ${problems.join("; ")}`);
  const tracing: Record<string, string> =
    s.environment === "production"
      ? {
          LANGCHAIN_API_KEY: secrets.langchainApiKey ?? "",
          LANGCHAIN_TRACING_V2: "true",
          LANGCHAIN_PROJECT: `chef-chopsky-${s.environment}`,
        }
      : { LANGCHAIN_TRACING_V2: "false" };
  return {
    OPENAI_API_KEY: secrets.openaiApiKey,
    SUPABASE_URL: s.supabaseUrl,
    SUPABASE_SECRET_KEY: secrets.supabaseSecretKey,
    ...tracing,
    SENTRY_DSN: secrets.sentryDsn,
    // The agent's CORS allow list, comma-separated; staging also admits the feature previews.
    FRONTEND_URL: [s.frontendUrl, ...(s.previewUrlPattern ? [s.previewUrlPattern] : [])].join(","),
    APP_ENV: s.environment,
    NODE_ENV: "production",
  };
}

/** The repository root: the deploy command runs there, whatever the caller's working directory. */
export const REPO_ROOT = path.resolve(__dirname, "..");

/**
 * The deploy tool's command line, run with `dir` = {@link REPO_ROOT}. It holds no value that is secret or that
 * differs per machine, so the `create` string in the state stays the same everywhere.
 */
export function agentDeployCommand(action: "deploy" | "rollback" | "status"): string {
  return `node node_modules/ts-node/dist/bin.js --transpile-only deploy/agent-deploy.ts ${action} --json`;
}

/** Arguments of {@link Agent}. */
export interface AgentArgs {
  /** The stack's environment, e.g. `"staging"`. Decides the tracing variables and the CORS origins. */
  environment: EnvironmentName;
  /** Railway project id (UUID), e.g. `"0f1e…"`. */
  projectId: string;
  /** Railway environment id (UUID) of this stack's environment. */
  environmentId: string;
  /** Railway service id (UUID) of the agent. */
  serviceId: string;
  /** The agent's public base URL, e.g. `"https://chef-chopsky-production.up.railway.app"` (no trailing slash). */
  agentUrl: string;
  /** The frontend's URL, allowed by the agent's CORS (`FRONTEND_URL`). */
  frontendUrl: string;
  /** Staging only: the preview URL pattern, e.g. `"https://chef-chopsky-git-*.vercel.app"`, also allowed by CORS. */
  previewUrlPattern?: string;
  /** The full git sha to deploy. Plain: when absent there is no deploy resource (variables only). */
  commit?: string;
  /** How long a deployment may take to reach SUCCESS, in seconds, e.g. `900`. */
  deployTimeoutSeconds: number;
  /** How long `/health` may take to answer 200 after SUCCESS, in seconds, e.g. `300`. */
  healthTimeoutSeconds: number;
  /** OpenAI API key (secret). */
  openaiApiKey: pulumi.Input<string>;
  /** Supabase project URL, e.g. `"https://abcdefghijklmnopqrst.supabase.co"`. */
  supabaseUrl: string;
  /** Supabase secret (service) key (secret). */
  supabaseSecretKey: pulumi.Input<string>;
  /** LangSmith API key (secret); required for production, absent for staging. */
  langchainApiKey?: pulumi.Input<string>;
  /** Sentry DSN (treated as secret). */
  sentryDsn: pulumi.Input<string>;
  /** Railway project token (secret), passed to the deploy tool in its environment. */
  railwayToken: pulumi.Input<string>;
  /** Railway GraphQL endpoint; default `https://backboard.railway.com/graphql/v2`. Engine tests point it at a fake. */
  apiUrl?: string;
}

/** The deploy command's environment: ids and timeouts in plain, the token as a secret. */
export function agentDeployEnvironment(args: AgentArgs): Record<string, pulumi.Input<string>> {
  return {
    RAILWAY_TOKEN: pulumi.secret(args.railwayToken),
    RAILWAY_PROJECT_ID: args.projectId,
    RAILWAY_ENVIRONMENT_ID: args.environmentId,
    RAILWAY_SERVICE_ID: args.serviceId,
    AGENT_URL: args.agentUrl,
    AGENT_COMMIT: args.commit ?? "",
    AGENT_DEPLOY_TIMEOUT_SECONDS: String(args.deployTimeoutSeconds),
    AGENT_HEALTH_TIMEOUT_SECONDS: String(args.healthTimeoutSeconds),
    ...(args.apiUrl ? { RAILWAY_API_URL: args.apiUrl } : {}),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The deployment id from the deploy tool's JSON result (its last stdout line), if it is there. */
export function deploymentIdOf(stdout: string | undefined): string | undefined {
  try {
    const result = JSON.parse(stdout?.trim().split("\n").at(-1) ?? "") as { deploymentId?: unknown };
    return typeof result.deploymentId === "string" && UUID.test(result.deploymentId) ? result.deploymentId : undefined;
  } catch {
    return undefined;
  }
}

/** The Chef Chopsky agent of one environment on Railway. */
export class Agent extends pulumi.ComponentResource {
  /** The agent's public base URL. */
  public readonly url: pulumi.Output<string>;
  /** `${url}/health`, for the health checks and the monitors. */
  public readonly healthUrl: pulumi.Output<string>;
  /** The deployment the last `pulumi up` made live; undefined when no commit is configured. */
  public readonly deploymentId?: pulumi.Output<string | undefined>;

  constructor(name: string, args: AgentArgs, opts?: pulumi.ComponentResourceOptions) {
    const settings: AgentVariableSettings = {
      environment: args.environment,
      frontendUrl: args.frontendUrl,
      previewUrlPattern: args.previewUrlPattern,
      supabaseUrl: args.supabaseUrl,
    };
    // Validated before anything is registered, the component included.
    const problems = agentSettingsProblems(settings, args.langchainApiKey !== undefined);
    if (args.commit !== undefined && !/^[0-9a-f]{40}$/.test(args.commit))
      problems.push("commit: a full git sha (40 hex characters)");
    if (problems.length > 0) throw new Error(`Agent ${name}: ${problems.join("; ")}`);
    super("chef-chopsky:agent:Agent", name, {}, opts);

    const secrets = pulumi
      .all([args.openaiApiKey, args.supabaseSecretKey, args.langchainApiKey, args.sentryDsn])
      .apply(([openaiApiKey, supabaseSecretKey, langchainApiKey, sentryDsn]) => ({
        openaiApiKey,
        supabaseSecretKey,
        langchainApiKey,
        sentryDsn,
      }));
    const variables = new ServiceVariables(
      `${name}-variables`,
      {
        projectId: args.projectId,
        environmentId: args.environmentId,
        serviceId: args.serviceId,
        variables: pulumi.secret(secrets.apply((s) => agentVariables(settings, s))),
        apiUrl: args.apiUrl,
      },
      { parent: this },
    );

    if (args.commit !== undefined) {
      const deployCommand = agentDeployCommand("deploy");
      const deploy = new command.local.Command(
        `${name}-deploy`,
        {
          create: deployCommand,
          // On an update (new commit, or only a timeout or the checkout path changed) the tool redeploys only
          // when the commit differs from the one it deployed last time (passed back as PULUMI_COMMAND_STDOUT).
          update: deployCommand,
          addPreviousOutputInEnv: true,
          dir: REPO_ROOT,
          environment: agentDeployEnvironment(args),
          triggers: [args.commit],
          // Progress (status transitions, no secrets) is logged; the JSON result on stdout is not.
          logging: "stderr",
        },
        { parent: this, dependsOn: [variables], additionalSecretOutputs: ["stdout", "stderr"] },
      );
      // Only a validated UUID leaves the secret stdout, so it may be shown in plain.
      this.deploymentId = pulumi.unsecret(deploy.stdout.apply(deploymentIdOf));
    }

    this.url = pulumi.output(args.agentUrl);
    this.healthUrl = pulumi.output(`${args.agentUrl.replace(/\/+$/, "")}/health`);
    this.registerOutputs({ url: this.url, healthUrl: this.healthUrl, deploymentId: this.deploymentId });
  }
}
