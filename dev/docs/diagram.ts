/**
 * A picture of one environment, read from its synth (the real program under the mock runtime): the services it
 * declares, which secrets (catalog names only) flow to which service, what each service uses, and, for staging, what
 * the feature previews share with it. Secret values never reach the model: offline they are labelled placeholders,
 * and only the catalog name a placeholder stands for is kept.
 */
import { secretOfConfigKey } from "../../lib/catalog";
import { BRANCH, DEPLOY_BRANCH_PATTERNS, hostOf, isEnvironmentName } from "../../lib/environments";
import { TYPES } from "../../policy/lib/types";
import { stringLeaves } from "../../policy/lib/walk";
import { policyView, type SynthResult } from "../synth/index";
import { placeholderFor } from "../synth/stack-config";

/** The kinds of node, in the order they are drawn (a stable sort keeps the synth's order within a kind). */
const NODE_ORDER = [
  "secret",
  "frontend",
  "previews",
  "agent",
  "database",
  "monitor",
  "alert",
  "github",
  "deploy",
] as const;
/** The kinds of edge, in the order they are drawn. */
const EDGE_ORDER = ["secret", "uses", "redirects", "watches", "alerts"] as const;

export type NodeKind = (typeof NODE_ORDER)[number];
export interface DiagramNode {
  id: string;
  kind: NodeKind;
  /** Lines of the label. */
  label: string[];
}
export interface DiagramEdge {
  from: string;
  to: string;
  kind: (typeof EDGE_ORDER)[number];
  label?: string;
}
export interface EnvironmentDiagram {
  stack: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

const { vercelVariable: VERCEL_VAR, githubEnvironmentSecret: GH_SECRET, command: COMMAND } = TYPES;
const RAILWAY_VARS = "pulumi-nodejs:dynamic/railway:ServiceVariables";
const AUTH = "pulumi-nodejs:dynamic/supabase:AuthSettings";
const MONITOR = "pulumi-nodejs:dynamic/uptimerobot:Monitor";
const CONTACT = "pulumi-nodejs:dynamic/uptimerobot:AlertContact";

/**
 * A deploy-time command (deploy/) acts on the service whose ids it is given: Railway's agent or Vercel's frontend.
 * What it is given (the Railway and Vercel tokens) is the deploy tools' own, not something the running apps carry:
 * it is drawn into the "deploy tools" node, with an arrow to the service each command deploys.
 */
function commandService(inputs: Record<string, unknown>): "agent" | "frontend" | undefined {
  const env = (inputs.environment ?? {}) as Record<string, unknown>;
  if ("RAILWAY_SERVICE_ID" in env) return "agent";
  if ("VERCEL_PROJECT_ID" in env) return "frontend";
  return undefined;
}

/** A Vercel variable feeds the environment's frontend (production's, or its branch's), else the feature previews. */
function vercelNode(inputs: Record<string, unknown>): "frontend" | "previews" {
  const production = Array.isArray(inputs.targets) && inputs.targets.includes("production");
  return production || typeof inputs.gitBranch === "string" ? "frontend" : "previews";
}

/** The catalog name a config secret of the stack stands for (`chef-chopsky:openaiApiKey` → STAGING_OPENAI_API_KEY). */
function catalogName(stack: string, configKey: string): string {
  return (isEnvironmentName(stack) ? secretOfConfigKey(stack, configKey)?.name : undefined) ?? configKey;
}

/** Builds the diagram of one stack from its synth (as `runProgram` returned it, so its inputs can be revealed). */
export function environmentDiagram(result: SynthResult): EnvironmentDiagram {
  const stack = result.stack;
  const view = policyView(result).resources.filter((r) => r.custom);
  const outputs = result.outputs as { frontendUrl?: string; agentUrl?: string };
  const nodes = new Map<string, DiagramNode>();
  const edges = new Map<string, DiagramEdge>();
  const node = (id: string, kind: NodeKind, label: string[]) =>
    nodes.get(id) ?? nodes.set(id, { id, kind, label }).get(id)!;
  const edge = (e: DiagramEdge) => edges.set(`${e.from}>${e.to}>${e.kind}>${e.label ?? ""}`, e);
  const prefix = placeholderFor(stack, "");
  const byHost = new Map<string, string>(); // host → node id
  const branch = isEnvironmentName(stack) ? BRANCH[stack] : stack;
  const previewBranches = isEnvironmentName(stack) ? DEPLOY_BRANCH_PATTERNS[stack].filter((b) => b.includes("*")) : [];

  // The services, in the order the synth declares them.
  for (const r of view) {
    const i = r.inputs as Record<string, unknown>;
    if (r.type === VERCEL_VAR) {
      if (vercelNode(i) === "previews")
        node("previews", "previews", [
          "Feature previews: Vercel preview",
          `branches ${previewBranches.join(", ") || "*"}`,
        ]);
      else if (typeof i.gitBranch === "string")
        node("frontend", "frontend", ["Frontend: Vercel preview", `branch ${i.gitBranch}`]);
      else node("frontend", "frontend", ["Frontend: Vercel production", `branch ${branch}`]);
    } else if (r.type === RAILWAY_VARS || (r.type === COMMAND && commandService(i) === "agent"))
      node("agent", "agent", ["Agent: Railway service"]);
    if (r.type === COMMAND && commandService(i))
      node("deploy", "deploy", ["Deploy tools: deploy/, run by pulumi up", "(credentials the apps do not carry)"]);
    else if (r.type === AUTH) node("database", "database", [`Supabase project ${String(i.projectRef)}`]);
    else if (r.type === CONTACT) node("alert", "alert", ["Alert web-hook"]);
    else if (r.type === MONITOR) node(`monitor-${r.name}`, "monitor", ["UptimeRobot monitor", String(i.friendlyName)]);
    else if (r.type === GH_SECRET) node("github", "github", [`GitHub environment ${String(i.environment)}`]);
  }
  const at = (url: string | undefined, id: string) => {
    const host = url && hostOf(url);
    if (host && nodes.has(id)) {
      byHost.set(host, id);
      nodes.get(id)!.label.push(url);
    }
  };
  at(outputs.frontendUrl, "frontend");
  at(outputs.agentUrl, "agent");
  for (const r of view) if (r.type === AUTH) byHost.set(`${String(r.inputs.projectRef)}.supabase.co`, "database");

  // What flows where: secrets by catalog name, and the URLs each service is given.
  const githubSecrets: string[] = [];
  for (const r of view) {
    const i = r.inputs as Record<string, unknown>;
    if (r.type === GH_SECRET) githubSecrets.push(String(i.secretName));
    const target =
      r.type === VERCEL_VAR
        ? vercelNode(i)
        : r.type === COMMAND
          ? commandService(i) && "deploy"
          : { [RAILWAY_VARS]: "agent", [CONTACT]: "alert" }[r.type];
    if (r.type === MONITOR) {
      const watched = byHost.get(hostOf(String(i.url)) ?? "");
      if (watched) edge({ from: `monitor-${r.name}`, to: watched, kind: "watches" });
      if (Array.isArray(i.alertContactIds) && i.alertContactIds.length > 0 && nodes.has("alert"))
        edge({ from: `monitor-${r.name}`, to: "alert", kind: "alerts" });
    }
    const deploys = r.type === COMMAND ? commandService(i) : undefined;
    if (deploys && nodes.has(deploys)) edge({ from: "deploy", to: deploys, kind: "uses", label: "deploys" });
    if (r.type === AUTH) {
      for (const entry of String(i.uriAllowList ?? "").split(",")) {
        const to = entry.includes("*") ? "previews" : byHost.get(hostOf(entry.trim()) ?? "");
        if (to && nodes.has(to)) edge({ from: "database", to, kind: "redirects" });
      }
    }
    if (target === undefined) continue;
    const varKey = r.type === VERCEL_VAR ? String(i.key) : undefined;
    // Every string the service is given (a dynamic provider's serialized code is only a description in the view).
    for (const { key, value } of stringLeaves(r.type === VERCEL_VAR ? { value: i.value } : i)) {
      const label = r.type === CONTACT ? undefined : (varKey ?? key);
      if (value.startsWith(prefix)) {
        const name = catalogName(stack, value.slice(prefix.length));
        node(`secret-${name}`, "secret", [name]);
        edge({ from: `secret-${name}`, to: target, kind: "secret", label: label === name ? undefined : label });
        continue;
      }
      for (const part of value.split(",")) {
        const to = part.includes("*") && nodes.has("previews") ? "previews" : byHost.get(hostOf(part.trim()) ?? "");
        if (to && to !== target) edge({ from: target, to, kind: "uses", label });
      }
    }
  }
  if (githubSecrets.length) {
    // A long list: three names a line.
    const label = nodes.get("github")!.label;
    label.push(`${githubSecrets.length} secrets:`);
    for (let n = 0; n < githubSecrets.length; n += 3) label.push(githubSecrets.slice(n, n + 3).join(", "));
  }
  const order = (kinds: readonly string[], kind: string) => kinds.indexOf(kind);
  return {
    stack,
    nodes: [...nodes.values()].sort((a, b) => order(NODE_ORDER, a.kind) - order(NODE_ORDER, b.kind)),
    edges: [...edges.values()].sort((a, b) => order(EDGE_ORDER, a.kind) - order(EDGE_ORDER, b.kind)),
  };
}

/** What the feature previews share with the environment: the services they use and the secrets they get. */
export function previewsShare(d: EnvironmentDiagram): { services: string[]; secrets: string[] } | undefined {
  if (!d.nodes.some((n) => n.id === "previews")) return undefined;
  const label = (id: string) => d.nodes.find((n) => n.id === id)!.label[0];
  const from = d.edges.filter((e) => e.from === "previews" && e.kind === "uses").map((e) => label(e.to));
  const secrets = d.edges.filter((e) => e.to === "previews" && e.kind === "secret").map((e) => label(e.from));
  return { services: [...new Set(from)], secrets: [...new Set(secrets)] };
}
