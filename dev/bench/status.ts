// `npm run status` against the local fakes with every endpoint slow (each answer 300 ms late): the API calls of one
// run, by service, and its wall time. The calls run at once, so a run should take about one slow answer, not the
// sum of them. Result: median wall time of 3 in-process runs, as a ratio to 300 ms.
import { setTimeout as sleep } from "node:timers/promises";
import { main } from "../../ops/status";
import { startStatusWorld } from "../../tests/fakes/status-world";
import { median } from "./util";

const DELAY_MS = 300;
const RUNS = 3;
/** The ratio the benchmark aims to stay under. */
export const TARGET_RATIO = 1.5;

/**
 * Runs the benchmark.
 * @returns its name and lines: the calls of one run by service and operation, and the wall time.
 */
export async function benchStatus(): Promise<{ name: string; lines: string[] }> {
  const w = await startStatusWorld();
  try {
    for (const fake of w.fakes) fake.inject({ kind: "slow", delayMs: DELAY_MS }, 1_000);
    w.healthGate = () => sleep(DELAY_MS);
    const times: number[] = [];
    let calls = "";
    let total = 0;
    for (let run = 0; run < RUNS; run++) {
      for (const fake of w.fakes) fake.resetCalls();
      w.health.requests.length = 0;
      const started = performance.now();
      const argv = w.outputFiles.flatMap((f) => ["--outputs", f]);
      const code = await main(argv, { stdout: () => {}, stderr: () => {}, env: w.env });
      times.push(performance.now() - started);
      if (code !== 0) throw new Error(`bench: status exited ${code}`);
      const parts: [string, number][] = [
        ["Vercel", w.vercel.calls.length],
        ["Railway", w.railway.production.calls.length + w.railway.staging.calls.length],
        ["UptimeRobot", w.uptimeRobot.calls.length],
        ["health checks", w.health.requests.length],
      ];
      total = parts.reduce((n, [, c]) => n + c, 0);
      calls = parts.map(([name, n]) => `${name} ${n}`).join(", ");
    }
    const wall = median(times);
    const ratio = Math.round((wall / DELAY_MS) * 100) / 100;
    return {
      name: "status: one `npm run status` of 2 environments, every endpoint 300 ms slow",
      lines: [
        `API calls: ${total} (${calls}); one after another they would take ${total * DELAY_MS} ms`,
        `wall time: median of ${RUNS} runs ${Math.round(wall)} ms = ${ratio}x one slow answer ` +
          `(runs: ${times.map((t) => Math.round(t)).join(", ")} ms; target <= ${TARGET_RATIO}x)`,
      ],
    };
  } finally {
    await w.stop();
  }
}
