/**
 * `npm run synth -- --stack S [--json FILE]`: the offline resource graph of a stack (README: "The synth format").
 * Exit 0, or 1 with the config errors and nothing else.
 */
import * as fs from "node:fs";
import { ConfigError } from "../config";
import { command, parse } from "../lib/cli";
import { ENVIRONMENT_NAMES } from "../lib/environments";
import { synthStack } from "./synth/index";
import { formatTree } from "./synth/format";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const program = command("synth", { stdout: io.out, stderr: io.err })
    .requiredOption("--stack <stack>", `the stack: ${ENVIRONMENT_NAMES.join(", ")}`)
    .option("--json <file>", "also write the synth JSON to this file");
  const opts = parse<{ stack: string; json?: string }>(program, argv);
  if (typeof opts === "number") return opts;
  const { stack, json } = opts;
  try {
    const result = await synthStack(stack);
    io.out(formatTree(result) + "\n");
    if (json) {
      fs.writeFileSync(json, JSON.stringify(result, null, 2) + "\n");
      io.out(`wrote ${json}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message + "\n");
      return 1;
    }
    io.err(`synth of ${stack} failed: ${(err as Error).message}\n`);
    return 1;
  }
}

/** The command line (`npm run synth`, through dev/run.js): the process's arguments and streams, its exit code. */
export function cli(argv = process.argv.slice(2)): void {
  void main(argv, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then((code) =>
    process.exit(code),
  );
}

if (require.main === module) cli();
