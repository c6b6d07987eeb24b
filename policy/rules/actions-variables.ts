/**
 * `no-secrets-in-actions-variables`: GitHub Actions *variables* are plaintext, shown in the settings page and in
 * every log that echoes them, and readable by anyone who can read the repository. A secret put there by mistake
 * (or by a `variable` where a `secret` was meant) is published. The one variable the program writes,
 * production's published fingerprints (lib/published-fingerprints.ts), must hold fingerprints and nothing else, and
 * only production may write it: another stack that wrote it could hide the secrets it shares with production.
 */
import { secretByName } from "../../lib/catalog";
import { PRODUCTION } from "../../lib/environments";
import { FINGERPRINT } from "../../lib/formats";
import { FINGERPRINTS_VARIABLE, publishedKeys } from "../../lib/published-fingerprints";
import { isSecretName, reportSecretShapes } from "../secret-shapes";
import { resourcePolicy, type RuleMeta } from "../lib/policy";
import { GITHUB_VARIABLES, str } from "../lib/types";

export const meta: RuleMeta = {
  name: "no-secrets-in-actions-variables",
  description:
    'Runbook, Security Best Practices: "Use GitHub Secrets for CI/CD" and "Never commit secrets to code". No GitHub ' +
    "Actions variable (repository, environment or organization) is named like a catalog secret or a credential, or " +
    "holds a secret-shaped value: variables are plaintext to everyone who can read the repository. " +
    `${FINGERPRINTS_VARIABLE} is written by the production stack only and holds keyed fingerprints only.`,
  enforcementLevel: "mandatory",
};

/** What is wrong with the published record's value (anything but a key id and fingerprints), or undefined. */
function publishedProblem(value: string): string | undefined {
  let record: unknown;
  try {
    record = JSON.parse(value);
  } catch {
    return "is not JSON";
  }
  if (typeof record !== "object" || record === null) return "is not a JSON object";
  const { format, keyId, secrets, ...rest } = record as Record<string, unknown>;
  if (format !== 1 || typeof keyId !== "string" || !FINGERPRINT.test(keyId) || Object.keys(rest).length > 0)
    return "is not { format: 1, keyId, secrets }";
  if (typeof secrets !== "object" || secrets === null) return "has no secrets object";
  const allowed = publishedKeys();
  for (const [key, entry] of Object.entries(secrets)) {
    if (!allowed.includes(key)) return `publishes ${key}, which no other environment is compared on`;
    const fields = typeof entry === "object" && entry !== null ? Object.entries(entry) : [];
    if (fields.length !== 1 || fields[0][0] !== "fingerprint" || !FINGERPRINT.test(String(fields[0][1])))
      return `holds something other than a fingerprint for ${key}`;
  }
  return undefined;
}

export const policy = resourcePolicy(meta, (r, report) => {
  if (!GITHUB_VARIABLES.includes(r.type)) return;
  const name = str(r.props, "variableName") ?? "";
  if (secretByName(name) !== undefined) report(`${name} is a catalog secret: write it as an ActionsEnvironmentSecret.`);
  else if (isSecretName(name)) report(`${name} is named like a credential: write it as an ActionsEnvironmentSecret.`);
  const value = str(r.props, "value");
  if (value !== undefined) reportSecretShapes(value, name || "the variable", report);
  if (name.toUpperCase() !== FINGERPRINTS_VARIABLE) return;
  if (r.env !== PRODUCTION.name)
    report(`${name} is production's published fingerprints: only the ${PRODUCTION.name} stack writes it.`);
  const problem = value === undefined ? undefined : publishedProblem(value);
  if (problem) report(`${name} ${problem}: it may hold only the key id and keyed fingerprints.`);
});
