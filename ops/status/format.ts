/**
 * Renders the status report: a table for a terminal, Markdown for a GitHub job summary, JSON for machines. Unknown
 * values are shown as `unknown`, their reasons listed under "Needs attention".
 */
import { renderColumns } from "../health/format";
import type { EnvironmentStatus, Probe, ServiceStatus, StatusReport } from "./report";

/** `2024-06-01 07:02 UTC (3 h ago)`, from an ISO time. */
export function when(isoTime: string | undefined, now: number): string {
  if (isoTime === undefined) return "-";
  const ms = Date.parse(isoTime);
  if (Number.isNaN(ms)) return "-";
  const minutes = Math.max(0, Math.round((now - ms) / 60_000));
  const ago =
    minutes < 60
      ? `${minutes} min`
      : minutes < 48 * 60
        ? `${Math.round(minutes / 60)} h`
        : `${Math.round(minutes / 1440)} d`;
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC (${ago} ago)`;
}

const show = <T>(probe: Probe<T>, text: (value: T) => string): string => (probe.known ? text(probe.value) : "unknown");

/** The cells of one service's row: commit, live since, health, monitor, down alerts of the last 24 hours. */
function cells(s: ServiceStatus, now: number): string[] {
  return [
    show(s.deployment, (d) => `${d.platform} ${d.commit ? d.commit.slice(0, 12) : d.id}`),
    show(s.deployment, (d) => when(d.liveSince, now)),
    show(s.check, (c) => (c.kind === "ok" || c.kind === "slow" ? `${c.kind} ${c.latencyMs} ms` : c.kind)),
    show(s.monitor, (m) => m.state),
    show(s.monitor, (m) => String(m.events.filter((e) => e.event === "down").length)),
  ];
}

function verdict(e: EnvironmentStatus): string {
  const health = show(e.health, (h) => `${h.healthy ? "HEALTHY" : "UNHEALTHY"}, severity ${h.severity}`);
  const secrets =
    e.secrets.state === "recorded"
      ? `oldest ${e.secrets.secrets[0].ageDays} d (${e.secrets.secrets[0].name})`
      : e.secrets.state === "not recorded"
        ? "not recorded"
        : "unknown";
  return `${e.environment}: ${health === "unknown" ? "health unknown" : health}; secrets: ${secrets}`;
}

function eventLines(e: EnvironmentStatus): string[] {
  const lines: string[] = [];
  for (const s of e.services) {
    if (!s.monitor.known) continue;
    for (const ev of s.monitor.value.events) {
      const lasted = ev.durationSeconds !== undefined ? ` for ${Math.round(ev.durationSeconds / 60)} min` : "";
      lines.push(
        `${e.environment} ${s.service}: ${ev.event} at ${ev.at}${lasted}${ev.reason ? ` (${ev.reason})` : ""}`,
      );
    }
  }
  return lines;
}

function secretLines(e: EnvironmentStatus): string[] {
  if (e.secrets.state !== "recorded") return [];
  return e.secrets.secrets.map(
    (s) => `${e.environment} ${s.name}: ${s.ageDays} d (changed ${s.changedAt.slice(0, 10)})`,
  );
}

const HEAD = ["ENVIRONMENT", "SERVICE", "LIVE", "LIVE SINCE", "HEALTH", "MONITOR", "DOWN 24H"];

/** The report for a terminal: one row per service, then verdicts, events, secret ages and what needs attention. */
export function formatTable(report: StatusReport): string {
  const now = Date.parse(report.generatedAt);
  const rows = [HEAD];
  for (const e of report.environments)
    for (const s of e.services) rows.push([e.environment, s.service, ...cells(s, now)]);
  const out = [renderColumns(rows), "", ...report.environments.map(verdict)];
  const events = report.environments.flatMap(eventLines);
  if (events.length) out.push("", "monitor events of the last 24 hours:", ...events.map((l) => `  ${l}`));
  const ages = report.environments.flatMap(secretLines);
  if (ages.length) out.push("", "secret ages:", ...ages.map((l) => `  ${l}`));
  const attention = report.environments.flatMap((e) => e.attention);
  out.push("", attention.length ? `needs attention (${attention.length}):` : "all up and known");
  out.push(...attention.map((l) => `  ${l}`));
  return out.join("\n") + "\n";
}

const md = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** The report as GitHub-flavoured Markdown, for `$GITHUB_STEP_SUMMARY`. */
export function formatMarkdown(report: StatusReport): string {
  const now = Date.parse(report.generatedAt);
  const out = [`## Chef Chopsky status, ${report.generatedAt.slice(0, 16).replace("T", " ")} UTC`, ""];
  out.push(`| ${HEAD.map((h) => h.toLowerCase()).join(" | ")} |`, `|${HEAD.map(() => "---").join("|")}|`);
  for (const e of report.environments)
    for (const s of e.services) out.push(`| ${[e.environment, s.service, ...cells(s, now)].map(md).join(" | ")} |`);
  out.push("", ...report.environments.map((e) => `- ${md(verdict(e))}`));
  const attention = report.environments.flatMap((e) => e.attention);
  out.push("", attention.length ? `### Needs attention (${attention.length})` : "All up and known.");
  if (attention.length) out.push("", ...attention.map((l) => `- ${md(l)}`));
  const events = report.environments.flatMap(eventLines);
  if (events.length) out.push("", "### Monitor events of the last 24 hours", "", ...events.map((l) => `- ${md(l)}`));
  const ages = report.environments.flatMap(secretLines);
  if (ages.length) out.push("", "### Secret ages", "", ...ages.map((l) => `- ${md(l)}`));
  return out.join("\n") + "\n";
}
