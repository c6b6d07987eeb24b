/**
 * How violations are printed: one block per violation, mandatory first, with policy, level, resource and message,
 * the way `pulumi preview` groups them; and a one-line summary per stack for `npm run plan`.
 */
import type { PolicyResult, Violation } from "./session";

/** One violation as an indented block. */
export function formatViolation(v: Violation): string[] {
  const lines = [`  [${v.enforcementLevel}] ${v.policyName}  ${v.resourceName}`, `      urn: ${v.urn}`];
  for (const line of v.message.split("\n")) lines.push(`      ${line}`);
  return lines;
}

/** The one-line verdict of a stack. */
export function formatSummary(stack: string, result: PolicyResult): string {
  const n = result.violations.length;
  if (n === 0) return `policy: stack ${stack}: no violations`;
  const advisory = n - result.mandatory;
  return `policy: stack ${stack}: ${result.mandatory} mandatory, ${advisory} advisory violation${n === 1 ? "" : "s"}`;
}

/** The full report of one stack: every violation, then the summary. */
export function formatResult(stack: string, result: PolicyResult): string {
  return [...result.violations.flatMap(formatViolation), formatSummary(stack, result)].join("\n");
}
