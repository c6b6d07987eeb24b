// `npm run health -- --outputs FILE|- [--wait SECONDS] [--json] [--alert-webhook URL] [--timeout SECONDS]`:
// runs the `healthChecks` of a stack's outputs. Exit 0 healthy, 1 unhealthy, 2 bad input.
import { badInput, type CliIo, command, parse, readOptionFile, redactUrls, runScript, seconds } from "../lib/cli";
import { sendAlert } from "./health/alert";
import { alertText, formatJson, formatTable } from "./health/format";
import { isHttpUrl } from "../lib/formats";
import { parseOutputs } from "./health/outputs";
import { checkHealth } from "./health/report";
import { needsAlert } from "./health/severity";

/** Exit codes of the health tool. */
export const EXIT = { healthy: 0, unhealthy: 1, badInput: 2 } as const;

/** What {@link main} reads and writes, so that tests run it in-process. */
export interface HealthIo extends CliIo {
  /** Standard input, read for `--outputs -`. Default `process.stdin`. */
  stdin?: AsyncIterable<string | Uint8Array>;
}

interface CliOptions {
  outputs: string;
  wait: number;
  timeout: number;
  interval?: number;
  json: boolean;
  alertWebhook?: string;
}

function parseArgs(argv: readonly string[], io: HealthIo): CliOptions | number {
  // Commander quotes the arguments it rejects; a mistyped `--alert-webhok=URL` must not print the secret URL.
  const program = command("health", io, redactUrls)
    .description("Run the healthChecks of a stack's outputs (pulumi stack output --json).")
    .requiredOption("--outputs <file>", "the outputs JSON file, or - for standard input")
    .option(
      "--wait <seconds>",
      "re-poll failing checks until all pass or this time has passed",
      seconds(0, 3600, true),
      0,
    )
    .option("--timeout <seconds>", "per-check timeout", seconds(0, 600, false), 10)
    .option(
      "--interval <seconds>",
      "fixed re-poll interval with --wait (default 2 s growing to 5 s)",
      seconds(0, 60, false),
    )
    .option("--json", "print the report as JSON", false)
    .option(
      "--alert-webhook <url>",
      "Slack-compatible web-hook alerted when unhealthy or P3 (default $ALERT_WEBHOOK_URL)",
    );
  return parse<CliOptions>(program, argv);
}

/**
 * Runs the health tool.
 * @param argv - the arguments after the script name, e.g. `["--outputs", "out.json", "--json"]`.
 * @param io - standard output, error and input, and the environment.
 * @returns the exit code: 0 healthy, 1 unhealthy, 2 bad input.
 */
export async function main(argv: readonly string[], io: HealthIo): Promise<number> {
  const parsed = parseArgs(argv, io);
  if (typeof parsed === "number") return parsed;
  const fail = badInput("health", io);

  const env = io.env ?? process.env;
  const fromEnv = parsed.alertWebhook === undefined;
  const webhook = parsed.alertWebhook ?? (env.ALERT_WEBHOOK_URL || undefined);
  if (webhook !== undefined && !isHttpUrl(webhook)) {
    // The web-hook URL is a secret: the message names where it came from, never its value.
    return fail(`${fromEnv ? "ALERT_WEBHOOK_URL" : "--alert-webhook"}: expected an https or http URL`);
  }

  const read = await readOptionFile("--outputs", parsed.outputs, io.stdin);
  if (!read.ok) return fail(read.error);
  const outputs = parseOutputs(read.text);
  if (!outputs.ok) return fail(outputs.error);

  const timeoutMs = Math.round(parsed.timeout * 1000);
  const report = await checkHealth(outputs.outputs, {
    timeoutMs,
    waitMs: Math.round(parsed.wait * 1000),
    intervalMs: parsed.interval === undefined ? undefined : Math.round(parsed.interval * 1000),
    onRound: (round, current) => {
      const down = current.filter((r) => !r.ok).length;
      if (parsed.wait > 0 && down > 0) io.stderr(`health: round ${round}: ${down} of ${current.length} checks down\n`);
    },
  });

  if (webhook !== undefined && needsAlert(report.severity)) {
    report.alert = await sendAlert(webhook, alertText(report), { timeoutMs });
    if (!report.alert.sent) io.stderr(`health: ${report.alert.error}\n`);
  }

  io.stdout(parsed.json ? formatJson(report) : formatTable(report));
  return report.healthy ? EXIT.healthy : EXIT.unhealthy;
}

if (require.main === module) runScript("health", main, { code: EXIT.badInput, show: "message" });
