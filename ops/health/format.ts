// Renders a health report: a table for people, JSON for machines.
import { problemChecks, type HealthReport } from "./report";

/** Renders rows as left-aligned columns separated by two spaces, without trailing blanks. */
export function renderColumns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * Renders the report for people: one row per check (name, URL, result, HTTP status, latency), then the redirects
 * and errors, then the verdict and severity.
 * @param report - the report.
 * @returns the text, ending with a newline.
 */
export function formatTable(report: HealthReport): string {
  const rows = [["NAME", "URL", "RESULT", "STATUS", "LATENCY_MS"]];
  for (const c of report.checks) {
    rows.push([c.name, c.url, c.kind, c.status === null ? "-" : String(c.status), String(c.latencyMs)]);
  }
  const lines = [renderColumns(rows), ""];
  for (const c of report.checks) {
    if (c.finalUrl !== undefined) lines.push(`${c.name}: redirected to ${c.finalUrl}`);
    if (c.error !== undefined) lines.push(`${c.name}: ${c.kind}: ${c.error}`);
  }
  lines.push(`${report.environment}: ${verdictText(report)}`);
  if (report.alert !== undefined) {
    lines.push(report.alert.sent ? "alert: sent to the alert web-hook" : `alert: not sent (${report.alert.error})`);
  }
  return lines.join("\n") + "\n";
}

/** The verdict: `HEALTHY (3 of 3 checks up), severity none`, `UNHEALTHY (1 of 3 checks down), severity P1`. */
export function verdictText(report: HealthReport): string {
  const total = report.checks.length;
  const down = report.checks.filter((c) => !c.ok).length;
  const verdict = report.healthy
    ? `HEALTHY (${total} of ${total} checks up)`
    : `UNHEALTHY (${down} of ${total} checks down)`;
  return `${verdict}, severity ${report.severity}`;
}

/** Renders a report as pretty JSON, ending with a newline. */
export function formatJson(report: object): string {
  return JSON.stringify(report, null, 2) + "\n";
}

/**
 * The Slack-compatible alert text: environment, severity, and each check that is down or slow with its kind and
 * HTTP status.
 * @param report - the report.
 */
export function alertText(report: HealthReport): string {
  const verdict = report.healthy ? "degraded" : "UNHEALTHY";
  const head = `Chef Chopsky ${report.environment}: ${verdict}, severity ${report.severity}`;
  const lines = problemChecks(report).map((c) => {
    const status = c.status === null ? "no HTTP status" : `HTTP ${c.status}`;
    return `- ${c.name}: ${c.kind} (${status})${c.error !== undefined ? `: ${c.error}` : ""}`;
  });
  return [head, ...lines].join("\n");
}
