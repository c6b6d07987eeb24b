/**
 * `no-cross-environment-endpoint`: no resource of one stack points at a host of the other environment. A staging
 * frontend wired to the production agent, a production monitor watching staging, or a production auth allow list
 * that admits preview URLs all break the isolation silently: everything stays green while one environment writes
 * into the other. Hosts are recognised by name (topology.environmentOfHost), anywhere in any string input.
 */
import { environmentOfHost, otherEnvironment } from "../../lib/environments";
import { resourcePolicy, type RuleMeta } from "../lib/policy";
import { TYPES } from "../lib/types";
import { hostsIn, stringLeaves } from "../lib/walk";

export const meta: RuleMeta = {
  name: "no-cross-environment-endpoint",
  description:
    'Runbook, Environment Validation: "Security Tests: Verify environment isolation"; Environment Overview: ' +
    "production and staging each have their own frontend, agent and Supabase project, and feature environments use " +
    "staging's. No resource of one stack points at a host of the other environment (agent, frontend, Supabase, " +
    "web-hook), in any string input, URLs and bare host names alike.",
  enforcementLevel: "mandatory",
};

/** Reads, not writes: a StackReference's name is the other stack by design and says nothing about endpoints. */
const EXEMPT: readonly string[] = [TYPES.stackReference];

export const policy = resourcePolicy(meta, (r, report) => {
  if (EXEMPT.includes(r.type)) return;
  const other = otherEnvironment(r.env);
  for (const leaf of stringLeaves(r.props)) {
    const foreign = hostsIn(leaf.value).filter((h) => environmentOfHost(h) === other);
    // The host, never the whole value: a web-hook URL's path is its secret.
    if (foreign.length > 0) report(`${leaf.path || "(value)"} points at ${other} host ${foreign.join(", ")}.`);
  }
});
