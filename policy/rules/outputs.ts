/**
 * `no-secret-or-foreign-host-in-outputs`: the stack outputs. They are the root resource's properties, which the
 * engine passes only to AnalyzeStack (Analyze sees the root's inputs, which are empty), so this is a stack policy.
 * Outputs are readable by anyone with access to the stack and feed the health checks, CI and the other stacks.
 */
import { environmentOfHost } from "../../lib/environments";
import { reportSecretShapes } from "../secret-shapes";
import { stackPolicy, type RuleMeta } from "../lib/policy";
import { TYPES } from "../lib/types";
import { hostsIn, stringLeaves } from "../lib/walk";

export const meta: RuleMeta = {
  name: "no-secret-or-foreign-host-in-outputs",
  description:
    'Runbook, Security Best Practices: "Never commit secrets to code"; Environment Validation: "Security Tests: ' +
    'Verify environment isolation". No stack output carries a secret-shaped value or a host of another ' +
    "environment: outputs are readable by everyone with access to the stack, and the health checks follow them.",
  enforcementLevel: "mandatory",
};

export const policy = stackPolicy(meta, (resources, env, report) => {
  const root = resources.find((r) => r.type === TYPES.stack);
  if (root === undefined) return;
  for (const leaf of stringLeaves(root.props)) {
    const where = `output ${leaf.path || "(value)"}`;
    reportSecretShapes(leaf.value, where, (message) => report(message, root.urn));
    if (env === undefined) continue;
    for (const host of hostsIn(leaf.value)) {
      const owner = environmentOfHost(host);
      if (owner !== undefined && owner !== env) report(`${where} points at ${owner} host ${host}.`, root.urn);
    }
  }
});
