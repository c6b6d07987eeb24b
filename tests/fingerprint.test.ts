import * as assert from "node:assert/strict";
import { fingerprint, FINGERPRINT_KEY } from "../lib/fingerprint";

const KEY = "a1".repeat(32);

describe("keyed secret fingerprints", () => {
  it("are stable for one key and value, and differ for another value, key or label", () => {
    const fp = fingerprint(KEY, "sk-proj-value-one");
    assert.match(fp, /^hmac-sha256:[0-9a-f]{64}$/);
    assert.equal(fingerprint(KEY, "sk-proj-value-one"), fp);
    assert.notEqual(fingerprint(KEY, "sk-proj-value-two"), fp);
    assert.notEqual(fingerprint("b2".repeat(32), "sk-proj-value-one"), fp);
    assert.notEqual(fingerprint(KEY, "sk-proj-value-one", "OPENAI"), fp);
  });

  it("never contain the value, and refuse a short key without showing it", () => {
    assert.ok(!fingerprint(KEY, "sk-proj-value-one").includes("value-one"));
    assert.throws(
      () => fingerprint("short-key-material", "v"),
      (e: Error) => e.message.includes(FINGERPRINT_KEY) && !e.message.includes("short-key-material"),
    );
  });
});
