// `npm run build` and the loader that uses it (lib/compiled.js): the build holds every entry with the hash of each
// source it was compiled from; the loader takes the build only while those hashes match, else the TypeScript.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { sourcesOf } from "../dev/build";
import { BUILD_DIR, BUILD_INPUTS, ENTRIES, freshBuild, hashOf, load, ROOT } from "../lib/compiled";

describe("npm run build and lib/compiled.js", function () {
  this.timeout(60_000);
  let dir: string;
  let manifest: { sources: Record<string, string>; entries: Record<string, string[]> };
  before(() => {
    // A copy of the project's build (npm test builds it first), so the stale cases below can edit its manifest.
    const stale = ENTRIES.filter((e) => !freshBuild(e));
    assert.deepEqual(stale, [], "the project's build is not current: run `npm run build`");
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "build-")), "out");
    fs.cpSync(BUILD_DIR, dir, { recursive: true });
    manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  });
  after(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it("compiles every entry with what it loads, and records each source's hash", () => {
    for (const entry of ENTRIES) {
      assert.equal(freshBuild(entry, dir), path.join(dir, `${entry}.js`));
      assert.deepEqual(manifest.entries[entry], [...sourcesOf(entry), ...BUILD_INPUTS]);
    }
    assert.ok(manifest.entries["policy/pack"].includes("policy/rules/index.ts"));
    assert.ok(manifest.entries["dev/synth"].includes("index.ts"), "the synth's program, loaded by path");
    assert.ok(manifest.entries["providers/registry"].includes("providers/kit.ts"));
    for (const [rel, hash] of Object.entries(manifest.sources)) {
      assert.equal(hash, hashOf(fs.readFileSync(path.join(ROOT, rel))), rel);
      if (!BUILD_INPUTS.includes(rel)) assert.ok(fs.existsSync(path.join(dir, rel.replace(/\.ts$/, ".js"))), rel);
    }
  });

  it("is not current once a source differs from what was compiled, or is gone", () => {
    const stale = (change: (m: typeof manifest) => void) => {
      const copy = structuredClone(manifest);
      change(copy);
      fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(copy));
    };
    try {
      stale((m) => (m.sources["policy/rules/vercel-targets.ts"] = hashOf("an older text")));
      assert.equal(freshBuild("policy/pack", dir), undefined);
      assert.ok(freshBuild("providers/registry", dir), "an entry that does not load it stays current");
      stale((m) => m.entries["providers/registry"].push("providers/gone.ts"));
      assert.equal(freshBuild("providers/registry", dir), undefined);
      assert.equal(freshBuild("providers/registry", path.join(dir, "nowhere")), undefined);
    } finally {
      fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
    }
  });

  it("loads the build when it is current, the TypeScript when told to (or when it is not)", () => {
    assert.ok(freshBuild("providers/registry"), "the project's build is not current: run `npm run build`");
    const fromBuild = load("providers/registry");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the very module the loader should return
    assert.equal(fromBuild, require(path.join(BUILD_DIR, "providers", "registry.js")));
    process.env.CHEF_CHOPSKY_FROM_SOURCE = "1";
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the very module the loader should return
      assert.equal(load("providers/registry"), require(path.join(ROOT, "providers", "registry.ts")));
    } finally {
      delete process.env.CHEF_CHOPSKY_FROM_SOURCE;
    }
  });
});

describe("npm run synth|plan|policy (dev/run.js)", function () {
  this.timeout(60_000);
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, "dev", "run.js"), ...args], { cwd: ROOT, encoding: "utf8" });

  it("runs the command, with its output and exit code", () => {
    const r = run("synth", "--stack", "preview");
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      "synth of preview failed: no stack file Pulumi.preview.yaml: the declared stacks are production, staging (lib/environments.ts)\n",
    );
  });

  it("names the commands it knows", () => {
    const r = run("deploy");
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^usage: node dev\/run\.js synth\|plan\|policy/);
  });
});
