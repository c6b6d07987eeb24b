/**
 * `npm run synth -- --stack S [--json FILE]`: the offline resource graph of a stack (README: "The synth format").
 * Exit 0, or 1 with the config errors and nothing else.
 */
import * as fs from "node:fs";
import { type CliIo, command, parse } from "../lib/cli";
import { ENVIRONMENT_NAMES } from "../lib/environments";
import { synthFailure, synthStack } from "./synth/index";
import { formatTree } from "./synth/format";

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const program = command("synth", io)
    .requiredOption("--stack <stack>", `the stack: ${ENVIRONMENT_NAMES.join(", ")}`)
    .option("--json <file>", "also write the synth JSON to this file");
  const opts = parse<{ stack: string; json?: string }>(program, argv);
  if (typeof opts === "number") return opts;
  const { stack, json } = opts;
  try {
    const result = await synthStack(stack);
    io.stdout(formatTree(result) + "\n");
    if (json) {
      fs.writeFileSync(json, JSON.stringify(result, null, 2) + "\n");
      io.stdout(`wrote ${json}\n`);
    }
    return 0;
  } catch (err) {
    io.stderr(synthFailure(stack, err));
    return 1;
  }
}
