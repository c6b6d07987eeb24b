// The shared HTTP path's retry loop (providers/http.ts `send`) against a bare local server: the default and doubled
// backoff, a 429 without any rate-limit header, what is retried by default, network errors named and counted, and
// which spent retries are ambiguous.
import * as assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { type HttpClientOptions, send, serviceHttp } from "../providers/http";
import { serviceFailure as failure } from "./service-failure";

type Reply = { status: number; headers?: Record<string, string>; body?: string };

describe("HTTP send", () => {
  let server: http.Server;
  let replies: Reply[];
  let url: string;
  let waits: number[];
  let retries: { operation: string; attempt: number; delayMs: number; reason: string }[];
  beforeEach(async () => {
    replies = [];
    waits = [];
    retries = [];
    server = http.createServer((_req, res) => {
      const r = replies.shift() ?? { status: 200, body: "ok" };
      res.writeHead(r.status, r.headers).end(r.body ?? "");
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((done) => server.close(() => done())));

  const options = (over: Partial<HttpClientOptions> = {}): HttpClientOptions => ({
    service: "Svc",
    baseUrl: url,
    maxRetries: 3,
    sleep: async (ms) => void waits.push(ms),
    onRetry: (info) => void retries.push(info),
    ...over,
  });
  const get = (o: HttpClientOptions, idempotent?: boolean) =>
    send(o, { operation: "op", method: "GET", path: "/", ...(idempotent === undefined ? {} : { idempotent }) });

  it("drops every trailing slash of a base URL", () => {
    assert.equal(serviceHttp("Svc", "https://a.test/v2//", {}, []).baseUrl, "https://a.test/v2");
  });

  it("retries a 5xx by default, waiting 500 ms and doubling; a smaller base doubles from there", async () => {
    replies.push({ status: 500 }, { status: 502 }, { status: 200, body: "done" });
    assert.equal((await get(options())).text, "done");
    assert.deepEqual(waits, [500, 1000]);
    assert.deepEqual(retries[0], { operation: "op", attempt: 0, delayMs: 500, reason: "HTTP 500: " });
    waits = [];
    replies.push({ status: 500 }, { status: 500 }, { status: 500 });
    await get(options({ baseDelayMs: 10 }));
    assert.deepEqual(waits, [10, 20, 40]);
  });

  it("a 429 without a rate-limit header backs off like a 5xx; spent, it is not ambiguous", async () => {
    for (let i = 0; i < 4; i++) replies.push({ status: 429, body: "slow down" });
    const err = await failure(get(options({ baseDelayMs: 10 })));
    assert.deepEqual(waits, [10, 20, 40]);
    assert.equal(err.message, "Svc op failed: rate limited (HTTP 429: slow down) after 4 attempts");
    assert.deepEqual([err.status, err.ambiguous], [429, false]);
    assert.equal(retries[0].reason, "rate limited (HTTP 429: slow down)");
  });

  it("spent 5xx retries are ambiguous", async () => {
    for (let i = 0; i < 2; i++) replies.push({ status: 503, body: "down" });
    const err = await failure(get(options({ maxRetries: 1, baseDelayMs: 1 })));
    assert.deepEqual(
      [err.message, err.status, err.ambiguous],
      ["Svc op failed: HTTP 503: down after 2 attempts", 503, true],
    );
  });

  it("names a refused connection by its code, retries it, and counts the attempts", async () => {
    await new Promise<void>((done) => server.close(() => done()));
    server = http.createServer();
    server.listen(0);
    const err = await failure(get(options({ maxRetries: 2, baseDelayMs: 1 })));
    assert.equal(err.message, "Svc op failed: network error ECONNREFUSED after 3 attempts");
    assert.ok(err.ambiguous);
    assert.deepEqual(
      retries.map((r) => [r.attempt, r.delayMs, r.reason]),
      [
        [0, 1, "network error ECONNREFUSED"],
        [1, 2, "network error ECONNREFUSED"],
      ],
    );
    const write = await failure(get(options(), false));
    assert.equal(
      write.message,
      "Svc op failed: network error ECONNREFUSED; the request may or may not have been applied",
    );
  });

  it("refuses to follow a redirect, saying what fetch said", async () => {
    replies.push({ status: 302, headers: { location: "https://elsewhere.test/" } });
    const err = await failure(get(options({ maxRetries: 0 })));
    assert.equal(err.message, "Svc op failed: fetch failed after 1 attempts");
  });

  it("says a reply slower than the timeout timed out", async () => {
    server.removeAllListeners("request");
    server.on("request", (_req, res) => setTimeout(() => res.end("late"), 300));
    const err = await failure(get(options({ timeoutMs: 50, maxRetries: 0 })));
    assert.equal(err.message, "Svc op failed: timed out after 1 attempts");
  });
});
