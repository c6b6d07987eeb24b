// lib/defer-module.js: the policy pack and the contributor commands defer @npmcli/arborist, which @pulumi/pulumi loads
// only for serializing functions by value. Deferred, a module loads on its first use, and behaves as itself.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { deferModule } from "../lib/defer-module";

const FIXTURES = path.join(__dirname, "fixtures", "defer");
const HEAVY = path.join(FIXTURES, "heavy.js");
const IMPORTER = path.join(FIXTURES, "importer.js");
const loads = () => (globalThis as { __heavyLoads?: number }).__heavyLoads ?? 0;

describe("deferring a module until its first use", () => {
  const forget = () => {
    delete require.cache[HEAVY];
    delete require.cache[IMPORTER];
    delete (globalThis as { __heavyLoads?: number }).__heavyLoads;
  };
  beforeEach(forget);
  after(forget);

  it("loads it on the first read of an export, once, and answers as the module itself", () => {
    assert.equal(deferModule("./heavy", IMPORTER), true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const importer = require(IMPORTER) as { answer(): number; tree(w: string): object; heavy: object };
    assert.equal(loads(), 0, "requiring the importer does not load it");
    assert.equal(importer.answer(), 42);
    assert.equal(loads(), 1);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const real = require(HEAVY) as { Tree: new (w: string) => object };
    assert.ok(importer.tree("here") instanceof real.Tree, "the same class as the real module's");
    assert.deepEqual(Object.keys(importer.heavy).sort(), ["Tree", "answer"]);
    assert.equal(loads(), 1, "loaded once");
  });

  it("defers nothing already loaded or not resolvable", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(HEAVY);
    assert.equal(deferModule("./heavy", IMPORTER), false);
    assert.equal(deferModule("./no-such-module", IMPORTER), false);
  });

  it("@pulumi/pulumi loads without the package-tree reader, which still reads a package tree when asked", function () {
    this.timeout(30_000);
    // computeCodePaths is what reads the tree (for a function's or a FileArchive's packages): in an empty project.
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "defer-"));
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "empty", dependencies: {} }));
    const root = path.join(__dirname, "..");
    const script = `
      require(${JSON.stringify(path.join(root, "lib", "defer-module.js"))}).deferClosureSerialization(${JSON.stringify(root)});
      const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [${JSON.stringify(root)}] }));
      const loaded = () => Object.keys(require.cache).filter((f) => f.includes("/pacote/")).length;
      const before = loaded();
      pulumi.runtime.computeCodePaths().then((paths) => {
        console.log(JSON.stringify({ before, after: loaded(), paths: paths.size }));
      });`;
    try {
      const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" })) as {
        before: number;
        after: number;
        paths: number;
      };
      assert.equal(out.before, 0, "not loaded with the SDK");
      assert.ok(out.after > 0, "loaded when the tree is read");
      assert.equal(out.paths, 0, "an empty project has no package to include");
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
