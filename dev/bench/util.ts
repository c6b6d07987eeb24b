/** Shared helpers of the benchmarks: medians and timing of whole processes. */
import { spawnSync } from "node:child_process";

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

/** One benchmark's printed result. */
export interface BenchResult {
  name: string;
  lines: string[];
}
