/**
 * The agent on Railway: its service variables (a dynamic resource that upserts only its own keys and reads them
 * back for drift) and a `@pulumi/command` resource running this project's own deploy tool after them: with a
 * commit configured it deploys that commit; in any case, when a value the agent carries changes (a rotated
 * secret), it redeploys the live deployment once, because Railway variables written with `skipDeploys` reach no
 * running deployment. Every deploy waits for SUCCESS and for `/health`, so a bad one fails `pulumi up`. The Railway
 * token reaches the tool through the command's environment, never its command line.
 */
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { ServiceVariables } from "../providers/railway/variables";
import type { EnvironmentName } from "../lib/environments";
import { agentHealthUrl } from "../lib/health-checks";
import { UUID } from "../lib/formats";
import { agentSettingsProblems, agentVariables } from "../lib/agent-variables";
import { REPO_ROOT } from "../lib/root";
import { variablesFingerprintOutput } from "../lib/variables-fingerprint";

/**
 * The deploy tool's command line, run with `dir` = the repository root. It holds no value that is secret or that
 * differs per machine, so the `create` string in the state stays the same everywhere.
 */
export function agentDeployCommand(action: "deploy" | "redeploy" | "rollback" | "status"): string {
  return `node node_modules/ts-node/dist/bin.js --transpile-only deploy/agent-deploy.ts ${action} --json`;
}

/**
 * A run of one of this project's deploy tools (deploy/), from the repository root, after what it acts on is
 * written. A change of its environment (a new fingerprint, a rotated token) is an update, not a replacement (as a
 * change of `triggers` is: pulumi-command#855), so the tool runs with its previous JSON result as
 * PULUMI_COMMAND_STDOUT and acts only when the fingerprint differs from the one it recorded. Progress (status
 * transitions, no secrets) is logged; the JSON result on stdout is not, and is kept secret.
 */
export function deployToolCommand(
  name: string,
  run: string,
  environment: Record<string, pulumi.Input<string>>,
  opts: pulumi.CustomResourceOptions,
  triggers?: string[],
): command.local.Command {
  return new command.local.Command(
    name,
    {
      create: run,
      update: run,
      addPreviousOutputInEnv: true,
      dir: REPO_ROOT,
      environment,
      triggers,
      logging: "stderr",
    },
    { ...opts, additionalSecretOutputs: ["stdout", "stderr"] },
  );
}

/** Arguments of {@link Agent}. */
export interface AgentArgs {
  /** The stack's environment, e.g. `"staging"`. Its declaration decides the tracing variables and CORS origins. */
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
  /** The preview origins it serves (see lib/agent-variables.ts), e.g. `["https://chef-chopsky-git-*.vercel.app"]`. */
  previewOrigins?: readonly string[];
  /** The full git sha to deploy (validated by config.ts). Plain: when absent there is no deploy resource. */
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
  /** LangSmith API key (secret); required where the environment traces (production), absent elsewhere. */
  langchainApiKey?: pulumi.Input<string>;
  /** Sentry DSN (treated as secret). */
  sentryDsn: pulumi.Input<string>;
  /** Railway project token (secret), passed to the deploy tool in its environment. */
  railwayToken: pulumi.Input<string>;
  /** Railway GraphQL endpoint; default `https://backboard.railway.com/graphql/v2`. Engine tests point it at a fake. */
  apiUrl?: string;
  /**
   * The stack secret `chef-chopsky:secretFingerprintKey`: the keyed fingerprint of the variables goes to the deploy
   * tool, which redeploys the live deployment once when it changes.
   */
  fingerprintKey: pulumi.Input<string>;
}

/**
 * The deploy command's environment: ids, timeouts and the variables' keyed fingerprint in plain (the rotation trigger:
 * see {@link deployToolCommand}), the token as a secret.
 */
export function agentDeployEnvironment(
  args: AgentArgs,
  variablesFingerprint: pulumi.Input<string>,
): Record<string, pulumi.Input<string>> {
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
    AGENT_VARIABLES_FINGERPRINT: variablesFingerprint,
  };
}

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
  /** `${url}/health`, for the health checks and the monitors. */
  public readonly healthUrl: pulumi.Output<string>;
  /** The deployment the last `pulumi up` made live; undefined when it deployed nothing. */
  public readonly deploymentId: pulumi.Output<string | undefined>;

  constructor(name: string, args: AgentArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validated before anything is registered, the component included.
    const problems = agentSettingsProblems(args, args.langchainApiKey !== undefined);
    if (problems.length > 0) throw new Error(`Agent ${name}: ${problems.join("; ")}`);
    super("chef-chopsky:agent:Agent", name, {}, opts);

    const { openaiApiKey, supabaseSecretKey, langchainApiKey, sentryDsn } = args;
    const secrets = pulumi.output({ openaiApiKey, supabaseSecretKey, langchainApiKey, sentryDsn });
    const carried = pulumi.secret(secrets.apply((v) => agentVariables(args, v)));
    const variables = new ServiceVariables(
      `${name}-variables`,
      {
        projectId: args.projectId,
        environmentId: args.environmentId,
        serviceId: args.serviceId,
        variables: carried,
        apiUrl: args.apiUrl,
      },
      { parent: this },
    );

    const fingerprint = variablesFingerprintOutput(args.fingerprintKey, carried, "agent-variables");
    // With a commit: `deploy` (a new commit deploys it; new variables redeploy what is live). Without: `redeploy`
    // (new variables redeploy what is live; the first run only records the fingerprint).
    const action = args.commit !== undefined ? "deploy" : "redeploy";
    // A new commit changes `triggers`, which replaces the resource: `create` deploys it.
    const deploy = deployToolCommand(
      `${name}-${action}`,
      agentDeployCommand(action),
      agentDeployEnvironment(args, fingerprint),
      { parent: this, dependsOn: [variables] },
      args.commit !== undefined ? [args.commit] : undefined,
    );
    // Only a validated UUID leaves the secret stdout, so it may be shown in plain.
    this.deploymentId = pulumi.unsecret(deploy.stdout.apply(deploymentIdOf));

    this.healthUrl = pulumi.output(agentHealthUrl(args.agentUrl));
    this.registerOutputs({ url: args.agentUrl, healthUrl: this.healthUrl, deploymentId: this.deploymentId });
  }
}
