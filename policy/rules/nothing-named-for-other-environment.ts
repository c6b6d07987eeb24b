/**
 * `nothing-named-for-other-environment`: a stack holds nothing named for the other environment. The runbook names
 * everything by environment, so a `staging-agent-monitor` in production, or a GitHub environment `staging` in the
 * production stack, is a copy-paste from the other stack that the per-resource rules may not catch by value alone.
 * It also rejects a stack that is neither production nor staging: every other rule keys off that name.
 */
import { ENVIRONMENTS } from "../../lib/environments";
import { isNamedForOther } from "../lib/naming";
import { stackPolicy, type RuleMeta } from "../lib/policy";
import { stackOfUrn } from "../lib/stack";
import { TYPES } from "../lib/types";

export const meta: RuleMeta = {
  name: "nothing-named-for-other-environment",
  description:
    'Runbook, Security Best Practices: "Use separate secrets for different environments"; Adding New Environment: ' +
    '"Test Environment: Verify functionality and isolation". The stack is production or staging, and nothing in it ' +
    "is named for the other environment: no resource name, and no name, friendlyName or environment input.",
  enforcementLevel: "mandatory",
};

/** Inputs that name a resource rather than configure it. */
const NAME_FIELDS = ["name", "friendlyName", "environment", "description"] as const;

/** Reads of the other stack (a StackReference is named after it by design) and the root are not declarations. */
const EXEMPT: readonly string[] = [TYPES.stackReference, TYPES.stack];

export const policy = stackPolicy(meta, (resources, env, report) => {
  const root = resources.find((r) => r.type === TYPES.stack) ?? resources[0];
  if (root === undefined) return;
  if (env === undefined) {
    const stack = stackOfUrn(root.urn) ?? root.urn;
    report(`stack "${stack}" is not one of ${ENVIRONMENTS.join(", ")}; the isolation rules cannot apply.`, root.urn);
    return;
  }
  for (const r of resources) {
    if (EXEMPT.includes(r.type)) continue;
    if (isNamedForOther(r.name, env)) report(`resource name "${r.name}" is named for the other environment.`, r.urn);
    for (const field of NAME_FIELDS) {
      const value: unknown = r.props[field];
      if (typeof value === "string" && isNamedForOther(value, env)) {
        report(`${field} "${value}" is named for the other environment.`, r.urn);
      }
    }
  }
});
