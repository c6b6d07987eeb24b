// The shared HTTP path's helpers (providers/http.ts) that Stryker found unpinned (npm run mutate): how long a 429
// asks to wait, in each of the header forms the services use; redaction of credentials in error text; excerpts.
import * as assert from "node:assert/strict";
import { excerpt, redact, retryAfterMs, ServiceError } from "../providers/http";

const NOW = Date.parse("2026-01-01T00:00:00Z");
const headers = (h: Record<string, string>) => new Headers(h);

describe("HTTP helpers", () => {
  describe("retryAfterMs", () => {
    it("reads Retry-After in seconds, never below zero", () => {
      assert.equal(retryAfterMs(headers({ "retry-after": "3" }), NOW), 3000);
      assert.equal(retryAfterMs(headers({ "retry-after": "0" }), NOW), 0);
      assert.equal(retryAfterMs(headers({ "retry-after": "-5" }), NOW), 0);
    });
    it("reads Retry-After as an HTTP date, a past one as no wait", () => {
      assert.equal(retryAfterMs(headers({ "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" }), NOW), 7000);
      assert.equal(retryAfterMs(headers({ "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }), NOW), 0);
    });
    it("falls through a blank or unreadable Retry-After to X-RateLimit-Reset", () => {
      for (const retryAfter of ["", "  ", "soon"])
        assert.equal(retryAfterMs(headers({ "retry-after": retryAfter, "x-ratelimit-reset": "2" }), NOW), 2000);
    });
    it("reads X-RateLimit-Reset as epoch seconds (UptimeRobot) or seconds remaining (Supabase)", () => {
      assert.equal(retryAfterMs(headers({ "x-ratelimit-reset": String(NOW / 1000 + 4) }), NOW), 4000);
      assert.equal(retryAfterMs(headers({ "x-ratelimit-reset": String(NOW / 1000 - 4) }), NOW), 0);
      assert.equal(retryAfterMs(headers({ "x-ratelimit-reset": "1000000000" }), NOW), 1_000_000_000_000);
      assert.equal(retryAfterMs(headers({ "x-ratelimit-reset": "-1" }), NOW), 0);
    });
    it("says nothing when neither header says anything usable", () => {
      assert.equal(retryAfterMs(headers({}), NOW), undefined);
      assert.equal(retryAfterMs(headers({ "x-ratelimit-reset": " " }), NOW), undefined);
      assert.equal(retryAfterMs(headers({ "x-ratelimit-reset": "later" }), NOW), undefined);
    });
  });

  it("redacts every occurrence of each secret of 4 characters or more, and nothing shorter", () => {
    assert.equal(redact("key abcd, again abcd"), "key abcd, again abcd");
    assert.equal(redact("key abcd, again abcd", ["abcd"]), "key [redacted], again [redacted]");
    assert.equal(redact("a b abc", ["", "a", "abc"]), "a b abc");
  });

  it("makes a one-line, redacted excerpt, cut at the limit", () => {
    assert.equal(excerpt("  line sk-value\n\tline  two  ", ["sk-value"]), "line [redacted] line two");
    assert.equal(excerpt("x".repeat(200)), "x".repeat(200));
    assert.equal(excerpt("x".repeat(201)), `${"x".repeat(200)}…`);
    assert.equal(excerpt("abcdef", [], 3), "abc…");
  });

  it("names its errors ServiceError, unambiguous unless said", () => {
    const err = new ServiceError("UptimeRobot getMonitors: boom", "UptimeRobot", "getMonitors", 400);
    assert.equal(err.name, "ServiceError");
    assert.equal(err.ambiguous, false);
    assert.equal(new ServiceError("m", "s", "o", 502, true).ambiguous, true);
  });
});
