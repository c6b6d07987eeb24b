/**
 * The stack's GitHub environment: who may deploy to it (branch policies) and the catalog secrets it holds.
 * Each stack writes only its own environment; the catalog check here fails fast, the policy pack checks again.
 */
import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import { secretByName, secretsOf } from "../lib/catalog";
import { declarationOf, DEPLOY_BRANCH_PATTERNS, type EnvironmentName } from "../lib/environments";

export interface GitHubEnvironmentArgs {
  /** The stack's environment; also the GitHub environment's name (`production` or `staging`). */
  environment: EnvironmentName;
  /** Repository as `owner/name`. Example: `"chef-chopsky/chef-chopsky"`. */
  repository: string;
  /** GitHub token (secret) with admin rights on the repository; default: the provider's own config / `GITHUB_TOKEN`. */
  token?: pulumi.Input<string>;
  /**
   * The GitHub API base URL, e.g. `"https://github.example.com/"` for GitHub Enterprise; default the provider's own
   * (`https://api.github.com/`, or `GITHUB_BASE_URL`). The engine suite points it at its local fake.
   */
  baseUrl?: string;
  /** Catalog secret name → value. Every name must belong to this environment or be shared (see lib/catalog.ts). */
  secrets: Record<string, pulumi.Input<string>>;
}

export class GitHubEnvironment extends pulumi.ComponentResource {
  /** The environment's name as GitHub knows it. */
  public readonly environmentName: pulumi.Output<string>;
  /** The stack's GitHub provider (its token and API), for the other GitHub objects of the stack (components/secrets.ts). */
  public readonly provider: github.Provider;

  constructor(name: string, args: GitHubEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("chef-chopsky:github:GitHubEnvironment", name, {}, opts);
    const [owner, repository] = args.repository.split("/"); // "owner/name", validated by config.ts
    const own = new Set(secretsOf(args.environment).map((s) => s.name));
    for (const secretName of Object.keys(args.secrets)) {
      const entry = secretByName(secretName);
      if (!entry)
        throw new Error(`GitHubEnvironment ${name}: ${secretName} is not in the secret catalog (lib/catalog.ts)`);
      if (!own.has(secretName))
        throw new Error(
          `GitHubEnvironment ${name}: ${secretName} belongs to ${entry.environment}, not ${args.environment}`,
        );
    }

    const provider = (this.provider = new github.Provider(
      `${name}-provider`,
      { owner, token: args.token, ...(args.baseUrl ? { baseUrl: args.baseUrl } : {}) },
      { parent: this },
    ));
    const childOpts = { parent: this, provider };
    const environment = new github.RepositoryEnvironment(
      `${name}-environment`,
      {
        repository,
        environment: args.environment,
        // Custom branch policies, not "protected branches": the runbook names the exact branches.
        deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
        preventSelfReview: declarationOf(args.environment).production,
      },
      childOpts,
    );
    for (const pattern of DEPLOY_BRANCH_PATTERNS[args.environment]) {
      new github.RepositoryEnvironmentDeploymentPolicy(
        `${name}-branch-${pattern.replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "")}`,
        { repository, environment: environment.environment, branchPattern: pattern },
        childOpts,
      );
    }
    for (const [secretName, value] of Object.entries(args.secrets)) {
      new github.ActionsEnvironmentSecret(
        `${name}-secret-${secretName.toLowerCase().replace(/_/g, "-")}`,
        { repository, environment: environment.environment, secretName, value: pulumi.secret(value) },
        childOpts,
      );
    }
    this.environmentName = environment.environment;
    this.registerOutputs({ environmentName: this.environmentName });
  }
}
