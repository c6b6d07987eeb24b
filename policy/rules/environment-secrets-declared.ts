/**
 * `environment-secrets-declared` (advisory): every catalog secret of the stack's environment is declared by the
 * stack. A missing one is not a leak, but it is a workflow that fails on the day it needs the secret, so it warns.
 */
import { catalogReferencesIn, secretsOf } from "../../lib/catalog";
import { stackPolicy, type RuleMeta } from "../lib/policy";
import { str, TYPES } from "../lib/types";
import { stringLeaves } from "../lib/walk";

export const meta: RuleMeta = {
  name: "environment-secrets-declared",
  description:
    'Runbook, Pre-Deployment Checklist: "All required secrets are configured"; Initial Setup: "Configure Secrets: ' +
    "Add all required secrets to GitHub\". Every catalog secret of the stack's environment (its own and the shared " +
    'monitoring ones) is declared somewhere in the stack: as a GitHub secret, or as the "catalog:NAME" source of a variable.',
  enforcementLevel: "advisory",
};

export const policy = stackPolicy(meta, (resources, env, report) => {
  if (env === undefined) return;
  const declared = new Set<string>();
  for (const r of resources) {
    if (r.type === TYPES.githubEnvironmentSecret) {
      const name = str(r.props, "secretName");
      if (name !== undefined) declared.add(name);
    }
    // A Vercel variable cites its source in its comment ("catalog:NAME"); dynamic resources and commands cite theirs
    // the same way, anywhere in their inputs.
    for (const leaf of stringLeaves(r.props)) {
      for (const name of catalogReferencesIn(leaf.value)) declared.add(name);
    }
  }
  const missing = secretsOf(env)
    .map((s) => s.name)
    .filter((name) => !declared.has(name));
  const root = resources.find((r) => r.type === TYPES.stack);
  if (missing.length > 0) report(`the ${env} stack does not declare ${missing.join(", ")}.`, root?.urn);
});
