// `npm run status` against the local fakes: what it reports, that it only reads, that every call is in flight at
// once (a barrier, not a stopwatch), and that an unreachable service is unknown, not a crash.
import * as assert from "node:assert/strict";
import { EXIT, main } from "../ops/status";
import type { StatusReport } from "../ops/status/report";
import { Barrier, gate } from "./fakes/barrier";
import { startStatusWorld, type StatusWorld, WORLD } from "./fakes/status-world";
import { closedPort } from "./health-helpers";
import { runMain } from "./run-main";

async function run(w: StatusWorld, argv: string[], env: Record<string, string | undefined> = w.env) {
  const { code, stdout, stderr } = await runMain(main, argv, { env });
  return { code, stdout, stderr };
}
const both = (w: StatusWorld) => w.outputFiles.flatMap((f) => ["--outputs", f]);
const report = (stdout: string) => JSON.parse(stdout) as StatusReport;
const env = (r: StatusReport, name: string) => r.environments.find((e) => e.environment === name)!;
const service = (r: StatusReport, name: string, s: string) => env(r, name).services.find((x) => x.service === s)!;

describe("npm run status", () => {
  let w: StatusWorld;
  beforeEach(async () => {
    w = await startStatusWorld();
  });
  afterEach(() => w.stop());

  it("shows each environment's live commits, since when, health, monitors and secret ages", async () => {
    const { code, stdout } = await run(w, [...both(w), "--json"]);
    assert.equal(code, EXIT.ok, stdout);
    const r = report(stdout);
    assert.deepEqual(
      r.environments.map((e) => e.environment),
      ["production", "staging"],
    );
    const prodFront = service(r, "production", "frontend").deployment;
    assert.ok(prodFront.known);
    assert.deepEqual([prodFront.value.id, prodFront.value.commit], ["dpl_prodLive", WORLD.production.frontend]);
    assert.equal(prodFront.value.liveSince, new Date(w.vercel.deployments[1].ready!).toISOString());
    // Staging is the staging branch's newest READY preview, not a newer feature branch's.
    const stagingFront = service(r, "staging", "frontend").deployment;
    assert.ok(stagingFront.known);
    assert.deepEqual([stagingFront.value.id, stagingFront.value.commit], ["dpl_stagingLive", WORLD.staging.frontend]);
    for (const e of ["production", "staging"] as const) {
      const agent = service(r, e, "agent").deployment;
      const live = w.railway[e].latest()!;
      assert.ok(agent.known);
      assert.deepEqual(
        [agent.value.platform, agent.value.id, agent.value.commit],
        ["Railway", live.id, WORLD[e].agent],
      );
      assert.equal(agent.value.liveSince, new Date(live.statusAt!).toISOString());
      const monitor = service(r, e, "agent").monitor;
      assert.ok(monitor.known);
      assert.deepEqual([monitor.value.id, monitor.value.state], [w.monitors[e].agent, "up"]);
      assert.deepEqual(env(r, e).health, { known: true, value: { healthy: true, severity: "none" } });
      assert.deepEqual(env(r, e).secrets, { state: "not recorded" });
      assert.deepEqual(env(r, e).attention, []);
    }
  });

  it("only reads: GETs, getMonitors and GraphQL queries, with the documented filters", async () => {
    await run(w, both(w));
    for (const fake of w.fakes) assert.equal(fake.count({ write: true }), 0, fake.constructor.name);
    const lists = w.vercel.calls.filter((c) => c.operation === "listDeployments");
    const vercelQueries = lists.map((c) => new URL(c.path, "http://x").searchParams);
    assert.deepEqual(
      vercelQueries.map((q) => [q.get("target"), q.get("branch"), q.get("state")]).sort(),
      [
        ["production", null, "READY"],
        ["preview", "staging", "READY"],
      ].sort(),
    );
    // Each frontend's host is asked which deployment it serves (here the local site, unknown to Vercel: the fallback).
    assert.equal(w.vercel.count({ operation: "getDeployment" }), 2);
    const form = new URLSearchParams(w.uptimeRobot.calls[0].body);
    assert.equal(form.get("logs"), "1");
    const start = Number(form.get("logs_start_date"));
    const end = Number(form.get("logs_end_date"));
    assert.ok(end - start >= 86_399 && end - start <= 86_401, `${start}..${end}`);
    assert.equal(w.railway.production.count({ operation: "deployments" }), 1);
  });

  it("shows the deployment the frontend host serves after an Instant Rollback, not the newest READY one", async () => {
    const hosts = {
      ...w.env,
      VERCEL_FRONTEND_HOST_PRODUCTION: w.vercel.productionHost,
      VERCEL_FRONTEND_HOST_STAGING: "chef-chopsky-git-staging.vercel.app",
    };
    const rollback = await fetch(`${w.vercel.url}/v1/projects/${w.vercel.projectId}/rollback/dpl_prodOld`, {
      method: "POST",
      headers: { authorization: `Bearer ${w.vercel.token}` },
    });
    assert.equal(rollback.status, 201);
    const { stdout } = await run(w, [...both(w), "--json"], hosts);
    const prodFront = service(report(stdout), "production", "frontend").deployment;
    assert.ok(prodFront.known);
    assert.deepEqual([prodFront.value.id, prodFront.value.commit], ["dpl_prodOld", "0".repeat(40)]);
    const stagingFront = service(report(stdout), "staging", "frontend").deployment;
    assert.ok(stagingFront.known);
    assert.equal(stagingFront.value.id, "dpl_stagingLive");
  });

  it("sends every call at once: all 12 are in flight before any is answered", async () => {
    // Per environment: the frontend host's deployment and the newest READY one, the agent, the health checks (2);
    // and one getMonitors per stack.
    const barrier = new Barrier(12);
    for (const [i, fake] of w.fakes.entries()) gate(fake, barrier, `fake${i}`);
    w.healthGate = (path) => barrier.arrive(`health ${path}`);
    const { code, stdout } = await run(w, [...both(w), "--json", "--timeout", "4"]);
    assert.equal(barrier.timedOut, false, `only ${barrier.openedAt} arrived together: ${barrier.arrivals.join(", ")}`);
    assert.equal(barrier.openedAt, 12);
    assert.equal(code, EXIT.ok, stdout);
  });

  it("shows an unreachable service, a refused token and a missing token as unknown, and carries on", async () => {
    const port = await closedPort();
    const broken = {
      ...w.env,
      RAILWAY_API_URL_PRODUCTION: `http://127.0.0.1:${port}/graphql/v2`,
      RAILWAY_TOKEN_STAGING: "rw-wrong-token-0000",
      VERCEL_TOKEN: undefined,
    };
    const { code, stdout } = await run(w, [...both(w), "--json", "--timeout", "2"], broken);
    assert.equal(code, EXIT.attention);
    const r = report(stdout);
    const prodAgent = service(r, "production", "agent").deployment;
    assert.ok(!prodAgent.known);
    assert.match(prodAgent.reason, /^Railway deployments failed: network error ECONNREFUSED/);
    const stagingAgent = service(r, "staging", "agent").deployment;
    assert.ok(!stagingAgent.known);
    assert.match(stagingAgent.reason, /Not Authorized/);
    const front = service(r, "staging", "frontend").deployment;
    assert.deepEqual(front, { known: false, reason: "no VERCEL_TOKEN in the environment" });
    // Everything else is still read.
    assert.ok(service(r, "production", "agent").monitor.known && env(r, "production").health.known);
    assert.match(env(r, "production").attention.join("\n"), /production agent: live deployment unknown/);
    assert.ok(!stdout.includes("rw-wrong-token-0000") && !stdout.includes(w.env.RAILWAY_TOKEN_PRODUCTION));
  });

  it("reports a monitor down, its alerts of the last 24 hours (not older), and an unhealthy stack", async () => {
    const now = Math.floor(Date.now() / 1000);
    const agent = w.monitors.staging.agent;
    w.uptimeRobot.dashboardEditMonitor(agent, { status: 9 });
    const reason = { code: "503", detail: "Service Unavailable" };
    w.uptimeRobot.recordLog(agent, { type: 1, datetime: now - 3 * 3600, duration: 240, reason });
    w.uptimeRobot.recordLog(agent, { type: 1, datetime: now - 30 * 3600, duration: 60, reason });
    w.uptimeRobot.dashboardEditMonitor(w.monitors.production.frontend, { status: 0 });
    w.healthStatus["/staging/agent"] = 503;
    const { code, stdout } = await run(w, [...both(w), "--markdown"]);
    assert.equal(code, EXIT.attention);
    assert.match(stdout, /^\| staging \| agent \| Railway d4d4d4d4d4d4 \| .* \| status \| down \| 1 \|$/m);
    assert.match(stdout, /^- staging: UNHEALTHY, severity P2; secrets: not recorded$/m);
    assert.match(stdout, /^- production frontend monitor: paused$/m);
    assert.match(stdout, /^- staging agent monitor: 1 down alert in the last 24 hours$/m);
    assert.match(stdout, /^- staging agent: down at .* for 4 min \(503 Service Unavailable\)$/m);
    assert.equal(stdout.match(/staging agent: down at/g)?.length, 1, "the 30-hour-old alert is not shown");
  });

  it("shows the secret ages a stack records, oldest first", async () => {
    const changed = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
    const fingerprint = (digit: string) => "hmac-sha256:" + digit.repeat(64);
    w.outputs.production.secretAges = {
      rotationDays: 90,
      keyId: fingerprint("0"),
      secrets: {
        PRODUCTION_OPENAI_API_KEY: { fingerprint: fingerprint("1"), changed: changed(100) },
        VERCEL_TOKEN: { fingerprint: fingerprint("2"), changed: changed(3) },
      },
    };
    w.writeOutputs();
    const { stdout } = await run(w, [...both(w)]);
    assert.match(stdout, /^production: HEALTHY, severity none; secrets: oldest 100 d \(PRODUCTION_OPENAI_API_KEY\)$/m);
    assert.match(stdout, /^ {2}production VERCEL_TOKEN: 3 d /m);
    assert.match(stdout, /^staging: HEALTHY, severity none; secrets: not recorded$/m);
  });

  it("reads each declared stack with `pulumi stack output --json`, all at once; a failing one is unknown", async () => {
    const calls: string[] = [];
    let inFlight = 0;
    let most = 0;
    const runCommand = async (args: readonly string[]) => {
      calls.push(["pulumi", ...args].join(" "));
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      const stack = args.at(-1) as "production" | "staging";
      if (stack === "staging") return { code: 255, stdout: "", stderr: "error: no stack named 'staging' found\n" };
      return { code: 0, stdout: JSON.stringify(w.outputs[stack]), stderr: "" };
    };
    let stdout = "";
    const code = await main(["--json"], {
      stdout: (t) => (stdout += t),
      stderr: () => {},
      env: w.env,
      run: runCommand,
    });
    assert.deepEqual(calls.sort(), [
      "pulumi stack output --json --stack production",
      "pulumi stack output --json --stack staging",
    ]);
    assert.equal(most, 2);
    assert.equal(code, EXIT.attention);
    const r = report(stdout);
    assert.ok(service(r, "production", "frontend").deployment.known);
    assert.deepEqual(env(r, "staging").attention, [
      "staging: outputs unreadable (pulumi stack output --json --stack staging failed (exit 255): error: no stack named 'staging' found)",
    ]);
  });

  it("refuses bad input with exit 2", async () => {
    assert.equal((await run(w, ["--outputs", "/nonexistent/outputs.json"])).code, EXIT.badInput);
    assert.equal((await run(w, [...both(w), "--json", "--markdown"])).code, EXIT.badInput);
    assert.equal((await run(w, ["--timeout", "0"])).code, EXIT.badInput);
    const r = await run(w, ["--token=secret-value-123"]);
    assert.equal(r.code, EXIT.badInput);
    assert.ok(!r.stderr.includes("secret-value-123"), r.stderr);
  });
});
