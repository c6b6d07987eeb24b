/**
 * Where `npm run status` gets each stack's outputs: files written by `pulumi stack output --json` (CI does this), or
 * the command itself, run for each stack at once (`pulumi stack output --json --stack S`, no `--show-secrets`: the
 * status needs ids and URLs only, and secret outputs print as "[secret]").
 */
import { parseJson, readOptionFile } from "../../lib/cli";
import type { PulumiRunner } from "../pulumi";
import type { StackInput } from "./collect";

/** The first line of a command's error output, short. */
function firstLine(text: string): string {
  const line = text.split("\n").find((l) => l.trim() !== "") ?? "no error output";
  return line.trim().slice(0, 200);
}

/**
 * Reads one outputs file (`-`: standard input).
 * @returns the input, or a one-line error (bad input: the file was named by the user).
 */
export async function readOutputsFile(
  file: string,
): Promise<{ ok: true; input: StackInput } | { ok: false; error: string }> {
  const read = await readOptionFile("--outputs", file);
  if (!read.ok) return read;
  const parsed = parseJson(read.text);
  if (!parsed.ok) return { ok: false, error: `--outputs ${JSON.stringify(file)}: ${parsed.error}` };
  return { ok: true, input: { source: file, outputs: parsed.value } };
}

/**
 * Reads one stack's outputs with the Pulumi CLI. A failure (not logged in, no such stack) is that stack's unknown,
 * not an error of the whole report.
 */
export async function readStackOutputs(stack: string, run: PulumiRunner, timeoutMs: number): Promise<StackInput> {
  const args = ["stack", "output", "--json", "--stack", stack];
  const source = `pulumi ${args.join(" ")}`;
  const r = await run(args, { timeoutMs });
  if (r.code !== 0) return { source, stack, error: `${source} failed (exit ${r.code}): ${firstLine(r.stderr)}` };
  const parsed = parseJson(r.stdout);
  return parsed.ok ? { source, stack, outputs: parsed.value } : { source, stack, error: `${source}: ${parsed.error}` };
}
