// `npm run status [-- --outputs FILE ...] [--stack S ...] [--json | --markdown] [--timeout SECONDS]`: the runbook's
// daily check in one command. For each environment: the commit live on Vercel and on Railway and since when, the
// health verdicts as `npm run health` gives them, each monitor's state and its alerts of the last 24 hours, and the
// age of the secrets once the stack records it. Tokens come from the environment only (see README, "npm run status").
import { badInput, type CliIo, command, hideOptionValues, parse, runScript, seconds } from "../lib/cli";
import { ENVIRONMENT_NAMES } from "../lib/environments";
import { collectStatus, type StackInput } from "./status/collect";
import { formatJson } from "./health/format";
import { formatMarkdown, formatTable } from "./status/format";
import { type PulumiRunner, pulumiRunner } from "./pulumi";
import { readOutputsFile, readStackOutputs } from "./status/inputs";

/** Exit codes of the status tool. */
export const EXIT = { ok: 0, attention: 1, badInput: 2 } as const;

/** What {@link main} reads and writes, so that tests and the benchmark run it in-process. */
export interface StatusIo extends CliIo {
  /** How `pulumi stack output` is run. Default the CLI found through `PULUMI_BIN` or the PATH. */
  run?: PulumiRunner;
}

interface CliOptions {
  outputs: string[];
  stack: string[];
  json: boolean;
  markdown: boolean;
  timeout: number;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function parseArgs(argv: readonly string[], io: StatusIo): CliOptions | number {
  const program = command("status", io, hideOptionValues)
    .description("The daily check: live commits, health, monitors and secret ages of every environment.")
    .option(
      "--outputs <file>",
      "a stack's `pulumi stack output --json` (repeatable; default: run it per stack)",
      collect,
      [],
    )
    .option(
      "--stack <name>",
      `a stack to read with the Pulumi CLI (repeatable; default: ${ENVIRONMENT_NAMES.join(", ")})`,
      collect,
      [],
    )
    .option("--json", "print the report as JSON", false)
    .option("--markdown", "print the report as Markdown (for $GITHUB_STEP_SUMMARY)", false)
    .option("--timeout <seconds>", "timeout of each call", seconds(0, 600), 10);
  const options = parse<CliOptions>(program, argv);
  if (typeof options === "number") return options;
  const bad = badInput("status", io);
  if (options.json && options.markdown) return bad("--json and --markdown exclude each other");
  if (options.outputs.length > 0 && options.stack.length > 0)
    return bad("give --outputs files or --stack names, not both");
  return options;
}

/**
 * Runs the status tool.
 * @param argv - the arguments after the script name.
 * @param io - output, environment, command runner and clock.
 * @returns 0 all up and known, 1 something needs attention (down, paused, an alert, or unknown), 2 bad input.
 */
export async function main(argv: readonly string[], io: StatusIo): Promise<number> {
  const parsed = parseArgs(argv, io);
  if (typeof parsed === "number") return parsed;
  const timeoutMs = Math.round(parsed.timeout * 1000);
  let inputs: StackInput[];
  if (parsed.outputs.length > 0) {
    const read = await Promise.all(parsed.outputs.map(readOutputsFile));
    const unreadable = read.find((r) => !r.ok);
    if (unreadable && !unreadable.ok) return badInput("status", io)(unreadable.error);
    inputs = read.flatMap((r) => (r.ok ? [r.input] : []));
  } else {
    const stacks = parsed.stack.length > 0 ? parsed.stack : [...ENVIRONMENT_NAMES];
    const run = io.run ?? pulumiRunner(process.env);
    // `pulumi stack output` can take a few seconds per stack: all at once, each with room for a cold start.
    inputs = await Promise.all(stacks.map((s) => readStackOutputs(s, run, Math.max(timeoutMs, 60_000))));
  }
  const report = await collectStatus(inputs, { env: io.env ?? process.env, timeoutMs });
  io.stdout(parsed.json ? formatJson(report) : parsed.markdown ? formatMarkdown(report) : formatTable(report));
  return report.environments.some((e) => e.attention.length > 0) ? EXIT.attention : EXIT.ok;
}

if (require.main === module) runScript("status", main, { code: EXIT.badInput, show: "kind" });
