// @ts-check
/**
 * Loads one of the TypeScript entry points that start often (the policy pack and the dynamic providers, which Pulumi
 * itself loads; `npm run synth`, `plan` and `policy`) the fast way whenever that is the same code: the JavaScript that
 * `npm run build` compiled into `.build/` (`npm ci` runs it as the `prepare` script), used only while every source it
 * was compiled from is unchanged (content hashes in `.build/manifest.json`). Otherwise it loads the TypeScript sources
 * through ts-node, transpile-only (see {@link useTranspileOnly}). So an edit without a rebuild is never run stale; it
 * is only slower to start.
 *
 * Plain JavaScript on purpose: it runs before anything can compile TypeScript, and it is what keeps TypeScript's
 * type-checker out of every `pulumi preview --policy-pack policy` (type-checking belongs to `npm test`).
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

/** The repository's root. */
const ROOT = path.resolve(__dirname, "..");
/** Where `npm run build` writes (git-ignored). */
const BUILD_DIR = path.join(ROOT, ".build");
/** The entry points that are built, relative to the root, without extension. */
const ENTRIES = ["policy/pack", "providers/registry", "dev/synth", "dev/plan", "dev/policy"];
/** What an entry loads besides its imports (the synth runs the program with `require(path)`). */
const ALSO_LOADS = { "dev/synth": ["index"], "dev/plan": ["index"], "dev/policy": ["index"] };
/** What every build also depends on: how it compiles. Changing one makes every entry stale. */
const BUILD_INPUTS = ["tsconfig.json", "dev/build.ts"];

/** @param {Buffer | string} bytes */
function hashOf(bytes) {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/**
 * @typedef {{ sources: Record<string, string>, entries: Record<string, string[]> }} Manifest
 *   sources: root-relative source path to its sha256; entries: entry to the sources compiled for it.
 */

/**
 * The compiled file of an entry, if the build holds it and none of its sources changed since.
 * @param {string} entry - e.g. `"policy/pack"`
 * @param {string} [buildDir]
 * @returns {string | undefined}
 */
function freshBuild(entry, buildDir = BUILD_DIR) {
  try {
    /** @type {Manifest} */
    const manifest = JSON.parse(fs.readFileSync(path.join(buildDir, "manifest.json"), "utf8"));
    const sources = manifest.entries?.[entry];
    if (!Array.isArray(sources) || sources.length === 0) return undefined;
    for (const rel of sources) {
      if (hashOf(fs.readFileSync(path.join(ROOT, rel))) !== manifest.sources[rel]) return undefined;
    }
    const built = path.join(buildDir, `${entry}.js`);
    return fs.existsSync(built) ? built : undefined;
  } catch {
    // No build, an unreadable manifest, or a source gone since: not fresh.
    return undefined;
  }
}

/**
 * Loads an entry: the fresh build, else the TypeScript source. `CHEF_CHOPSKY_FROM_SOURCE=1` forces the source (tests
 * compare the two).
 * @param {string} entry - one of {@link ENTRIES}
 * @returns {unknown} the module's exports
 */
function load(entry) {
  if (process.env.CHEF_CHOPSKY_FROM_SOURCE !== "1") {
    const built = freshBuild(entry);
    if (built) return require(built);
  }
  useTranspileOnly();
  return require(path.join(ROOT, `${entry}.ts`));
}

/**
 * Makes sure `.ts` files load transpile-only, with swc as the transpiler. A loader that is already registered that way
 * (mocha's) is kept. One that type-checks (the CLI's policy-pack runner registers ts-node with `typeCheck: true`) is
 * replaced, not chained: chained, each file would go through both. Type-checking belongs to `npm test`; a stale build
 * must not cost seconds of it on every start.
 */
function useTranspileOnly() {
  const tsNode = require("ts-node");
  /** @type {{ options?: { transpileOnly?: boolean; swc?: boolean } } | undefined} */
  const registered = /** @type {any} */ (process)[tsNode.REGISTER_INSTANCE];
  const ours = registered?.options?.transpileOnly === true || registered?.options?.swc === true;
  if (require.extensions[".ts"] && ours) return;
  const service = tsNode.create({ transpileOnly: true, swc: true, project: path.join(ROOT, "tsconfig.json") });
  /** @type {any} */ (process)[tsNode.REGISTER_INSTANCE] = service;
  // require.extensions is deprecated, but still where a TypeScript loader registers itself.
  require.extensions[".ts"] = (module, filename) => {
    const m = /** @type {any} */ (module);
    m._compile(service.compile(fs.readFileSync(filename, "utf8"), filename), filename);
  };
}

module.exports = { ROOT, BUILD_DIR, ENTRIES, ALSO_LOADS, BUILD_INPUTS, hashOf, freshBuild, load };
