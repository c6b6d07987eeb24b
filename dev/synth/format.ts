/**
 * How the synth is shown to people: the resource tree (components and their children), each resource's type,
 * name and inputs, secrets as [secret]; and a one-line-per-type summary for `npm run plan`.
 */
import type { SynthResource, SynthResult } from "./index";

const MAX_VALUE = 90;

function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

/** The inputs worth showing: everything but the Pulumi-internal ones, secrets already "[secret]". */
function inputLines(r: SynthResource): string[] {
  return Object.entries(r.inputs)
    .filter(([k, v]) => !k.startsWith("__") && v !== undefined && v !== null && !(typeof v === "string" && v === ""))
    .map(([k, v]) => `${k}=${show(v)}`);
}

/** The resource tree, one resource per line, inputs indented beneath. */
export function formatTree(result: SynthResult): string {
  const children = new Map<string | null, SynthResource[]>();
  for (const r of result.resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const lines: string[] = [`stack ${result.stack} (project ${result.project}): ${result.resources.length} resources`];
  const walk = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      const pad = "  ".repeat(depth);
      lines.push(`${pad}${r.custom ? "+" : "▸"} ${r.type}  ${r.name}`);
      if (r.custom) for (const l of inputLines(r)) lines.push(`${pad}    ${l}`);
      walk(r.urn, depth + 1);
    }
  };
  walk(null, 0);
  lines.push("outputs:");
  for (const [k, v] of Object.entries(result.outputs)) lines.push(`  ${k}: ${show(v)}`);
  return lines.join("\n");
}

/** Resources by type, most frequent first (custom resources only: components are structure, not cloud objects). */
export function countByType(result: SynthResult): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of result.resources) if (r.custom) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function formatSummary(result: SynthResult): string {
  const rows = countByType(result);
  const total = rows.reduce((n, [, c]) => n + c, 0);
  return [
    `stack ${result.stack}: ${total} resources`,
    ...rows.map(([t, c]) => `  ${String(c).padStart(3)}  ${t}`),
  ].join("\n");
}
