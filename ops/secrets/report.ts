// The secret-age report of a stack's outputs (`pulumi stack output --json`): every recorded secret with the date its
// value last changed, the ones older than the rotation period at P3 with the command that rotates each, and, given
// production's outputs too, the secrets another environment (staging, …) shares with production. Pure: parsing, deciding, formatting.
import { z } from "zod";
import { parseJson } from "../../lib/cli";
import type { EnvironmentName } from "../../lib/environments";
import { environmentNameSchema, secretAgesSchema } from "../../lib/schemas";
import { ageInDays, compareWithProduction, rotateCommand, staleSecrets } from "../../lib/secret-record";
import { firstProblem } from "../health/outputs";
import { renderColumns } from "../health/format";

/** The part of a stack's outputs this report reads. */
const outputsSchema = z.object({
  environment: environmentNameSchema(),
  secretAges: secretAgesSchema.optional(),
});

/** A stack's outputs, as far as this report needs them. */
export type SecretOutputs = Required<z.infer<typeof outputsSchema>>;

/**
 * Parses `pulumi stack output --json`; a stack without `secretAges` (no `pulumi up` with this version yet) is an
 * error that says so. Messages name the field, never a value.
 */
export function parseSecretOutputs(
  text: string,
  what: string,
): { ok: true; outputs: SecretOutputs } | { ok: false; error: string } {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, error: `${what}: ${json.error}` };
  const result = outputsSchema.safeParse(json.value);
  if (!result.success) return { ok: false, error: `${what}: ${firstProblem(result.error)}` };
  if (!result.data.secretAges) {
    return {
      ok: false,
      error: `${what}: no secretAges output: the stack has not had a \`pulumi up\` that records its secrets yet`,
    };
  }
  return { ok: true, outputs: { environment: result.data.environment, secretAges: result.data.secretAges } };
}

/** One row of the report. */
export interface SecretRow {
  key: string;
  /** YYYY-MM-DD, or undefined when none is recorded. */
  changed?: string;
  ageDays?: number;
  /** P3 when older than the rotation period. */
  severity: "P3" | "ok" | "no date";
  /** The command that rotates it, for the P3 rows. */
  rotate?: string;
}

/** The report of one stack. */
export interface SecretReport {
  stack: EnvironmentName;
  rotationDays: number;
  /** P3 when a secret is older than the rotation period (runbook: low, backlog); none otherwise. */
  severity: "P3" | "none";
  rows: SecretRow[];
  /** Staging compared with production (`--production`): the secrets staging shares with it. */
  reused?: { key: string; productionKeys: string[] }[];
  /** Why the comparison could not be made, when it could not. */
  comparison?: string;
}

/** Builds the report of a stack's outputs at `now`, comparing with production's outputs when given. */
export function buildSecretReport(outputs: SecretOutputs, now: Date, production?: SecretOutputs): SecretReport {
  const ages = outputs.secretAges;
  const stale = new Set(staleSecrets(ages, now).map((s) => s.key));
  const rows: SecretRow[] = Object.keys(ages.secrets).map((key) => {
    const changed = ages.secrets[key].changed;
    const ageDays = changed === undefined ? undefined : ageInDays(changed, now);
    if (ageDays === undefined) return { key, severity: "no date" };
    if (!stale.has(key)) return { key, changed, ageDays, severity: "ok" };
    return { key, changed, ageDays, severity: "P3", rotate: rotateCommand(outputs.environment, key) };
  });
  rows.sort((a, b) => (b.ageDays ?? -1) - (a.ageDays ?? -1) || a.key.localeCompare(b.key));
  const report: SecretReport = {
    stack: outputs.environment,
    rotationDays: ages.rotationDays,
    severity: stale.size > 0 ? "P3" : "none",
    rows,
  };
  if (production) {
    const found = compareWithProduction(ages, production.secretAges, outputs.environment);
    if (found.kind === "compared") report.reused = found.reused;
    else
      report.comparison = found.kind === "other-key" ? "the stacks' fingerprint keys differ" : "no production record";
  }
  return report;
}

/** The report as a table for a terminal. */
export function formatSecretTable(report: SecretReport): string {
  const rows = [["SEVERITY", "SECRET", "LAST_CHANGED", "AGE_DAYS"]];
  for (const r of report.rows)
    rows.push([r.severity, r.key, r.changed ?? "-", r.ageDays === undefined ? "-" : String(r.ageDays)]);
  const lines = [renderColumns(rows), ""];
  for (const r of report.rows.filter((r) => r.rotate)) {
    lines.push(`P3 ${r.key}: unchanged for ${r.ageDays} days (rotation period ${report.rotationDays}): ${r.rotate}`);
  }
  lines.push(...reuseLines(report));
  const stale = report.rows.filter((r) => r.severity === "P3").length;
  lines.push(
    `${report.stack}: ${stale} of ${report.rows.length} secrets older than ${report.rotationDays} days, severity ${report.severity}`,
  );
  return lines.join("\n") + "\n";
}

/** The report as GitHub-flavoured Markdown, for a workflow's job summary. */
export function formatSecretMarkdown(report: SecretReport): string {
  const stale = report.rows.filter((r) => r.rotate);
  const lines = [`### Secret ages: ${report.stack}`, ""];
  if (stale.length === 0) {
    lines.push(`No secret is older than the rotation period (${report.rotationDays} days).`);
  } else {
    lines.push(
      `**P3**: ${stale.length} secret${stale.length === 1 ? "" : "s"} unchanged for longer than ${report.rotationDays} days.`,
    );
    lines.push("", "| Secret | Last changed | Age (days) | Rotate with |", "|---|---|---|---|");
    for (const r of stale) lines.push(`| \`${r.key}\` | ${r.changed} | ${r.ageDays} | \`${r.rotate}\` |`);
  }
  const undated = report.rows.filter((r) => r.severity === "no date").map((r) => `\`${r.key}\``);
  if (undated.length > 0) lines.push("", `No date recorded for ${undated.join(", ")}.`);
  const reuse = reuseLines(report);
  if (reuse.length > 0) lines.push("", ...reuse.map((l) => `**${l}**`));
  return lines.join("\n") + "\n";
}

function reuseLines(report: SecretReport): string[] {
  if (report.comparison) return [`not compared with production: ${report.comparison}`];
  return (report.reused ?? []).map(
    (r) => `${r.key} is equal to production's ${r.productionKeys.join(", ")}: give staging its own value`,
  );
}
