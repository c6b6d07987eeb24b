import * as assert from "node:assert/strict";
import * as path from "node:path";
import {
  closedPort,
  makeCheck,
  makeOutputs,
  makeTempDir,
  removeTempDir,
  reply,
  runCli,
  startServer,
  writeOutputs,
  type LocalServer,
} from "./health-helpers";

interface JsonReport {
  stack: string;
  environment: string;
  healthy: boolean;
  severity: string;
  checks: { name: string; url: string; ok: boolean; kind: string; status: number | null; latencyMs: number }[];
  alert?: { sent: boolean; error?: string };
}

describe("npm run health (CLI)", () => {
  let dir: string;
  let server: LocalServer;
  let agentUp = true;
  before(async () => {
    dir = makeTempDir();
    server = await startServer((req, res, body) => {
      if (req.url === "/health") reply(agentUp ? 200 : 503, { status: agentUp ? "ok" : "starting" })(req, res, body);
      else reply(200, "<html></html>")(req, res, body);
    });
  });
  after(async () => {
    await server.close();
    removeTempDir(dir);
  });

  const frontend = (): ReturnType<typeof makeCheck> => makeCheck({ url: `${server.origin}/` });
  const agent = (): ReturnType<typeof makeCheck> =>
    makeCheck({
      name: "production-agent",
      service: "agent",
      url: `${server.origin}/health`,
      expectJson: { status: "ok" },
    });

  it("prints a table and exits 0 when healthy", async () => {
    agentUp = true;
    const file = writeOutputs(dir, makeOutputs([frontend(), agent()]));
    const { code, stdout, stderr } = await runCli(["--outputs", file]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^NAME\s+URL\s+RESULT\s+STATUS\s+LATENCY_MS$/m);
    assert.match(stdout, new RegExp(`^production-agent\\s+${server.origin}/health\\s+ok\\s+200\\s+\\d+$`, "m"));
    assert.match(stdout, /production: HEALTHY \(2 of 2 checks up\), severity none/);
    assert.equal(stderr, "");
  });

  it("prints JSON and exits 1 when one production service is down (P1)", async () => {
    agentUp = false;
    const file = writeOutputs(dir, makeOutputs([frontend(), agent()]));
    const { code, stdout } = await runCli(["--outputs", file, "--json"]);
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as JsonReport;
    assert.equal(report.environment, "production");
    assert.equal(report.healthy, false);
    assert.equal(report.severity, "P1");
    assert.deepEqual(
      report.checks.map((c) => [c.name, c.ok, c.kind, c.status]),
      [
        ["production-frontend", true, "ok", 200],
        ["production-agent", false, "status", 503],
      ],
    );
    assert.equal(report.alert, undefined);
  });

  it("reports P0 when the production frontend and agent are both down", async () => {
    const port = await closedPort();
    const checks = [frontend(), agent()].map((c) => ({ ...c, url: `http://127.0.0.1:${port}/` }));
    const { code, stdout } = await runCli(["--outputs", writeOutputs(dir, makeOutputs(checks))]);
    assert.equal(code, 1);
    assert.match(stdout, /production: UNHEALTHY \(2 of 2 checks down\), severity P0/);
    assert.match(stdout, /production-agent: refused: connection refused/);
  });

  it("reads the outputs from standard input with --outputs -", async () => {
    agentUp = true;
    const { code, stdout } = await runCli(["--outputs", "-", "--json"], {
      stdin: JSON.stringify(makeOutputs([agent()], "staging")),
    });
    assert.equal(code, 0);
    assert.equal((JSON.parse(stdout) as JsonReport).stack, "staging");
  });

  it("applies --timeout to each check", async () => {
    const slow = await startServer(reply(200, "late", 3000));
    try {
      const file = writeOutputs(dir, makeOutputs([makeCheck({ url: `${slow.origin}/` })]));
      const started = Date.now();
      const { code, stdout } = await runCli(["--outputs", file, "--timeout", "0.2", "--json"]);
      assert.equal(code, 1);
      assert.equal((JSON.parse(stdout) as JsonReport).checks[0].kind, "timeout");
      assert.ok(Date.now() - started < 1500);
    } finally {
      await slow.close();
    }
  });

  it("with --wait, turns healthy once the server recovers, and exits 0", async () => {
    agentUp = false;
    const timer = setTimeout(() => (agentUp = true), 300);
    const file = writeOutputs(dir, makeOutputs([frontend(), agent()]));
    const { code, stdout, stderr } = await runCli(["--outputs", file, "--wait", "5", "--interval", "0.1"]);
    clearTimeout(timer);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /HEALTHY/);
    assert.match(stderr, /round 1: 1 of 2 checks down/);
  });

  it("with --wait, exits 1 after the deadline when the server stays down", async () => {
    agentUp = false;
    const file = writeOutputs(dir, makeOutputs([agent()]));
    const started = Date.now();
    const { code } = await runCli(["--outputs", file, "--wait", "0.3", "--interval", "0.1"]);
    assert.equal(code, 1);
    assert.ok(Date.now() - started >= 290);
  });

  it("exits 2 on empty standard input", async () => {
    const { code, stdout, stderr } = await runCli(["--outputs", "-"], { stdin: "" });
    assert.deepEqual([code, stdout, stderr], [2, "", "health: outputs: invalid JSON (empty input)\n"]);
  });

  describe("bad input exits 2 with a one-line message naming the problem", () => {
    const cases: [string, () => string[] | Promise<string[]>, RegExp][] = [
      ["missing file", () => ["--outputs", path.join(dir, "nope.json")], /cannot read ".*nope\.json" \(no such file\)/],
      ["invalid JSON", () => ["--outputs", writeOutputs(dir, "{ not json", "bad.json")], /outputs: invalid JSON/],
      [
        "no healthChecks",
        () => ["--outputs", writeOutputs(dir, { environment: "production", frontendUrl: "[secret]" })],
        /healthChecks: missing/,
      ],
      [
        "empty healthChecks",
        () => ["--outputs", writeOutputs(dir, makeOutputs([]))],
        /healthChecks: expected at least one/,
      ],
      [
        "healthChecks is a secret",
        () => ["--outputs", writeOutputs(dir, { environment: "staging", healthChecks: "[secret]" })],
        /healthChecks: expected a list of health checks/,
      ],
      [
        "a check with a bad URL",
        () => ["--outputs", writeOutputs(dir, makeOutputs([makeCheck(), makeCheck({ name: "b", url: "ftp://x" })]))],
        /healthChecks\[1\]\.url: expected an https or http URL/,
      ],
      [
        "a check with a bad status",
        () => ["--outputs", writeOutputs(dir, makeOutputs([{ ...makeCheck(), expectStatus: "200" }]))],
        /healthChecks\[0\]\.expectStatus: expected an HTTP status code/,
      ],
      [
        "a check with a bad service",
        () => ["--outputs", writeOutputs(dir, makeOutputs([{ ...makeCheck(), service: "database" }]))],
        /healthChecks\[0\]\.service: .*"frontend"\|"agent"/,
      ],
      [
        "duplicate check names",
        () => ["--outputs", writeOutputs(dir, makeOutputs([makeCheck(), makeCheck()]))],
        /healthChecks\[1\]\.name: duplicate check name "production-frontend"/,
      ],
      [
        "a bad environment",
        () => ["--outputs", writeOutputs(dir, makeOutputs([makeCheck()], "dev"))],
        /^health: environment: /,
      ],
      ["a bad --wait", () => ["--outputs", "x.json", "--wait", "soon"], /--wait <seconds>.*invalid/],
      ["a negative --wait", () => ["--outputs", "x.json", "--wait", "-1"], /--wait <seconds>.*invalid/],
      ["a bad --timeout", () => ["--outputs", "x.json", "--timeout", "0"], /--timeout <seconds>.*invalid/],
      ["no --outputs", () => [], /required option '--outputs <file>'/],
      ["an unknown option", () => ["--outputs", "x.json", "--verbose"], /unknown option '--verbose'/],
    ];
    for (const [title, argv, message] of cases) {
      it(title, async () => {
        const { code, stdout, stderr } = await runCli(await argv());
        assert.equal(code, 2, stderr);
        assert.equal(stdout, "");
        assert.match(stderr, message);
        assert.equal(stderr.trim().split("\n").length, 1, `more than one line: ${stderr}`);
      });
    }
  });
});
