import * as assert from "node:assert/strict";
import { sendAlert } from "../ops/health/alert";
import { alertText } from "../ops/health/format";
import type { HealthReport } from "../ops/health/report";
import {
  closedPort,
  makeCheck,
  makeOutputs,
  reply,
  runCli,
  startServer,
  useAlertServers,
  writeOutputs,
} from "./health-helpers";

/** A fake token in the web-hook path: it must never be printed. */
const TOKEN = "T00000000/B00000000/XXXXfaketokenXXXX";

describe("health alert web-hook", () => {
  const servers = useAlertServers((req, res, body) => {
    const routes: Record<string, number> = { "/up": 200, "/down": 500 };
    reply(routes[req.url ?? ""] ?? 200, { status: "ok" }, req.url === "/slow" ? 120 : 0)(req, res, body);
  }, TOKEN);
  const hookUrl = servers.hookUrl;
  const outputsFile = (routes: { agent: string; frontend: string }, threshold?: number): string =>
    writeOutputs(
      servers.dir,
      makeOutputs([
        makeCheck({ url: `${servers.service.origin}${routes.frontend}`, latencyThresholdMs: threshold }),
        makeCheck({ name: "production-agent", service: "agent", url: `${servers.service.origin}${routes.agent}` }),
      ]),
    );
  const assertNoSecret = (stdout: string, stderr: string): void => {
    for (const text of [stdout, stderr]) {
      assert.ok(!text.includes("faketoken"), `the web-hook token was printed: ${text}`);
      assert.ok(!text.includes("/services/"), `the web-hook path was printed: ${text}`);
    }
  };

  it("POSTs exactly one Slack-compatible message when unhealthy", async () => {
    const file = outputsFile({ frontend: "/up", agent: "/down" });
    const { code, stdout, stderr } = await runCli(["--outputs", file, "--alert-webhook", hookUrl(), "--json"]);
    assert.equal(code, 1);
    assert.equal(servers.hook.requests.length, 1);
    const [request] = servers.hook.requests;
    assert.equal(request.method, "POST");
    assert.equal(request.url, `/services/${TOKEN}`);
    const payload = JSON.parse(request.body) as { text: string };
    assert.deepEqual(Object.keys(payload), ["text"]);
    assert.equal(
      payload.text,
      "Chef Chopsky production: UNHEALTHY, severity P1\n- production-agent: status (HTTP 500): HTTP 500, expected 200",
    );
    assert.deepEqual((JSON.parse(stdout) as { alert: unknown }).alert, { sent: true });
    assertNoSecret(stdout, stderr);
  });

  it("sends nothing when healthy", async () => {
    const file = outputsFile({ frontend: "/up", agent: "/up" });
    const { code, stdout } = await runCli(["--outputs", file, "--alert-webhook", hookUrl(), "--json"]);
    assert.equal(code, 0);
    assert.equal(servers.hook.requests.length, 0);
    assert.equal((JSON.parse(stdout) as { alert?: unknown }).alert, undefined);
  });

  it("reports P3 (slow but up), exits 0 and alerts nobody", async () => {
    const file = outputsFile({ frontend: "/slow", agent: "/up" }, 20);
    const { code, stdout } = await runCli(["--outputs", file, "--alert-webhook", hookUrl()]);
    assert.equal(code, 0);
    assert.match(stdout, /HEALTHY .*severity P3/);
    assert.equal(servers.hook.requests.length, 0);
  });

  it("takes the web-hook from ALERT_WEBHOOK_URL by default", async () => {
    const file = outputsFile({ frontend: "/down", agent: "/up" });
    const { code, stdout, stderr } = await runCli(["--outputs", file], { env: { ALERT_WEBHOOK_URL: hookUrl() } });
    assert.equal(code, 1);
    assert.equal(servers.hook.requests.length, 1);
    assertNoSecret(stdout, stderr);
  });

  it("reports a web-hook answering 500 without changing the exit code or printing the URL", async () => {
    servers.hookStatus = 500;
    const file = outputsFile({ frontend: "/up", agent: "/down" });
    const table = await runCli(["--outputs", file, "--alert-webhook", hookUrl()]);
    assert.equal(table.code, 1);
    assert.match(table.stderr, /alert web-hook answered HTTP 500/);
    assertNoSecret(table.stdout, table.stderr);
    const json = await runCli(["--outputs", file, "--alert-webhook", hookUrl(), "--json"]);
    assert.equal(json.code, 1);
    assert.deepEqual((JSON.parse(json.stdout) as { alert: unknown }).alert, {
      sent: false,
      error: "alert web-hook answered HTTP 500",
    });
    assertNoSecret(json.stdout, json.stderr);
  });

  it("reports an unreachable web-hook without changing the exit code or printing the URL", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/services/${TOKEN}`;
    const { code, stdout, stderr } = await runCli(["--outputs", outputsFile({ frontend: "/down", agent: "/up" })], {
      env: { ALERT_WEBHOOK_URL: url },
    });
    assert.equal(code, 1);
    assert.match(stderr, /alert web-hook failed: connection refused/);
    assertNoSecret(stdout, stderr);
  });

  it("times out a web-hook that does not answer", async () => {
    const silent = await startServer(() => undefined);
    try {
      const outcome = await sendAlert(`${silent.origin}/services/${TOKEN}`, "x", { timeoutMs: 150 });
      assert.deepEqual(outcome, { sent: false, error: "alert web-hook failed: no answer within 150 ms" });
    } finally {
      await silent.close();
    }
  });

  it("rejects an invalid web-hook URL with exit 2, without echoing it", async () => {
    const file = outputsFile({ frontend: "/up", agent: "/up" });
    const bad = `notaurl-${TOKEN}`;
    const cli = await runCli(["--outputs", file, "--alert-webhook", bad]);
    assert.equal(cli.code, 2);
    assert.match(cli.stderr, /^health: --alert-webhook: expected an https or http URL$/m);
    assertNoSecret(cli.stdout, cli.stderr);
    const env = await runCli(["--outputs", file], { env: { ALERT_WEBHOOK_URL: bad } });
    assert.equal(env.code, 2);
    assert.match(env.stderr, /ALERT_WEBHOOK_URL: expected an https or http URL/);
    assertNoSecret(env.stdout, env.stderr);
  });

  it("never echoes a URL in an argument error (a mistyped --alert-webhook)", async () => {
    const file = outputsFile({ frontend: "/up", agent: "/up" });
    for (const argv of [
      ["--outputs", file, `--alert-webhok=${hookUrl()}`],
      ["--outputs", file, "--wait", hookUrl()],
    ]) {
      const { code, stdout, stderr } = await runCli(argv);
      assert.equal(code, 2);
      assert.match(stderr, /<redacted URL>/);
      assertNoSecret(stdout, stderr);
    }
    assert.equal(servers.hook.requests.length, 0);
  });

  it("builds the alert text from the checks that are down or slow", () => {
    const report: HealthReport = {
      stack: "staging",
      environment: "staging",
      healthy: false,
      severity: "P2",
      checks: [
        { name: "staging-frontend", url: "https://a", ok: true, kind: "ok", status: 200, latencyMs: 5 },
        { name: "staging-agent", url: "https://b", ok: false, kind: "dns", status: null, latencyMs: 5, error: "x" },
      ],
    };
    assert.equal(
      alertText(report),
      "Chef Chopsky staging: UNHEALTHY, severity P2\n- staging-agent: dns (no HTTP status): x",
    );
  });
});
