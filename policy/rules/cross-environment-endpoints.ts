/**
 * `no-cross-environment-endpoint`: no resource of one stack points at a host of another environment. A staging
 * frontend wired to the production agent, a production monitor watching staging, or a production auth allow list
 * that admits preview URLs all break the isolation silently: everything stays green while one environment writes
 * into the other. Hosts are recognised by name (lib/environments.ts, environmentOfHost), anywhere in any string input.
 */
import { environmentOfHost } from "../../lib/environments";
import { resourcePolicy, type RuleMeta } from "../lib/policy";
import { TYPES } from "../lib/types";
import { hostsIn, stringLeaves } from "../lib/walk";

export const meta: RuleMeta = {
  name: "no-cross-environment-endpoint",
  description:
    'Runbook, Environment Validation: "Security Tests: Verify environment isolation"; Environment Overview: ' +
    "production and staging each have their own frontend, agent and Supabase project, and feature environments use " +
    "staging's. No resource of one stack points at a host of another environment (agent, frontend, Supabase, " +
    "web-hook), in any string input, URLs and bare host names alike.",
  enforcementLevel: "mandatory",
};

/** Reads, not writes: a StackReference's name is another stack by design and says nothing about endpoints. */
const EXEMPT: readonly string[] = [TYPES.stackReference];

export const policy = resourcePolicy(meta, (r, report) => {
  if (EXEMPT.includes(r.type)) return;
  for (const leaf of stringLeaves(r.props)) {
    for (const host of hostsIn(leaf.value)) {
      const owner = environmentOfHost(host);
      // The host, never the whole value: a web-hook URL's path is its secret.
      if (owner !== undefined && owner !== r.env) report(`${leaf.path || "(value)"} points at ${owner} host ${host}.`);
    }
  }
});
