/**
 * `own-environment-secrets-only`: a stack writes only the catalog secrets of its own environment. Production's
 * secrets in the staging stack (or any other pair) would let a staging deploy, or anyone who can change staging, read
 * or overwrite production credentials.
 */
import { foreignSecrets } from "../../lib/catalog";
import { foreignReferencesIn, namedForOthers } from "../lib/naming";
import { type CheckedResource, resourcePolicy, type RuleMeta } from "../lib/policy";
import {
  catalogNameOfComment,
  isDynamic,
  isRecord,
  str,
  TYPES,
  UNSCOPED_GITHUB_SECRETS,
  vercelVariablesOf,
} from "../lib/types";
import { joinPath, stringLeaves } from "../lib/walk";

export const meta: RuleMeta = {
  name: "own-environment-secrets-only",
  description:
    'Runbook, Security Best Practices: "Use separate secrets for different environments". A stack writes only the ' +
    "catalog secrets of its own environment: GitHub secret names, the catalog source of each Vercel variable " +
    '(comment "catalog:NAME"), and Railway and command variables, whose keys and values never name another environment.',
  enforcementLevel: "mandatory",
};

/** Map-valued inputs whose keys are environment variable names (Railway `variables`, command `environment`). */
const VARIABLE_MAPS = ["variables", "environment"] as const;

function checkGithubSecret(r: CheckedResource, report: (m: string) => void): void {
  const name = str(r.props, "secretName");
  if (name === undefined) return;
  const owner = foreignSecrets(r.env).find((s) => s.name === name)?.environment;
  const others = namedForOthers(name, r.env);
  if (owner !== undefined) report(`secretName ${name} is a catalog secret of ${owner}, not of ${r.env}.`);
  else if (others) report(`secretName ${name} is named for ${others}, not ${r.env}.`);
}

function checkVercel(r: CheckedResource, report: (m: string) => void): void {
  const foreign = new Set(foreignSecrets(r.env).map((s) => s.name));
  for (const { path, variable } of vercelVariablesOf(r.type, r.props)) {
    const source = catalogNameOfComment(variable.comment);
    if (source !== undefined && (foreign.has(source) || namedForOthers(source, r.env))) {
      report(`${joinPath(path, "comment")} says the value comes from ${source}, a secret of another environment.`);
    }
    const others = typeof variable.key === "string" ? namedForOthers(variable.key, r.env) : undefined;
    if (others) report(`${joinPath(path, "key")} ${variable.key} is named for ${others}.`);
  }
}

function checkVariablesAndValues(r: CheckedResource, report: (m: string) => void): void {
  for (const field of VARIABLE_MAPS) {
    const map = r.props[field];
    if (!isRecord(map)) continue;
    for (const key of Object.keys(map)) {
      const others = namedForOthers(key, r.env);
      if (others) report(`${field}.${key} is named for ${others}, not ${r.env}.`);
    }
  }
  for (const leaf of stringLeaves(r.props)) {
    if (leaf.key === "comment") continue; // a Vercel variable's source: checkVercel reports it with a clearer message
    const refs = foreignReferencesIn(leaf.value, r.env);
    if (refs.length > 0) report(`${leaf.path} refers to another environment's ${refs.join(", ")}.`);
  }
}

export const policy = resourcePolicy(meta, (r, report) => {
  if (r.type === TYPES.githubEnvironmentSecret || UNSCOPED_GITHUB_SECRETS.includes(r.type))
    checkGithubSecret(r, report);
  else if (vercelVariablesOf(r.type, r.props).length > 0) {
    checkVercel(r, report);
    checkVariablesAndValues(r, report);
  } else if (isDynamic(r.type) || r.type === TYPES.command) checkVariablesAndValues(r, report);
});
