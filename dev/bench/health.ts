// Benchmark of the health checker: 10 local endpoints that each answer after 300 ms, checked in-process by the
// same function the CLI uses. The checks run concurrently, so a round should take about 300 ms, not 3 s.
// Result: median wall time of 5 rounds as a ratio to 300 ms (target <= 1.3).
import * as http from "node:http";
import type { HealthCheck } from "../../lib/health-checks";
import { runChecks } from "../../ops/health/runner";

const ENDPOINTS = 10;
const DELAY_MS = 300;
const RUNS = 5;
/** The ratio the benchmark aims to stay under. */
export const TARGET_RATIO = 1.3;

async function startSlowServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    const timer = setTimeout(
      () => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}'),
      DELAY_MS,
    );
    res.on("close", () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("bench: no port");
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs the benchmark.
 * @returns the name, the ratio of the median wall time of a round to one endpoint's 300 ms, and a detail line.
 */
export async function benchHealth(): Promise<{ name: string; ratio: number; detail: string }> {
  const servers = await Promise.all(Array.from({ length: ENDPOINTS }, startSlowServer));
  try {
    const checks: HealthCheck[] = servers.map((s, i) => ({
      name: `bench-${i}`,
      service: i % 2 === 0 ? "frontend" : "agent",
      environment: "production",
      url: `http://127.0.0.1:${s.port}/health`,
      expectStatus: 200,
      severity: "P1",
      expectJson: { status: "ok" },
    }));
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const { results } = await runChecks(checks, { timeoutMs: 5_000 });
      times.push(performance.now() - started);
      const bad = results.find((r) => r.kind !== "ok");
      if (bad !== undefined) throw new Error(`bench: ${bad.name} failed: ${bad.kind} ${bad.error ?? ""}`);
    }
    const wall = median(times);
    const ratio = Math.round((wall / DELAY_MS) * 100) / 100;
    const detail =
      `${ENDPOINTS} endpoints x ${DELAY_MS} ms, median of ${RUNS} runs ${Math.round(wall)} ms ` +
      `(runs: ${times.map((t) => Math.round(t)).join(", ")} ms; target <= ${TARGET_RATIO}x)`;
    return { name: "health: 10 concurrent checks", ratio, detail };
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}

if (require.main === module) {
  benchHealth().then(
    (result) => console.log(`${result.name}: ${result.ratio}x (${result.detail})`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
