// `npm run policy -- --stack S` or `npm run policy -- --synth FILE [--json]`: runs the real policy pack (policy/)
// over a stack's synth JSON through the analyzer's gRPC protocol, as `pulumi preview --policy-pack policy` does.
// Exit 0 when no mandatory violation (advisory ones are printed), 1 on a mandatory one or a failed synth, 2 bad input.
import { readFile } from "node:fs/promises";
import { badInput, type CliIo, command, parse } from "../lib/cli";
import { ENVIRONMENT_NAMES } from "../lib/environments";
import { formatResult } from "./policy/format";
import { type PolicyResult, PolicySession, runPolicy, type Violation } from "./policy/session";
import { SynthJsonError } from "./policy/synth-json";

/** Exit codes of the policy tool. */
export const EXIT = { clean: 0, mandatory: 1, badInput: 2 } as const;

interface CliOptions {
  stack?: string;
  synth?: string;
  json: boolean;
}

function parseArgs(argv: readonly string[], io: CliIo): CliOptions | number {
  const program = command("policy", io)
    .description("Run the chef-chopsky-isolation policy pack over a stack, offline, via the analyzer protocol.")
    .option("--stack <name>", `synthesize this stack first (${ENVIRONMENT_NAMES.join(", ")})`)
    .option("--synth <file>", "a synth JSON file (npm run synth -- --stack S --json FILE)")
    .option("--json", "print the violations as JSON instead of text", false);
  const opts = parse<CliOptions>(program, argv);
  if (typeof opts === "number") return opts;
  if ((opts.stack === undefined) === (opts.synth === undefined)) {
    return badInput("policy", io)("give exactly one of --stack <name> or --synth <file>");
  }
  return opts;
}

async function loadSynth(opts: CliOptions): Promise<unknown> {
  if (opts.synth !== undefined) {
    const text = await readFile(opts.synth, "utf8");
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new SynthJsonError(`${opts.synth} is not JSON: ${(err as Error).message}`);
    }
  }
  // Loaded here, not at the top: `--synth FILE` never needs the Pulumi program or the SDK.
  const { synthStack, policyView } = await import("./synth/index");
  return policyView(await synthStack(opts.stack ?? ""));
}

/**
 * Runs the tool; resolves to the exit code. `session` reuses a running pack (tests, `npm run plan`) instead of
 * starting one for this run.
 */
export async function main(argv: readonly string[], io: CliIo, session?: PolicySession): Promise<number> {
  const opts = parseArgs(argv, io);
  if (typeof opts === "number") return opts;
  let synth: unknown;
  try {
    synth = await loadSynth(opts);
  } catch (err) {
    io.stderr(`policy: ${(err as Error).message}\n`);
    // A missing or malformed file is bad input; a synth that fails (invalid config) fails the stack like the CLI.
    return opts.synth !== undefined ? EXIT.badInput : EXIT.mandatory;
  }
  let result: PolicyResult;
  try {
    result = session !== undefined ? await session.run(synth) : await runPolicy(synth);
  } catch (err) {
    io.stderr(`policy: ${(err as Error).message}\n`);
    return err instanceof SynthJsonError ? EXIT.badInput : EXIT.mandatory;
  }
  const stack = (synth as { stack?: string }).stack ?? opts.stack ?? "?";
  if (opts.json) io.stdout(`${JSON.stringify(result satisfies { violations: Violation[] }, null, 2)}\n`);
  else io.stdout(`${formatResult(stack, result)}\n`);
  return result.mandatory > 0 ? EXIT.mandatory : EXIT.clean;
}
