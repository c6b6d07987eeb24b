// Production and staging synthesize exactly as the committed snapshots say: every resource (URN, type, parent,
// inputs, secret inputs, options) and every output. A rename without an alias, a changed input or a lost secret
// marker fails here. After an intended change, regenerate with
//   UPDATE_SYNTH_SNAPSHOT=1 npm run test:one -- tests/synth-snapshot.test.ts
// and review the diff of tests/fixtures/synth/ like any other change.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR, synthStack, type SynthResult } from "../dev/synth/index";

const FIXTURES = path.join(__dirname, "fixtures", "synth");

/** The stacks whose synth is pinned: the two that exist in the real backend. */
const PINNED = ["production", "staging"] as const;

/**
 * The synth with what differs by machine or by provider implementation removed: the checkout path (a command's
 * `dir`) and the size of a serialized dynamic provider (its code, which changing alone never updates a resource).
 * Resources are sorted by URN so that registration order does not matter.
 */
export function normalizeSynth(result: SynthResult): unknown {
  const text = JSON.stringify(result)
    .split(JSON.stringify(PROJECT_DIR).slice(1, -1))
    .join("<repo>")
    .replace(/\[serialized dynamic provider, \d+ characters\]/g, "[serialized dynamic provider]");
  const normalized = JSON.parse(text) as SynthResult;
  normalized.resources.sort((a, b) => a.urn.localeCompare(b.urn));
  return normalized;
}

describe("synth snapshot of the existing stacks", function () {
  this.timeout(60_000);
  for (const stack of PINNED) {
    it(`${stack} synthesizes exactly as tests/fixtures/synth/${stack}.json`, async () => {
      const actual = normalizeSynth(await synthStack(stack));
      const file = path.join(FIXTURES, `${stack}.json`);
      if (process.env.UPDATE_SYNTH_SNAPSHOT === "1") {
        fs.mkdirSync(FIXTURES, { recursive: true });
        fs.writeFileSync(file, JSON.stringify(actual, null, 2) + "\n");
      }
      const expected: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
      assert.deepEqual(actual, expected);
    });
  }
});
