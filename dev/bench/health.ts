// Benchmark of the health checker: 10 local endpoints that each answer after 300 ms, checked in-process by the
// same function the CLI uses. The checks run concurrently, so a round should take about 300 ms, not 3 s.
// Result: median wall time of 5 rounds as a ratio to 300 ms (target <= 1.3).
import { runChecks } from "../../ops/health/runner";
import { makeCheck, reply, startServer } from "../../tests/health-helpers";
import { type BenchResult, median } from "./util";

const ENDPOINTS = 10;
const DELAY_MS = 300;
const RUNS = 5;
/** The ratio the benchmark aims to stay under. */
const TARGET_RATIO = 1.3;

/**
 * Runs the benchmark.
 * @returns its name, and the median wall time of a round with its ratio to one endpoint's 300 ms.
 */
export async function benchHealth(): Promise<BenchResult> {
  const servers = await Promise.all(
    Array.from({ length: ENDPOINTS }, () => startServer(reply(200, { status: "ok" }, DELAY_MS))),
  );
  try {
    const checks = servers.map((s, i) =>
      makeCheck({
        name: `bench-${i}`,
        service: i % 2 === 0 ? "frontend" : "agent",
        url: `${s.origin}/health`,
        expectJson: { status: "ok" },
      }),
    );
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const { results } = await runChecks(checks, { timeoutMs: 5_000 });
      times.push(performance.now() - started);
      const bad = results.find((r) => r.kind !== "ok");
      if (bad !== undefined) throw new Error(`bench: ${bad.name} failed: ${bad.kind} ${bad.error ?? ""}`);
    }
    const wall = median(times);
    const detail =
      `${ENDPOINTS} endpoints x ${DELAY_MS} ms, median of ${RUNS} runs ${Math.round(wall)} ms ` +
      `(runs: ${times.map((t) => Math.round(t)).join(", ")} ms; target <= ${TARGET_RATIO}x)`;
    return { name: "health: 10 concurrent checks", lines: [detail] };
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}
