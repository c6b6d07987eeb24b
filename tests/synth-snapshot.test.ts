// Production and staging synthesize exactly as the committed snapshots say: every resource (URN, type, parent,
// inputs, secret inputs, options) and every output. A resource renamed (name, type or parent) counts as the same
// only when one of its aliases is its URN in the snapshot, as the engine would find it in the state: a rename
// without an alias, a changed input or a lost secret marker fails here. After an intended change (not a rename:
// renames keep the snapshot, which is what the existing stacks hold), regenerate with
//   UPDATE_SYNTH_SNAPSHOT=1 npm run test:one -- tests/synth-snapshot.test.ts
// and review the diff of tests/fixtures/synth/ like any other change.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR, synthStack, type SynthResource, type SynthResult } from "../dev/synth/index";

const FIXTURES = path.join(__dirname, "fixtures", "synth");

/** The stacks whose synth is pinned: the two that exist in the real backend. */
const PINNED = ["production", "staging"] as const;

/**
 * The synth with what differs by machine or by provider implementation removed: the checkout path (a command's
 * `dir`) and the size of a serialized dynamic provider (its code, which changing alone never updates a resource).
 * Resources are sorted by URN so that registration order does not matter.
 */
export function normalizeSynth(result: SynthResult): SynthResult {
  const text = JSON.stringify(result)
    .split(JSON.stringify(PROJECT_DIR).slice(1, -1))
    .join("<repo>")
    .replace(/\[serialized dynamic provider, \d+ characters\]/g, "[serialized dynamic provider]");
  const normalized = JSON.parse(text) as SynthResult;
  normalized.resources.sort((a, b) => a.urn.localeCompare(b.urn));
  return normalized;
}

/** The type and name a URN holds: `…::a:b:C$d:e:F::name` → `d:e:F`, `name`. */
function typeAndName(urn: string): { type: string; name: string } {
  const [, , chain, ...name] = urn.split("::");
  return { type: chain.split("$").pop() ?? chain, name: name.join("::") };
}

/**
 * The synth as the snapshot's resources: each resource whose URN is not in the snapshot must alias one that is, and
 * is then compared as that one (its URN, type, name and parent the former ones; its aliases left out).
 * @returns the resources in the snapshot's terms, and the renames found (new URN → former URN).
 */
export function inSnapshotTerms(
  actual: SynthResult,
  snapshot: SynthResult,
): { result: SynthResult; renamed: Map<string, string> } {
  const former = new Set(snapshot.resources.map((r) => r.urn));
  const renamed = new Map<string, string>();
  for (const r of actual.resources) {
    if (former.has(r.urn)) continue;
    const alias = (r.options.aliases ?? []).find((a) => former.has(a));
    assert.ok(alias, `${r.urn} is not in the snapshot and none of its aliases is: a new or renamed resource`);
    renamed.set(r.urn, alias);
  }
  const map = (urn: string) => renamed.get(urn) ?? urn;
  const resources = actual.resources.map((r): SynthResource => {
    const { aliases: _aliases, ...options } = r.options;
    if (options.dependencies) options.dependencies = options.dependencies.map(map);
    const urn = map(r.urn);
    return { ...r, ...typeAndName(urn), urn, parent: r.parent === null ? null : map(r.parent), options };
  });
  resources.sort((a, b) => a.urn.localeCompare(b.urn));
  return { result: { ...actual, resources }, renamed };
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
      const expected = JSON.parse(fs.readFileSync(file, "utf8")) as SynthResult;
      assert.deepEqual(inSnapshotTerms(actual, expected).result, expected);
    });
  }
});
