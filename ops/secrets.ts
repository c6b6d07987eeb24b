// `npm run secrets -- --outputs FILE|- [--production FILE] [--now YYYY-MM-DD] [--json | --markdown]`: the age of a
// stack's secrets, from its outputs (`pulumi stack output --json`). Secrets unchanged for longer than the rotation
// period are listed at P3 with the command that rotates each. With `--production`, a staging stack's secrets are also
// compared with production's (for a staging stack that has no StackReference to production).
// Exit 0 (P3 included: it goes to the backlog, as the health tool's P3), 1 a secret shared with production, 2 bad input.
import { PRODUCTION } from "../lib/environments";
import { InvalidArgumentError } from "commander";
import { badInput, type CliIo, command, parse, readOptionFile, runScript } from "../lib/cli";
import { formatJson } from "./health/format";
import { buildSecretReport, formatSecretMarkdown, formatSecretTable, parseSecretOutputs } from "./secrets/report";

/** Exit codes of the secrets tool. */
export const EXIT = { ok: 0, reused: 1, badInput: 2 } as const;

/** What {@link main} reads and writes, so that tests run it in-process. */
export interface SecretsIo extends CliIo {
  /** Standard input, read for `--outputs -`. Default `process.stdin`. */
  stdin?: AsyncIterable<string | Uint8Array>;
}

interface CliOptions {
  outputs: string;
  production?: string;
  now?: Date;
  json: boolean;
  markdown: boolean;
}

function date(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new InvalidArgumentError("expected a date YYYY-MM-DD.");
  return new Date(`${value}T00:00:00Z`);
}

/**
 * Runs the secrets tool.
 * @param argv - the arguments after the script name, e.g. `["--outputs", "out.json", "--markdown"]`.
 * @returns the exit code: 0 ok (P3 included), 1 a secret shared with production, 2 bad input.
 */
export async function main(
  argv: readonly string[],
  io: SecretsIo,
  now: () => Date = () => new Date(),
): Promise<number> {
  const program = command("secrets", io)
    .description("Report the age of a stack's secrets from its outputs (pulumi stack output --json).")
    .requiredOption("--outputs <file>", "the outputs JSON file, or - for standard input")
    .option("--production <file>", "production's outputs JSON file: compare a staging stack's secrets with them")
    .option("--now <date>", "report as of this UTC date (YYYY-MM-DD) instead of today", date)
    .option("--json", "print the report as JSON", false)
    .option("--markdown", "print the report as Markdown (for $GITHUB_STEP_SUMMARY)", false);
  const opts = parse<CliOptions>(program, argv);
  if (typeof opts === "number") return opts;
  const fail = badInput("secrets", io);
  if (opts.json && opts.markdown) return fail("--json and --markdown: choose one");

  const load = async (file: string, what: string) => {
    const read = await readOptionFile(what, file, io.stdin);
    return read.ok ? parseSecretOutputs(read.text, what) : read;
  };
  const outputs = await load(opts.outputs, "--outputs");
  if (!outputs.ok) return fail(outputs.error);
  let production;
  if (opts.production !== undefined) {
    const loaded = await load(opts.production, "--production");
    if (!loaded.ok) return fail(loaded.error);
    if (outputs.outputs.environment === PRODUCTION.name || loaded.outputs.environment !== PRODUCTION.name)
      return fail(
        "--production compares another stack's outputs (--outputs: staging, …) with production's (--production)",
      );
    production = loaded.outputs;
  }

  const report = buildSecretReport(outputs.outputs, opts.now ?? now(), production);
  io.stdout(opts.json ? formatJson(report) : opts.markdown ? formatSecretMarkdown(report) : formatSecretTable(report));
  return (report.reused?.length ?? 0) > 0 ? EXIT.reused : EXIT.ok;
}

if (require.main === module) runScript("secrets", main, { code: EXIT.badInput, show: "message" });
