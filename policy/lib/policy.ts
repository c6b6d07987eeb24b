/**
 * The shape every rule module shares: a policy whose checks receive the resource together with the environment of
 * its stack (from the URN), and a metadata record the README's rule table and the tests read.
 */
import type {
  EnforcementLevel,
  PolicyResource,
  ReportViolation,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { EnvironmentName } from "../../lib/environments";
import { environmentOfResources, environmentOfUrn } from "./stack";

/** What a rule says about itself. */
export interface RuleMeta {
  /** The policy name, kebab-case, unique in the pack. */
  name: string;
  /** The runbook rule, quoted, then what the policy checks. Shown with every violation. */
  description: string;
  enforcementLevel: Extract<EnforcementLevel, "advisory" | "mandatory">;
}

/** A resource as a resource check sees it. */
export interface CheckedResource {
  type: string;
  props: Record<string, unknown>;
  /** The top-level fields the program marked `additionalSecretOutputs`: secret places by declaration. */
  secretOutputs: readonly string[];
  /** The environment of the resource's stack. */
  env: EnvironmentName;
}

/** A resource check: calls `report` once per problem, with a message that never contains a secret value. */
export type ResourceCheck = (resource: CheckedResource, report: (message: string) => void) => void;

/**
 * A resource policy that runs `check` on resources of stacks named for an environment. Resources of other stacks
 * are left alone here: the stack policy `nothing-named-for-other-environment` reports such a stack once.
 */
export function resourcePolicy(meta: RuleMeta, check: ResourceCheck): ResourceValidationPolicy {
  return {
    ...meta,
    validateResource: (args, reportViolation: ReportViolation) => {
      const env = environmentOfUrn(args.urn);
      if (env === undefined) return;
      const secretOutputs = args.opts?.additionalSecretOutputs ?? [];
      check({ type: args.type, props: args.props, secretOutputs, env }, (message) => reportViolation(message));
    },
  };
}

/** A stack check: `report(message, urn)` points each problem at the resource it is about. */
export type StackCheck = (
  resources: readonly PolicyResource[],
  env: EnvironmentName | undefined,
  report: (message: string, urn?: string) => void,
) => void;

/** A stack policy; `env` is undefined when no declaration names the stack. */
export function stackPolicy(meta: RuleMeta, check: StackCheck): StackValidationPolicy {
  return {
    ...meta,
    validateStack: (args, reportViolation: ReportViolation) => {
      check(args.resources, environmentOfResources(args.resources), (message, urn) => reportViolation(message, urn));
    },
  };
}
