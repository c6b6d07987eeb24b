// The benchmark of the policy pack's start-up under the CLI reads it from the language host's log lines; the fixture is
// four real lines of `pulumi preview --policy-pack policy --logflow -v=9 --logtostderr` (CLI and language host 3.248).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { marksOf, startupOf } from "../dev/bench/cli-policy";

const LOG = fs.readFileSync(path.join(__dirname, "fixtures", "bench", "cli-policy-log.txt"), "utf8");

describe("bench: the policy pack's start-up under the CLI, from its log", () => {
  it("reads the four marks of the language host, in order", () => {
    const t = marksOf(LOG);
    assert.ok(t.start < t.awaiting && t.awaiting <= t.awaited && t.awaited < t.listening, JSON.stringify(t));
  });

  it("is start to listening, less the wait for the engine's configuration", () => {
    // 17:45:47.921480 → 17:45:50.741756, less 17:45:48.143046 → 17:45:48.146371 (ms precision of Date.parse)
    assert.equal(startupOf(LOG), 50741 - 47921 - (48146 - 48143));
  });

  it("names the line it cannot find (another CLI version's log)", () => {
    const withoutListening = LOG.split("\n")
      .filter((l) => !l.includes("Attaching to policy pack"))
      .join("\n");
    assert.throws(() => startupOf(withoutListening), /no "Attaching to policy pack on port" line/);
  });
});
