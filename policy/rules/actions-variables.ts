/**
 * `no-secrets-in-actions-variables`: GitHub Actions *variables* are plaintext, shown in the settings page and in
 * every log that echoes them, and readable by anyone who can read the repository. A secret put there by mistake
 * (or by a `variable` where a `secret` was meant) is published.
 */
import { secretByName } from "../../lib/catalog";
import { findSecretShapes, describeMatch, isSecretName } from "../secret-shapes";
import { resourcePolicy, type RuleMeta } from "../lib/policy";
import { GITHUB_VARIABLES, str } from "../lib/types";

export const meta: RuleMeta = {
  name: "no-secrets-in-actions-variables",
  description:
    'Runbook, Security Best Practices: "Use GitHub Secrets for CI/CD" and "Never commit secrets to code". No GitHub ' +
    "Actions variable (repository, environment or organization) is named like a catalog secret or a credential, or " +
    "holds a secret-shaped value: variables are plaintext to everyone who can read the repository.",
  enforcementLevel: "mandatory",
};

export const policy = resourcePolicy(meta, (r, report) => {
  if (!GITHUB_VARIABLES.includes(r.type)) return;
  const name = str(r.props, "variableName") ?? "";
  if (secretByName(name) !== undefined) report(`${name} is a catalog secret: write it as an ActionsEnvironmentSecret.`);
  else if (isSecretName(name)) report(`${name} is named like a credential: write it as an ActionsEnvironmentSecret.`);
  const value = str(r.props, "value");
  for (const match of value === undefined ? [] : findSecretShapes(value)) {
    report(`${name || "the variable"} holds ${describeMatch(match)}.`);
  }
});
