/**
 * `npm run bench`: every benchmark of the project, measured in this one run and printed as ratios or counts.
 * Targets live here, never in timed unit tests (the machines are shared and noisy).
 */
import { benchHealth } from "./health";
import { benchPolicy } from "./policy";
import { benchRailway } from "./railway";
import { benchStatus } from "./status";
import { benchRotation } from "./rotation";
import { benchSynth } from "./synth";
import { benchUptimeRobot } from "./uptimerobot";
import type { BenchResult } from "./util";

const benches: [string, () => Promise<BenchResult>][] = [
  ["synth", benchSynth],
  ["policy", benchPolicy],
  [
    "health",
    async () => {
      const r = await benchHealth();
      return { name: r.name, lines: [r.detail] };
    },
  ],
  ["uptimerobot", benchUptimeRobot],
  ["railway", benchRailway],
  ["status", benchStatus],
  ["rotation", benchRotation],
];

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  let failed = 0;
  for (const [key, run] of benches) {
    if (only.length && !only.includes(key)) continue;
    try {
      const r = await run();
      console.log([r.name, ...r.lines.map((l) => `  ${l}`)].join("\n"));
    } catch (err) {
      failed++;
      console.error(`${key}: failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return failed ? 1 : 0;
}

void main().then((code) => process.exit(code));
