// @ts-check
/**
 * Loading `@pulumi/pulumi` loads `@npmcli/arborist` (with pacote, sigstore and the npm registry client: about 190 ms,
 * two fifths of the SDK's load), only because `runtime/closure/codePaths.js` reads the package tree with it when a
 * function is serialized by value: for a `pulumi.dynamic.Resource`'s provider or a callback function. The policy pack
 * and the contributor commands (synth, plan, policy) never do that, so they defer it: the module is loaded the first
 * time one of its exports is read, which is never for them. The program that `pulumi up` runs is left as the SDK loads
 * it.
 *
 * Plain JavaScript: it runs before anything can compile TypeScript (policy/index.js, dev/run.js).
 */
const Module = require("node:module");
const path = require("node:path");

/**
 * Defers loading a module until one of its exports is first read. Whoever requires it meanwhile gets a stand-in
 * whose every read loads the real module and answers from it (`__esModule` aside, so that TypeScript's `importStar`
 * returns the stand-in itself instead of copying every export at once). Nothing is deferred when the module is
 * already loaded or cannot be resolved. Only for a module its importers use through its exports' properties, as
 * codePaths.js uses `arborist.Arborist`: the stand-in itself cannot be called or constructed, and `importDefault`
 * would see no `default`, even for a module that exports a class as a whole (as @npmcli/arborist also does).
 * @param {string} request - the module as its importer names it, e.g. `"@npmcli/arborist"`
 * @param {string} importer - the file that requires it (the module is resolved as that file resolves it)
 * @returns {boolean} whether it is deferred
 */
function deferModule(request, importer) {
  let resolved;
  try {
    resolved = require.resolve(request, { paths: [path.dirname(importer)] });
  } catch {
    return false;
  }
  if (require.cache[resolved]) return false;
  /** @type {object | undefined} */
  let real;
  const load = () => {
    if (real === undefined) {
      delete require.cache[resolved];
      real = /** @type {object} */ (require(resolved));
    }
    return real;
  };
  const stub = new Module(resolved);
  stub.filename = resolved;
  stub.loaded = true;
  stub.exports = new Proxy(Object.create(null), {
    get: (_target, key) => (key === "__esModule" ? true : Reflect.get(load(), key)),
    has: (_target, key) => key === "__esModule" || Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_target, key) => {
      const own = Reflect.getOwnPropertyDescriptor(load(), key);
      return own && { ...own, configurable: true };
    },
  });
  require.cache[resolved] = stub;
  return true;
}

/**
 * Defers what `@pulumi/pulumi` (as resolved from `dir`) loads only to serialize functions: see the top of this file.
 * @param {string} dir - where the process resolves `@pulumi/pulumi` from
 * @returns {boolean} whether it is deferred
 */
function deferClosureSerialization(dir) {
  let codePaths;
  try {
    codePaths = require.resolve("@pulumi/pulumi/runtime/closure/codePaths", { paths: [dir] });
  } catch {
    return false;
  }
  return deferModule("@npmcli/arborist", codePaths);
}

module.exports = { deferModule, deferClosureSerialization };
