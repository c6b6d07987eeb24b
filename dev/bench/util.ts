/** Shared helpers of the benchmarks: medians, timing of whole processes, tools run in-process, fakes' call logs, providers' config. */
import { spawnSync } from "node:child_process";
import type { ConfigureRequest } from "@pulumi/pulumi/dynamic";
import type { CliIo, Env } from "../../lib/cli";
import type { FakeServer } from "../../tests/fakes/server";
import { runMain } from "../../tests/run-main";

/** A duration for a report line: `123 ms`. */
export const ms = (n: number) => `${Math.round(n)} ms`;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall time of one process run, in milliseconds; throws with its stderr when it fails. */
export function timeProcess(command: string, args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  return ms;
}

/** Runs a deploy tool's `main` in-process with `env`, returning its stdout; throws on a non-zero exit. */
export async function runTool(
  name: string,
  main: (argv: readonly string[], io: CliIo & { env: Env }) => Promise<number>,
  argv: string[],
  env: Env,
): Promise<string> {
  const { code, stdout, stderr } = await runMain(main, argv, { env });
  if (code !== 0) throw new Error(`bench: ${name} ${argv.join(" ")} exited ${code}: ${stderr.slice(-300)}`);
  return stdout;
}

/** A fake's logged calls: `N calls, W writes (op x, op y)`, by operation in the order first seen. */
export function callSummary(fake: FakeServer): string {
  const byOp = new Map<string, number>();
  for (const c of fake.calls) byOp.set(c.operation, (byOp.get(c.operation) ?? 0) + 1);
  const writes = fake.calls.filter((c) => c.write).length;
  return `${fake.calls.length} calls, ${writes} writes (${[...byOp].map(([op, n]) => `${op} ${n}`).join(", ")})`;
}

/** What a dynamic provider's `configure` is handed: a stack config holding one credential. */
export function stackConfig(key: string, value: string): ConfigureRequest {
  const get = (k: string) => (k === key ? value : undefined);
  return { config: { get, require: (k) => get(k) ?? "" } };
}

/** One benchmark's printed result. */
export interface BenchResult {
  name: string;
  lines: string[];
}
