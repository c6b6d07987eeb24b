/**
 * The config validation's rules for secrets: each config secret of the stack's environment is present, stored as a
 * secret, and strong (lib/secret-strength.ts); none that only other environments need is set. Plain, so config.ts runs
 * it before anything is registered; no message ever carries a value.
 */
import type { ConfigIssue } from "../config";
import { environmentsNeeding, requiredConfigSecrets } from "./catalog";
import { ENVIRONMENT_NAMES, type EnvironmentName } from "./environments";
import { FINGERPRINT_KEY } from "./fingerprint";
import { secretStrengthProblem } from "./secret-strength";

/**
 * The command that sets a config secret, in a form that never puts the value on a command line: the CLI prompts for
 * it (or reads it from standard input). The fingerprint key is generated, not typed: `openssl rand -hex 32` piped in
 * (the same value on every stack: on the second stack, pipe `pulumi config get` of the first instead).
 */
export function setSecretCommand(key: string, stack: string): string {
  const set = `pulumi config set --secret ${key} --stack ${stack}`;
  return key === FINGERPRINT_KEY
    ? `\`openssl rand -hex 32 | ${set}\` (on the second stack, pipe \`pulumi config get ${key} --stack <the first>\` instead: the key is the same on every stack)`
    : `\`${set}\` (it prompts for the value)`;
}

/** Every config secret under a namespace that some stack may hold: that some stack requires. */
export function secretKeysOfNamespace(namespace: string): Set<string> {
  return new Set(ENVIRONMENT_NAMES.flatMap(requiredConfigSecrets).filter((k) => k.startsWith(`${namespace}:`)));
}

/** The problems with a stack's config secrets; `placeholders` as config.ts's ValidateOptions says. */
export function secretIssues(
  env: EnvironmentName,
  stack: string,
  namespace: string,
  raw: Readonly<Record<string, string>>,
  isSecret: (key: string) => boolean,
  placeholders: readonly string[] = [],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  /** A problem of `key`, ending with the command that sets it. */
  const fix = (key: string, problem: string) =>
    issues.push({ path: key, message: `${problem} ${setSecretCommand(key, stack)}` });
  const required = requiredConfigSecrets(env);
  for (const key of required) {
    const value = raw[key];
    if (value === undefined) fix(key, "required secret is missing: run");
    else if (!isSecret(key)) fix(key, "is stored in plaintext: run");
    else if (!placeholders.includes(value)) {
      const weak = secretStrengthProblem(key, value);
      if (weak) fix(key, `${weak}: set the real value with`);
    }
  }
  for (const key of secretKeysOfNamespace(namespace)) {
    if (raw[key] !== undefined && !required.includes(key)) {
      issues.push({
        path: key,
        message: `belongs to the ${environmentsNeeding(key).join(" and ") || "no"} environment and must not be set on ${env}`,
      });
    }
  }
  return issues;
}
