/**
 * `npm run bench`: every benchmark of the project, measured in this one run and printed as ratios or counts.
 * Targets live here, never in timed unit tests (the machines are shared and noisy).
 */
import { benchHealth } from "./health";
import { benchPolicy } from "./policy";
import { benchRailway } from "./railway";
import { benchStatus } from "./status";
import { benchRotation } from "./rotation";
import { benchStartup } from "./startup";
import { benchUptimeRobot } from "./uptimerobot";
import type { BenchResult } from "./util";

/** `--compare DIR`: also measure the start-up commands in another checkout, in the same runs. */
const argv = process.argv.slice(2);
const compareAt = argv.indexOf("--compare");
const compare = compareAt >= 0 ? argv[compareAt + 1] : undefined;
const only = argv.filter((a, i) => !a.startsWith("--") && !(compareAt >= 0 && i === compareAt + 1));

const benches: [string, () => Promise<BenchResult>][] = [
  ["startup", () => benchStartup(compare)],
  ["policy", benchPolicy],
  ["health", benchHealth],
  ["uptimerobot", benchUptimeRobot],
  ["railway", benchRailway],
  ["status", benchStatus],
  ["rotation", benchRotation],
];

async function main(): Promise<number> {
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
