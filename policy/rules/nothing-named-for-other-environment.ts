/**
 * `nothing-named-for-other-environment`: a stack holds nothing named for another environment. The runbook names
 * everything by environment, so a `staging-agent-monitor` in production, or a GitHub environment `staging` in the
 * production stack, is a copy-paste from another stack that the per-resource rules may not catch by value alone.
 * It also rejects a stack that no declaration names (lib/environments.ts): every other rule keys off that name.
 */
import { ENVIRONMENT_NAMES } from "../../lib/environments";
import { namedForOthers } from "../lib/naming";
import { stackPolicy, type RuleMeta } from "../lib/policy";
import { stackOfUrn } from "../lib/stack";
import { TYPES } from "../lib/types";

export const meta: RuleMeta = {
  name: "nothing-named-for-other-environment",
  description:
    'Runbook, Security Best Practices: "Use separate secrets for different environments"; Adding New Environment: ' +
    '"Test Environment: Verify functionality and isolation". The stack is a declared environment, and nothing in it ' +
    "is named for another environment: no resource name, and no name, friendlyName or environment input.",
  enforcementLevel: "mandatory",
};

/** Inputs that name a resource rather than configure it. */
const NAME_FIELDS = ["name", "friendlyName", "environment", "description"] as const;

/** Reads of another stack (a StackReference is named after it by design) and the root are not declarations. */
const EXEMPT: readonly string[] = [TYPES.stackReference, TYPES.stack];

export const policy = stackPolicy(meta, (resources, env, report) => {
  const root = resources.find((r) => r.type === TYPES.stack) ?? resources[0];
  if (root === undefined) return;
  if (env === undefined) {
    const stack = stackOfUrn(root.urn) ?? root.urn;
    report(
      `stack "${stack}" is not one of the declared environments (${ENVIRONMENT_NAMES.join(", ")}); the isolation rules cannot apply.`,
      root.urn,
    );
    return;
  }
  for (const r of resources) {
    if (EXEMPT.includes(r.type)) continue;
    const names = { "resource name": r.name, ...Object.fromEntries(NAME_FIELDS.map((f) => [f, r.props[f]])) };
    for (const [what, value] of Object.entries(names)) {
      const others = typeof value === "string" ? namedForOthers(value, env) : undefined;
      if (others) report(`${what} "${value}" is named for ${others}.`, r.urn);
    }
  }
});
