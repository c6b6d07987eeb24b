/**
 * `one-supabase-project-per-stack`: a Supabase project URL (`https://<ref>.supabase.co`) says nothing about its
 * environment, so `no-cross-environment-endpoint` cannot tell production's database from staging's. What it can
 * tell is that a stack talks to exactly one project: a second ref anywhere in the stack is another environment's.
 */
import { supabaseRefOfHost } from "../../lib/formats";
import { stackPolicy, type RuleMeta } from "../lib/policy";
import { TYPES } from "../lib/types";
import { hostsIn, stringLeaves } from "../lib/walk";

export const meta: RuleMeta = {
  name: "one-supabase-project-per-stack",
  description:
    'Runbook, Environment Overview: production uses the "Production Supabase project", staging and feature ' +
    'environments the "Staging Supabase project (shared)". Every Supabase project host (<ref>.supabase.co) that one ' +
    "stack mentions, in inputs and outputs, is the same project.",
  enforcementLevel: "mandatory",
};

/** A StackReference carries another stack's outputs (its Supabase URL among them) by design. */
const EXEMPT: readonly string[] = [TYPES.stackReference];

export const policy = stackPolicy(meta, (resources, _env, report) => {
  const seen = new Map<string, string[]>(); // ref → URNs that mention it
  for (const r of resources) {
    if (EXEMPT.includes(r.type)) continue;
    for (const leaf of stringLeaves(r.props)) {
      for (const host of hostsIn(leaf.value)) {
        const ref = supabaseRefOfHost(host, true); // the API domain and the legacy one (lib/schemas.ts)
        if (ref === undefined) continue;
        const urns = seen.get(ref) ?? [];
        if (!urns.includes(r.urn)) urns.push(r.urn);
        seen.set(ref, urns);
      }
    }
  }
  if (seen.size <= 1) return;
  // The project most resources use is the stack's own; report every resource that mentions another one.
  const ranked = [...seen.entries()].sort((a, b) => b[1].length - a[1].length);
  const own = ranked[0][0];
  for (const [ref, urns] of ranked.slice(1)) {
    for (const urn of urns) report(`mentions Supabase project ${ref}, but the stack's project is ${own}.`, urn);
  }
});
