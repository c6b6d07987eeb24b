/**
 * Which stack a resource belongs to. A policy learns it from the resource URN (`urn:pulumi:<stack>::<project>::…`):
 * that works the same under `pulumi preview --policy-pack`, `pulumi policy publish` (where no stack is configured)
 * and the offline runner. The alternatives are weaker: `ConfigureStack` only reaches @pulumi/policy 1.21 as stack
 * *tags*, and `pulumi.getStack()` depends on the `PULUMI_NODEJS_STACK` variable the CLI happens to set.
 */
import { type EnvironmentName, isEnvironmentName } from "../../lib/environments";

const URN = /^urn:pulumi:([^:]+)::([^:]+)::(.*)$/;

/** The stack name inside a URN, or undefined when the string is not a Pulumi URN. */
export function stackOfUrn(urn: string): string | undefined {
  return URN.exec(urn)?.[1];
}

/** The environment a resource belongs to by its URN, or undefined when no declaration names the stack. */
export function environmentOfUrn(urn: string): EnvironmentName | undefined {
  const stack = stackOfUrn(urn);
  return stack !== undefined && isEnvironmentName(stack) ? stack : undefined;
}

/** The environment of a whole stack: that of its resources (the root stack resource first). */
export function environmentOfResources(
  resources: readonly { urn: string; type: string }[],
): EnvironmentName | undefined {
  const root = resources.find((r) => r.type === "pulumi:pulumi:Stack") ?? resources[0];
  return root === undefined ? undefined : environmentOfUrn(root.urn);
}
