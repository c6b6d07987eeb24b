/**
 * The generated parts of docs/RUNBOOK.md, rendered from the secret catalog (lib/catalog.ts): the runbook's three secret
 * tables, and per stack the `pulumi config set --secret` commands that give each secret its value. Pure functions:
 * the docs test renders in memory and compares with the file, so a catalog change without `npm run docs` fails.
 */
import type { RuleMeta } from "../../policy/lib/policy";
import { ruleMetas } from "../../policy/rules/index";
import { PROVIDER_CREDENTIALS, type RunbookTable, SECRET_CATALOG, type SecretEntry } from "../../lib/catalog";
import { ENVIRONMENTS, type EnvironmentName } from "../../lib/environments";

/** A credential of the tools themselves, set as a config secret but not a GitHub secret. */
export interface Credential {
  key: string;
  description: string;
}

/** What the generated sections are made from; the defaults are the project's own catalog. */
export interface DocsSource {
  catalog: readonly SecretEntry[];
  credentials: readonly Credential[];
}

export const DEFAULT_SOURCE: DocsSource = { catalog: SECRET_CATALOG, credentials: PROVIDER_CREDENTIALS };

const TABLES: readonly RunbookTable[] = ["Production", "Staging", "Monitoring"];

/** A Markdown table cell: no line breaks, and a `|` that does not end the cell. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** The stacks that write a secret: its own, or both for a shared one. */
function stacksOf(entry: SecretEntry): readonly EnvironmentName[] {
  return entry.environment === "shared" ? ENVIRONMENTS : [entry.environment];
}

/** Where a secret's value comes from, as the command or file that sets it. */
export function valueSource(entry: SecretEntry): string {
  const stacks = stacksOf(entry);
  const stackFlag = stacks.length === 1 ? `--stack ${stacks[0]}` : "--stack S";
  const each = stacks.length === 1 ? "" : ` for S = ${stacks.map((s) => `\`${s}\``).join(" and ")}, each its own value`;
  switch (entry.source.kind) {
    case "configSecret":
      return `\`pulumi config set --secret ${entry.source.key} ${stackFlag}\`${each}`;
    case "config":
      return `\`${entry.source.key}\` in ${stacks.map((s) => `\`Pulumi.${s}.yaml\``).join(" and ")} (plain config)`;
    case "output":
      return `stack output \`${entry.source.output}\` (\`pulumi stack output ${entry.source.output} ${stackFlag}\`)${each}`;
  }
}

/** The GitHub environment(s) a secret is written to by the stacks. */
function environmentsCell(entry: SecretEntry): string {
  return stacksOf(entry)
    .map((s) => `\`${s}\``)
    .join(", ");
}

/** The runbook's three secret tables, in catalog order. */
export function renderSecretTables(source: DocsSource = DEFAULT_SOURCE): string {
  const parts: string[] = [];
  for (const table of TABLES) {
    const rows = source.catalog.filter((s) => s.table === table);
    parts.push(
      `#### ${table} secrets`,
      "",
      "| Secret | Description | Required for | GitHub environment | Value comes from |",
      "|---|---|---|---|---|",
      ...rows.map(
        (s) =>
          `| \`${s.name}\` | ${cell(s.description)} | ${cell(s.requiredFor)} | ${environmentsCell(s)} | ${cell(valueSource(s))} |`,
      ),
      "",
    );
  }
  return parts.join("\n").trimEnd();
}

/** Aligns `command  # comment` lines into one column of comments. */
function aligned(lines: readonly [string, string][]): string[] {
  const width = Math.max(0, ...lines.map(([command]) => command.length));
  return lines.map(([command, comment]) => `${command.padEnd(width)}  # ${comment}`);
}

/** The config-secret commands of one stack, and where its other catalog values come from. */
export function renderStackCommands(env: EnvironmentName, source: DocsSource = DEFAULT_SOURCE): string {
  const own = source.catalog.filter((s) => s.environment === env || s.environment === "shared");
  const bySecretKey = new Map<string, string[]>();
  for (const s of own) {
    if (s.source.kind !== "configSecret") continue;
    bySecretKey.set(s.source.key, [...(bySecretKey.get(s.source.key) ?? []), `${s.name}: ${s.description}`]);
  }
  const secretLines: [string, string][] = [...bySecretKey].map(([key, names]) => [
    `pulumi config set --secret ${key} --stack ${env}`,
    names.join("; "),
  ]);
  const credentialLines: [string, string][] = source.credentials
    .filter((c) => !bySecretKey.has(c.key))
    .map((c) => [`pulumi config set --secret ${c.key} --stack ${env}`, c.description]);
  const plain = own.filter((s) => s.source.kind === "config");
  const outputs = own.filter((s) => s.source.kind === "output");
  const list = (entries: SecretEntry[], what: (s: SecretEntry) => string) =>
    entries.map((s) => `${what(s)} (${s.name})`).join(", ") || "none";
  return [
    `##### Stack \`${env}\``,
    "",
    "```bash",
    "# Each command prompts for the value (or reads it from standard input): it never lands in the shell history.",
    ...aligned([...secretLines, ...credentialLines]),
    "```",
    "",
    `Plain config in \`Pulumi.${env}.yaml\`: ${list(plain, (s) => (s.source.kind === "config" ? `\`${s.source.key}\`` : ""))}.`,
    `Stack outputs, written to the GitHub environment by \`pulumi up\`: ${list(outputs, (s) =>
      s.source.kind === "output" ? `\`${s.source.output}\`` : "",
    )}.`,
  ].join("\n");
}

/** Every generated section of the runbook, by marker name. */
export function renderSections(source: DocsSource = DEFAULT_SOURCE): Record<string, string> {
  return {
    secrets: renderSecretTables(source),
    "config-commands": ENVIRONMENTS.map((env) => renderStackCommands(env, source)).join("\n\n"),
  };
}

/** The README's table of the policy pack: each rule, its level, and the runbook rule it enforces (its description). */
export function renderPolicyTable(metas: readonly RuleMeta[] = ruleMetas): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  return [
    "| policy | level | the runbook rule it enforces, and how |",
    "|---|---|---|",
    ...metas.map((m) => `| \`${m.name}\` | ${m.enforcementLevel} | ${cell(m.description)} |`),
  ].join("\n");
}
