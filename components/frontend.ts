/**
 * The Vercel frontend. The production stack owns the one project `chef-chopsky` and its `production` variables; the
 * staging stack finds the same project without owning it and writes only `preview` variables.
 */
import * as pulumi from "@pulumi/pulumi";
import * as vercel from "@pulumiverse/vercel";
import type { EnvironmentName } from "../lib/environments";
import { type FrontendValues, frontendVariables, targetOf } from "../lib/frontend-variables";

export interface FrontendArgs {
  /** Which stack this is; decides whether the project is created (production) or only referenced (staging). */
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
}

export class Frontend extends pulumi.ComponentResource {
  /** The Vercel project id (created here on production, referenced on staging). */
  public readonly projectId: pulumi.Output<string>;
  /** The variable resources, by role; exposed for tests and for dependency wiring. */
  public readonly variables: Record<string, vercel.ProjectEnvironmentVariable>;

  constructor(name: string, args: FrontendArgs, opts?: pulumi.ComponentResourceOptions) {
    super("chef-chopsky:frontend:Frontend", name, {}, opts);
    if (args.environment === "production") {
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
    for (const v of frontendVariables(args.environment, args.values)) {
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
          comment: v.catalogSecret ? `catalog:${v.catalogSecret}` : "plain",
        },
        // Vercel refuses a second variable with the same key and target (ENV_ALREADY_EXISTS): delete first.
        { parent: this, deleteBeforeReplace: true },
      );
    }
    this.registerOutputs({ projectId: this.projectId });
  }
}
