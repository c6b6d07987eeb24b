/**
 * `catalog-secrets-are-sensitive`: a Vercel variable that carries a catalog secret is `sensitive`. A sensitive
 * variable can be used by builds and functions but never read back in the dashboard or the API, so a Vercel team
 * member (or a leaked Vercel token) does not get the Supabase secret key for free.
 */
import { isSecretName } from "../secret-shapes";
import { resourcePolicy, type RuleMeta } from "../lib/policy";
import { catalogNameOfComment, vercelVariablesOf } from "../lib/types";

export const meta: RuleMeta = {
  name: "catalog-secrets-are-sensitive",
  description:
    'Runbook, Security Best Practices: "Limit access to necessary personnel" and "Use environment variables for ' +
    'runtime". Every Vercel variable that carries a catalog secret (comment "catalog:NAME") or has a secret-like ' +
    "key (…SECRET…, …TOKEN…, …API_KEY…) is sensitive: usable at build and run time, never readable afterwards.",
  enforcementLevel: "mandatory",
};

export const policy = resourcePolicy(meta, (r, report) => {
  for (const { path, variable } of vercelVariablesOf(r.type, r.props)) {
    if (variable.sensitive === true) continue;
    const source = catalogNameOfComment(variable.comment);
    const key = typeof variable.key === "string" ? variable.key : "";
    const where = key || path || "variable";
    if (source !== undefined) report(`${where} carries the catalog secret ${source} but is not sensitive.`);
    else if (isSecretName(key)) report(`${where} has a secret-like key but is not sensitive.`);
  }
});
