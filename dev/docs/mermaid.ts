/**
 * Renders an environment diagram as a Mermaid flowchart, which GitHub draws in Markdown: the secrets (names only)
 * on the left, flowing into the services; the services' use of each other as dotted arrows; the monitors watching.
 */
import { type DiagramEdge, type DiagramNode, type EnvironmentDiagram, previewsShare } from "./diagram";

/** Each kind's node shape; the services (frontend, previews, agent) are plain boxes. */
const SHAPES: Partial<Record<DiagramNode["kind"], [string, string]>> = {
  database: ["[(", ")]"],
  monitor: ["{{", "}}"],
  alert: [">", "]"],
  github: ["[/", "/]"],
  deploy: ["[[", "]]"],
  secret: ["([", "])"],
};

const ARROWS: Record<DiagramEdge["kind"], string> = {
  secret: "-->",
  uses: "-.->",
  watches: "-.->",
  alerts: "-->",
  redirects: "-.->",
};

/** A Mermaid-safe id (letters, digits, underscores). */
const idOf = (id: string) => id.replace(/[^A-Za-z0-9]+/g, "_");
/** A label in double quotes: quotes escaped as Mermaid entities, lines joined with `<br/>`. */
const text = (lines: readonly string[]) => `"${lines.map((l) => l.replace(/"/g, "#quot;")).join("<br/>")}"`;

function nodeLine(n: DiagramNode): string {
  const [open, close] = SHAPES[n.kind] ?? ["[", "]"];
  return `${idOf(n.id)}${open}${text(n.label)}${close}`;
}

function edgeLine(e: DiagramEdge): string {
  const kind = e.kind === "redirects" ? "auth redirects" : e.kind;
  const label = e.kind === "secret" ? e.label : e.label ? `${kind} · ${e.label}` : kind;
  return `${idOf(e.from)} ${ARROWS[e.kind]}${label ? `|${label.replace(/\|/g, "/")}|` : ""} ${idOf(e.to)}`;
}

/** One environment's Mermaid flowchart, in a fenced block, and what its previews share. */
export function renderDiagram(d: EnvironmentDiagram): string {
  const secrets = d.nodes.filter((n) => n.kind === "secret");
  const services = d.nodes.filter((n) => n.kind !== "secret");
  const lines = [
    "```mermaid",
    "flowchart LR",
    `  subgraph secrets_${idOf(d.stack)}["Secrets of ${d.stack} (names only)"]`,
    ...secrets.map((n) => `    ${nodeLine(n)}`),
    "  end",
    ...services.map((n) => `  ${nodeLine(n)}`),
    ...d.edges.map((e) => `  ${edgeLine(e)}`),
    "```",
  ];
  const share = previewsShare(d);
  if (share) {
    lines.push(
      "",
      `Feature previews share with \`${d.stack}\`: ${share.services.join("; ") || "no service"}; ` +
        `secrets ${share.secrets.map((s) => `\`${s}\``).join(", ") || "none"}.`,
    );
  }
  return lines.join("\n");
}
