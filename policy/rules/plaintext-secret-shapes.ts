/**
 * `no-secret-in-plaintext-place`: a credential in a place that is stored or shown in plaintext. A policy cannot ask
 * whether a value is a Pulumi secret, so it decides by place and shape:
 * - a command line (`create`/`update`/`delete`/`interpreter` of command:local:Command) is printed in the CLI's
 *   diff and kept in state; credentials go in `environment` instead;
 * - a Vercel variable that is not `sensitive` can be read back from the dashboard;
 * - a field of a dynamic resource is plaintext in state unless the program says otherwise, by naming the field for
 *   a secret (`apiKey`, `variables.OPENAI_API_KEY`) or listing it in `additionalSecretOutputs`. The serialized
 *   provider (`__provider`) is plaintext too: a credential captured at module scope lands there.
 * Stack outputs are checked by `no-secret-or-foreign-host-in-outputs` (they are only visible to AnalyzeStack).
 */
import { isSecretName, reportSecretShapes } from "../secret-shapes";
import { type CheckedResource, resourcePolicy, type RuleMeta } from "../lib/policy";
import { isDynamic, TYPES, vercelVariablesOf } from "../lib/types";
import { joinPath, stringLeaves } from "../lib/walk";

export const meta: RuleMeta = {
  name: "no-secret-in-plaintext-place",
  description:
    'Runbook, Security Best Practices: "Never commit secrets to code" and "Use environment variables for runtime". ' +
    "No secret-shaped string (sk-…, sb_secret_…, sbp_…, ghp_…, github_pat_…, JWTs, Slack web-hooks, AWS keys, …) in " +
    "a command line, a non-sensitive Vercel variable, or a plain field of a dynamic resource: each is readable in " +
    "the state, the CLI output or the dashboard. Secret fields are named for a secret or listed in additionalSecretOutputs.",
  enforcementLevel: "mandatory",
};

/** The fields of command:local:Command that make up its command lines. */
const COMMAND_LINE_FIELDS = ["create", "update", "delete", "interpreter"] as const;

function checkCommand(r: CheckedResource, report: (m: string) => void): void {
  for (const field of COMMAND_LINE_FIELDS) {
    for (const leaf of stringLeaves(r.props[field], field)) {
      reportSecretShapes(leaf.value, `${leaf.path} (a command line; pass credentials in environment)`, report);
    }
  }
}

function checkVercel(r: CheckedResource, report: (m: string) => void): void {
  for (const { path, variable } of vercelVariablesOf(r.type, r.props)) {
    if (variable.sensitive === true || typeof variable.value !== "string") continue;
    reportSecretShapes(variable.value, `${variable.key ?? joinPath(path, "value")} (not sensitive)`, report);
  }
}

/** Whether a path such as `variables.OPENAI_API_KEY` or `auth.token` passes through a secret-named key. */
function isSecretPath(path: string, secretOutputs: readonly string[]): boolean {
  const keys = path.split(/[.[\]]+/).filter((k) => k !== "" && !/^\d+$/.test(k));
  return secretOutputs.includes(keys[0] ?? "") || keys.some((k) => isSecretName(k));
}

function checkDynamic(r: CheckedResource, report: (m: string) => void): void {
  for (const leaf of stringLeaves(r.props)) {
    if (isSecretPath(leaf.path, r.secretOutputs)) continue;
    reportSecretShapes(leaf.value, `${leaf.path} (a plain field of a dynamic resource)`, report);
  }
}

export const policy = resourcePolicy(meta, (r, report) => {
  if (r.type === TYPES.command) checkCommand(r, report);
  else if (isDynamic(r.type)) checkDynamic(r, report);
  else checkVercel(r, report);
});
