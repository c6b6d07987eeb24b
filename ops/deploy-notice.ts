// `npx ts-node --transpile-only ops/deploy-notice.ts --outputs FILE [--commit SHA] [--run-url URL] [--timeout S]`:
// tells the team that a deploy succeeded (runbook, post-deployment checklist: "Team is notified of deployment"). It
// runs the stack's health checks once (ops/health, as `npm run health` does) and posts one Slack-compatible message
// to the team's web-hook: the environment, the commit, the URLs and the health verdict. The web-hook URL comes from
// env ALERT_WEBHOOK_URL only and is never printed: not in the output, not in an error, not on a command line.
import { badInput, type CliIo, command, parse, readOptionFile, redactUrls, runScript, seconds } from "../lib/cli";
import { sendAlert } from "./health/alert";
import { verdictText } from "./health/format";
import { isHttpUrl } from "../lib/formats";
import { parseOutputs, type HealthOutputs } from "./health/outputs";
import { checkHealth, type HealthReport, problemChecks } from "./health/report";

/** Exit codes of the notice tool. */
export const EXIT = { sent: 0, notSent: 1, badInput: 2 } as const;

interface CliOptions {
  outputs: string;
  commit?: string;
  runUrl?: string;
  timeout: number;
}

/**
 * The notice: who deployed what where, and how healthy it is now.
 * @param outputs - the stack's outputs.
 * @param commit - the deployed commit.
 * @param health - the health report of the checks just run.
 * @param runUrl - the CI run, when known.
 */
export function noticeText(outputs: HealthOutputs, commit: string, health: HealthReport, runUrl?: string): string {
  const lines = [`Chef Chopsky ${outputs.environment} deployed: commit ${commit.slice(0, 12)}`];
  if (outputs.frontendUrl) lines.push(`- frontend: ${outputs.frontendUrl}`);
  if (outputs.agentUrl) lines.push(`- agent: ${outputs.agentUrl}`);
  lines.push(`- health: ${verdictText(health)}`);
  for (const c of problemChecks(health)) lines.push(`  - ${c.name}: ${c.kind}${c.error ? ` (${c.error})` : ""}`);
  if (runUrl) lines.push(runUrl);
  return lines.join("\n");
}

function parseArgs(argv: readonly string[], io: CliIo): CliOptions | number {
  // Commander quotes what it rejects: a web-hook URL pasted as an argument must not be printed.
  const program = command("deploy-notice", io, redactUrls)
    .description("Post a deploy notice to the team web-hook ($ALERT_WEBHOOK_URL).")
    .requiredOption("--outputs <file>", "the stack's `pulumi stack output --json`")
    .option("--commit <sha>", "the deployed commit (default $GITHUB_SHA)")
    .option("--run-url <url>", "the CI run, linked in the notice")
    .option("--timeout <seconds>", "timeout of each health check and of the web-hook call", seconds(0, 600), 10);
  return parse<CliOptions>(program, argv);
}

/**
 * Runs the notice tool.
 * @returns 0 sent, 1 the web-hook did not take it, 2 bad input.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, io);
  if (typeof parsed === "number") return parsed;
  const fail = badInput("deploy-notice", io);
  const env = io.env ?? process.env;
  const webhook = env.ALERT_WEBHOOK_URL || undefined;
  if (webhook === undefined)
    return fail("ALERT_WEBHOOK_URL is not set (the web-hook is read from the environment only)");
  if (!isHttpUrl(webhook)) return fail("ALERT_WEBHOOK_URL: expected an https or http URL");
  const commit = parsed.commit ?? env.GITHUB_SHA;
  if (!commit || !/^[0-9a-f]{7,40}$/i.test(commit)) return fail("--commit (or GITHUB_SHA): expected a git commit sha");
  if (parsed.runUrl !== undefined && !isHttpUrl(parsed.runUrl)) return fail("--run-url: expected an https or http URL");

  const read = await readOptionFile("--outputs", parsed.outputs);
  if (!read.ok) return fail(read.error);
  const outputs = parseOutputs(read.text);
  if (!outputs.ok) return fail(outputs.error);
  const timeoutMs = Math.round(parsed.timeout * 1000);
  const health = await checkHealth(outputs.outputs, { timeoutMs });
  const notice = noticeText(outputs.outputs, commit, health, parsed.runUrl);
  io.stdout(`${notice}\n`);
  const sent = await sendAlert(webhook, notice, { timeoutMs });
  if (!sent.sent) {
    io.stderr(`deploy-notice: not sent: ${sent.error}\n`);
    return EXIT.notSent;
  }
  io.stdout("deploy-notice: sent to the team web-hook\n");
  return EXIT.sent;
}

if (require.main === module) runScript("deploy-notice", main, { code: EXIT.badInput, show: "kind" });
