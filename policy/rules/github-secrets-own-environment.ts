/**
 * `github-secrets-in-own-environment`: GitHub secrets live in the deployment environment of the stack that writes
 * them. A GitHub environment gates its secrets by branch (production: `main` only); a repository or organization
 * secret has no such gate, so any workflow run on any branch, a feature branch included, could read it.
 */
import { resourcePolicy, type RuleMeta } from "../lib/policy";
import { str, TYPES, UNSCOPED_GITHUB_SECRETS } from "../lib/types";

export const meta: RuleMeta = {
  name: "github-secrets-in-own-environment",
  description:
    'Runbook, Security Best Practices: "Use GitHub Secrets for CI/CD" and "Use separate secrets for different ' +
    'environments". GitHub secrets go only to the GitHub environment named like the stack (production, staging, …), ' +
    "never to the repository or the organization, where every workflow of every branch can read them; a stack " +
    "declares only its own GitHub environment, deployment policies and environment variables.",
  enforcementLevel: "mandatory",
};

/** Resources bound to a GitHub environment by their `environment` input. */
const ENVIRONMENT_BOUND: readonly string[] = [
  TYPES.githubEnvironmentSecret,
  TYPES.githubEnvironment,
  TYPES.githubDeploymentPolicy,
  TYPES.githubEnvironmentVariable,
];

export const policy = resourcePolicy(meta, (r, report) => {
  if (UNSCOPED_GITHUB_SECRETS.includes(r.type)) {
    const name = str(r.props, "secretName") ?? "(unnamed)";
    report(
      `${name} is a ${r.type.split(":").pop()}: write it as an ActionsEnvironmentSecret of environment "${r.env}".`,
    );
    return;
  }
  if (!ENVIRONMENT_BOUND.includes(r.type)) return;
  const environment = str(r.props, "environment");
  // GitHub compares environment names without regard to case, so "Production" is production.
  if (environment === undefined) report(`environment is not set; expected "${r.env}".`);
  else if (environment.toLowerCase() !== r.env) {
    report(`environment is "${environment}" but this is the ${r.env} stack; expected "${r.env}".`);
  }
});
