/**
 * The Vercel frontend. The production stack owns the one project `chef-chopsky` and its `production` variables; every
 * other stack finds the same project without owning it and writes only `preview` variables. Vercel applies
 * variables to new deployments only, so after them a `@pulumi/command` resource runs this project's redeploy tool
 * (deploy/frontend-redeploy.ts): when a value the affected deployment is built with changed (a rotated secret), it
 * rebuilds production's current deployment, or the staging branch's latest preview, and waits until it serves.
 */
import * as pulumi from "@pulumi/pulumi";
import * as vercel from "@pulumiverse/vercel";
import { valueSourceComment } from "../lib/catalog";
import { declarationOf, type EnvironmentName } from "../lib/environments";
import { type FrontendValues, type FrontendVariable, frontendVariables, targetOf } from "../lib/frontend-variables";
import { variablesFingerprintOutput } from "../lib/variables-fingerprint";
import { deployToolCommand } from "./agent";

/** The redeploy tool's command line, run from the repository root: nothing secret, nothing per machine. */
export function frontendRedeployCommand(): string {
  return "node node_modules/ts-node/dist/bin.js --transpile-only deploy/frontend-redeploy.ts --json";
}

/** What the redeploy after a variable change needs. */
export interface FrontendRedeployArgs {
  /** The stack secret `chef-chopsky:secretFingerprintKey`: the variables' digest is keyed with it. */
  fingerprintKey: pulumi.Input<string>;
  /** The Vercel token (secret); absent or empty: the tool uses `VERCEL_API_TOKEN` of the environment it runs in. */
  token?: pulumi.Input<string | undefined>;
  /** The team of the project (`vercel:team`: `team_…` or a slug), if any. */
  team?: string;
  /** The frontend's URL: its host is the alias whose deployment is rebuilt, and it is probed for health. */
  frontendUrl: string;
}

/** The variables the rebuilt deployment is built with: production's set, or the staging branch's own set. */
export function affectingVariables(variables: readonly FrontendVariable[]): FrontendVariable[] {
  const pinned = variables.filter((v) => v.gitBranch !== undefined);
  return pinned.length > 0 ? pinned : [...variables];
}

export interface FrontendArgs {
  /** Which stack this is; decides whether the project is created (production) or only referenced (the others). */
  environment: EnvironmentName;
  /** Vercel project name. Example: `"chef-chopsky"`. */
  projectName: string;
  /** GitHub repository as `owner/name`, connected to the project. Example: `"chef-chopsky/chef-chopsky"`. */
  repository: string;
  /** Directory of the Next.js app inside the repository. Example: `"frontend"`. */
  rootDirectory: string;
  /** Production branch of the project. Default `"main"`. */
  productionBranch?: string;
  /**
   * Staging only: the id of the project production owns (from a StackReference or from config).
   * Ignored on production, where the id comes from the project this component creates.
   */
  existingProjectId?: pulumi.Input<string>;
  /** The values the variables carry; secrets as secret Outputs. */
  values: FrontendValues;
  /** How a change of a variable rebuilds the deployment it affects (see the module comment). */
  redeploy: FrontendRedeployArgs;
}

export class Frontend extends pulumi.ComponentResource {
  /** The Vercel project id (created here on production, referenced on the others). */
  public readonly projectId: pulumi.Output<string>;
  /** The variable resources, by role; exposed for tests and for dependency wiring. */
  public readonly variables: Record<string, vercel.ProjectEnvironmentVariable>;

  constructor(name: string, args: FrontendArgs, opts?: pulumi.ComponentResourceOptions) {
    super("chef-chopsky:frontend:Frontend", name, {}, opts);
    if (declarationOf(args.environment).production) {
      const project = new vercel.Project(
        `${name}-project`,
        {
          name: args.projectName,
          framework: "nextjs",
          rootDirectory: args.rootDirectory,
          gitRepository: { type: "github", repo: args.repository, productionBranch: args.productionBranch ?? "main" },
        },
        // The project holds every deployment of every environment: losing it is an outage, not a change.
        { parent: this, protect: true },
      );
      this.projectId = project.id;
    } else {
      if (args.existingProjectId === undefined) {
        throw new Error(
          `Frontend ${name}: existingProjectId is required on ${args.environment} (the project is owned by production)`,
        );
      }
      this.projectId = pulumi.output(args.existingProjectId);
    }

    const target = targetOf(args.environment);
    this.variables = {};
    const declared = frontendVariables(args.environment, args.values);
    for (const v of declared) {
      if (v.target !== target)
        throw new Error(
          `Frontend ${name}: ${v.key} targets ${v.target}, but ${args.environment} writes only ${target}`,
        );
      this.variables[v.role] = new vercel.ProjectEnvironmentVariable(
        `${name}-env-${v.role}`,
        {
          projectId: this.projectId,
          key: v.key,
          value: v.value,
          targets: [v.target],
          gitBranch: v.gitBranch,
          sensitive: v.sensitive,
          comment: valueSourceComment(v.catalogSecret),
        },
        // Vercel refuses a second variable with the same key and target (ENV_ALREADY_EXISTS): delete first.
        { parent: this, deleteBeforeReplace: true },
      );
    }
    this.redeployAfter(name, args.redeploy, affectingVariables(declared));
    this.registerOutputs({ projectId: this.projectId });
  }

  /** The redeploy command, after the variables of the affected deployment are written. */
  private redeployAfter(name: string, r: FrontendRedeployArgs, affected: FrontendVariable[]): void {
    const values = pulumi.all(Object.fromEntries(affected.map((v) => [v.key, v.value])));
    const branch = affected.find((v) => v.gitBranch !== undefined)?.gitBranch;
    deployToolCommand(
      `${name}-redeploy`,
      frontendRedeployCommand(),
      {
        VERCEL_TOKEN: pulumi.secret(pulumi.output(r.token).apply((t) => t ?? "")),
        VERCEL_PROJECT_ID: this.projectId,
        ...(r.team ? { VERCEL_TEAM: r.team } : {}),
        FRONTEND_TARGET: affected[0]?.target ?? "production",
        ...(branch ? { FRONTEND_GIT_BRANCH: branch } : {}),
        FRONTEND_URL: r.frontendUrl,
        FRONTEND_VARIABLES_FINGERPRINT: variablesFingerprintOutput(r.fingerprintKey, values, "frontend-variables"),
      },
      { parent: this, dependsOn: affected.map((v) => this.variables[v.role]) },
    );
  }
}
