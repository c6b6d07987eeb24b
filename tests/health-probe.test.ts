import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";
import { runCheck } from "../lib/health-probe";
import { classifyFetchError } from "../lib/fetch-errors";
import { runChecks } from "../ops/health/runner";
import {
  closedPort,
  makeCheck,
  makeTempDir,
  removeTempDir,
  reply,
  startServer,
  type LocalServer,
} from "./health-helpers";

describe("health check runner", () => {
  let server: LocalServer;
  let recovered = false;
  before(async () => {
    server = await startServer((req, res, body) => {
      const routes: Record<string, () => void> = {
        "/ok": () => reply(200, { status: "ok", version: "1.2.3" })(req, res, body),
        "/fail": () => reply(500, "boom")(req, res, body),
        "/slow": () => reply(200, { status: "ok" }, 150)(req, res, body),
        "/hang": () => reply(200, { status: "ok" }, 5000)(req, res, body),
        "/not-json": () => reply(200, "<html>ok</html>")(req, res, body),
        "/degraded": () => reply(200, { status: "degraded" })(req, res, body),
        "/reset": () => req.socket.destroy(),
        "/moved": () => res.writeHead(301, { location: "/ok" }).end(),
        "/loop": () => res.writeHead(302, { location: "/loop" }).end(),
        "/flaky": () => reply(recovered ? 200 : 503, { status: recovered ? "ok" : "starting" })(req, res, body),
      };
      (routes[req.url ?? ""] ?? (() => reply(404, "not found")(req, res, body)))();
    });
  });
  after(() => server.close());
  const at = (route: string): string => `${server.origin}${route}`;

  it("reports a healthy endpoint as ok, with status and latency", async () => {
    const r = await runCheck(makeCheck({ url: at("/ok"), expectJson: { status: "ok" } }));
    assert.equal(r.kind, "ok", r.error);
    assert.equal(r.ok, true);
    assert.equal(r.status, 200);
    assert.ok(r.latencyMs >= 0 && r.latencyMs < 2000);
    assert.equal(r.error, undefined);
    assert.equal(r.finalUrl, undefined);
  });

  it("reports an unexpected status (500)", async () => {
    const r = await runCheck(makeCheck({ url: at("/fail") }));
    assert.deepEqual([r.ok, r.kind, r.status], [false, "status", 500]);
    assert.match(r.error ?? "", /HTTP 500, expected 200/);
  });

  it("times out an endpoint slower than the timeout", async () => {
    const started = Date.now();
    const r = await runCheck(makeCheck({ url: at("/hang") }), { timeoutMs: 200 });
    assert.deepEqual([r.ok, r.kind, r.status], [false, "timeout", null]);
    assert.ok(Date.now() - started < 1500, "the timeout was not enforced");
  });

  it("tells a refused connection apart", async () => {
    const r = await runCheck(makeCheck({ url: `http://127.0.0.1:${await closedPort()}/health` }));
    assert.deepEqual([r.ok, r.kind, r.status], [false, "refused", null]);
  });

  it("tells a reset connection apart", async () => {
    const r = await runCheck(makeCheck({ url: at("/reset") }));
    assert.deepEqual([r.ok, r.kind], [false, "reset"]);
  });

  it("tells a DNS failure apart (.invalid never resolves)", async () => {
    const r = await runCheck(makeCheck({ url: "http://chef-chopsky.invalid/health" }), { timeoutMs: 3000 });
    assert.deepEqual([r.ok, r.kind, r.status], [false, "dns", null]);
  });

  it("fails a body that is not JSON when expectJson is set", async () => {
    const r = await runCheck(makeCheck({ url: at("/not-json"), expectJson: { status: "ok" } }));
    assert.deepEqual([r.ok, r.kind, r.status], [false, "invalid-json", 200]);
  });

  it("accepts a body that is not JSON when no expectJson is set", async () => {
    const r = await runCheck(makeCheck({ url: at("/not-json") }));
    assert.equal(r.kind, "ok");
  });

  it("fails a wrong JSON field, naming it", async () => {
    const r = await runCheck(makeCheck({ url: at("/degraded"), expectJson: { status: "ok" } }));
    assert.deepEqual([r.ok, r.kind, r.status], [false, "json-mismatch", 200]);
    assert.match(r.error ?? "", /"status": expected "ok", got "degraded"/);
  });

  it("fails a missing JSON field", async () => {
    const r = await runCheck(makeCheck({ url: at("/ok"), expectJson: { db: "up" } }));
    assert.equal(r.kind, "json-mismatch");
    assert.match(r.error ?? "", /"db".*missing/);
  });

  it("follows a redirect (301 -> 200) and reports the final URL", async () => {
    const r = await runCheck(makeCheck({ url: at("/moved"), expectJson: { status: "ok" } }));
    assert.deepEqual([r.ok, r.kind, r.status, r.finalUrl], [true, "ok", 200, at("/ok")]);
    assert.equal(r.url, at("/moved"));
  });

  it("stops a redirect loop after 5 redirects", async () => {
    const before = server.requests.filter((q) => q.url === "/loop").length;
    const r = await runCheck(makeCheck({ url: at("/loop") }));
    assert.deepEqual([r.ok, r.kind, r.status], [false, "redirect", 302]);
    assert.match(r.error ?? "", /too many redirects/);
    assert.equal(server.requests.filter((q) => q.url === "/loop").length - before, 6);
  });

  it("marks a check slower than its latency threshold as slow but up", async () => {
    const r = await runCheck(makeCheck({ url: at("/slow"), latencyThresholdMs: 50 }));
    assert.deepEqual([r.ok, r.kind, r.status], [true, "slow", 200]);
    const fast = await runCheck(makeCheck({ url: at("/slow"), latencyThresholdMs: 3000 }));
    assert.equal(fast.kind, "ok");
  });

  it("runs the checks concurrently", async () => {
    const checks = [1, 2, 3, 4].map((i) => makeCheck({ name: `c${i}`, url: at("/slow") }));
    const started = performance.now();
    const { results } = await runChecks(checks, { timeoutMs: 2000 });
    const elapsed = performance.now() - started;
    assert.deepEqual(
      results.map((r) => r.kind),
      ["ok", "ok", "ok", "ok"],
    );
    assert.ok(elapsed < 450, `4 checks of 150 ms took ${Math.round(elapsed)} ms`);
  });

  it("re-polls failing checks with a wait until they recover", async () => {
    recovered = false;
    const timer = setTimeout(() => (recovered = true), 250);
    const checks = [makeCheck({ name: "ok", url: at("/ok") }), makeCheck({ name: "flaky", url: at("/flaky") })];
    const okBefore = server.requests.filter((q) => q.url === "/ok").length;
    const { results, rounds } = await runChecks(checks, { waitMs: 3000, intervalMs: 50 });
    clearTimeout(timer);
    assert.deepEqual(
      results.map((r) => [r.name, r.kind]),
      [
        ["ok", "ok"],
        ["flaky", "ok"],
      ],
    );
    assert.ok(rounds > 1 && rounds < 30, `rounds: ${rounds}`);
    assert.equal(server.requests.filter((q) => q.url === "/ok").length - okBefore, 1, "a passing check was re-run");
  });

  it("gives up re-polling at the deadline", async () => {
    const started = performance.now();
    const { results, rounds } = await runChecks([makeCheck({ url: at("/fail") })], { waitMs: 300, intervalMs: 100 });
    const elapsed = performance.now() - started;
    assert.equal(results[0].kind, "status");
    assert.ok(rounds >= 3 && rounds <= 5, `rounds: ${rounds}`);
    assert.ok(elapsed >= 290 && elapsed < 1000, `elapsed ${Math.round(elapsed)} ms`);
  });
});

describe("health check TLS errors", () => {
  let dir: string;
  let server: https.Server | undefined;
  before(function () {
    dir = makeTempDir();
    try {
      execFileSync(
        "openssl",
        ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"]
          .concat(["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"), "-subj", "/CN=test"])
          .concat(["-addext", "subjectAltName=IP:127.0.0.1"]),
        { stdio: "ignore", timeout: 5000 },
      );
    } catch {
      this.skip(); // no openssl here: the classifier is still tested on synthetic TLS errors below
    }
  });
  after(async () => {
    if (server !== undefined) {
      server.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
    }
    removeTempDir(dir);
  });

  it("tells a self-signed certificate apart as a TLS error", async () => {
    const key = fs.readFileSync(path.join(dir, "key.pem"));
    const cert = fs.readFileSync(path.join(dir, "cert.pem"));
    const tlsServer = https.createServer({ key, cert }, (_req, res) => res.end("ok"));
    server = tlsServer;
    await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
    const address = tlsServer.address();
    assert.ok(address !== null && typeof address === "object");
    const r = await runCheck(makeCheck({ url: `https://127.0.0.1:${address.port}/health` }));
    assert.deepEqual([r.ok, r.kind, r.status], [false, "tls", null]);
    assert.match(r.error ?? "", /SELF_SIGNED|self-signed/i);
  });
});

describe("health fetch error classification (synthetic undici errors)", () => {
  const fetchFailed = (cause: object): Error => Object.assign(new TypeError("fetch failed"), { cause });
  const table: [string, unknown, string][] = [
    ["ENOTFOUND", fetchFailed({ code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND x.invalid" }), "dns"],
    ["EAI_AGAIN", fetchFailed({ code: "EAI_AGAIN" }), "dns"],
    ["ECONNREFUSED", fetchFailed({ code: "ECONNREFUSED" }), "refused"],
    ["ECONNRESET", fetchFailed({ code: "ECONNRESET" }), "reset"],
    ["UND_ERR_SOCKET", fetchFailed({ code: "UND_ERR_SOCKET", message: "other side closed" }), "reset"],
    ["CERT_HAS_EXPIRED", fetchFailed({ code: "CERT_HAS_EXPIRED", message: "certificate has expired" }), "tls"],
    ["altname", fetchFailed({ code: "ERR_TLS_CERT_ALTNAME_INVALID" }), "tls"],
    ["self-signed", fetchFailed({ code: "DEPTH_ZERO_SELF_SIGNED_CERT" }), "tls"],
    ["leaf", fetchFailed({ code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }), "tls"],
    ["connect timeout", fetchFailed({ code: "UND_ERR_CONNECT_TIMEOUT" }), "timeout"],
    ["TimeoutError", Object.assign(new Error("timed out"), { name: "TimeoutError" }), "timeout"],
    [
      "refused on every address",
      fetchFailed({ errors: [{ code: "ECONNREFUSED" }, { code: "ECONNREFUSED" }] }),
      "refused",
    ],
    ["unknown", fetchFailed({ message: "something else" }), "error"],
    ["not an error", "a string", "error"],
  ];
  for (const [title, err, kind] of table) {
    it(`${title} -> ${kind}`, () => {
      assert.equal(classifyFetchError(err).kind, kind);
    });
  }

  it("says timeout when the check's own timer aborted, whatever the error", () => {
    assert.equal(classifyFetchError(new DOMException("aborted", "AbortError"), true).kind, "timeout");
  });
});
