/**
 * `npm run build` (also the `prepare` script, so `npm ci` runs it): compiles the entry points of `lib/compiled.js`
 * (`ENTRIES`, which says why they are built) and every local module they import into `.build/`, with the content hash
 * of each source in `.build/manifest.json`, for `lib/compiled.js` to load instead of the TypeScript.
 *
 * Transpiled file by file, as ts-node's transpile-only mode does for `npm run synth` and the tests: no type-check
 * here (that is `npm test`'s job), so a build takes about a second. Written to a temporary directory first and
 * swapped in whole, so a pack starting meanwhile never sees half a build.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { ALSO_LOADS, BUILD_DIR, BUILD_INPUTS, ENTRIES, freshBuild, hashOf, ROOT } from "../lib/compiled";

/** The compiler options of tsconfig.json, made to emit CommonJS with inline source maps. */
function compilerOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, "tsconfig.json");
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT);
  return { ...parsed.options, noEmit: false, inlineSourceMap: true, inlineSources: true, sourceMap: false };
}

/**
 * The local module a relative import names, as a root-relative path (`.ts`, or `.js` for the few plain-JavaScript
 * modules that run before anything is compiled, which are copied as they are); undefined for packages.
 */
function resolveLocal(fromRel: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.join(path.dirname(path.join(ROOT, fromRel)), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, "index.ts"), `${base}.js`]) {
    if (fs.existsSync(candidate)) return path.relative(ROOT, candidate).split(path.sep).join("/");
  }
  throw new Error(`${fromRel}: cannot resolve ${specifier} to a TypeScript or JavaScript file`);
}

/** Every local source an entry loads (itself included), by following its imports and {@link ALSO_LOADS}. */
export function sourcesOf(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry, ...(ALSO_LOADS[entry] ?? [])].map((e) => `${e}.ts`);
  while (queue.length > 0) {
    const rel = queue.pop() as string;
    if (seen.has(rel)) continue;
    seen.add(rel);
    const info = ts.preProcessFile(fs.readFileSync(path.join(ROOT, rel), "utf8"), true, true);
    for (const imported of info.importedFiles) {
      const local = resolveLocal(rel, imported.fileName);
      if (local) queue.push(local);
    }
  }
  return [...seen].sort();
}

/**
 * Puts a finished build in place of the current one. Two builds may race (`npm install` runs this as `prepare` while
 * a test run builds): each writes its own directory, and whichever lands last stays, whole.
 */
function swapIn(tmp: string, buildDir: string): void {
  const old = `${buildDir}.old-${process.pid}`;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.renameSync(buildDir, old);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    try {
      fs.renameSync(tmp, buildDir);
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt >= 3 || (code !== "ENOTEMPTY" && code !== "EEXIST")) throw err;
    }
  }
  fs.rmSync(old, { recursive: true, force: true });
}

/** Builds every entry into {@link BUILD_DIR}; returns the number of files compiled. */
function build(): number {
  const options = compilerOptions();
  const manifest = { sources: {} as Record<string, string>, entries: {} as Record<string, string[]> };
  for (const rel of BUILD_INPUTS) manifest.sources[rel] = hashOf(fs.readFileSync(path.join(ROOT, rel)));
  const tmp = `${BUILD_DIR}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    for (const entry of ENTRIES) {
      const sources = sourcesOf(entry);
      manifest.entries[entry] = [...sources, ...BUILD_INPUTS];
      for (const rel of sources) {
        if (rel in manifest.sources) continue;
        const bytes = fs.readFileSync(path.join(ROOT, rel));
        const target = path.join(tmp, rel.replace(/\.ts$/, ".js"));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        if (rel.endsWith(".js")) {
          fs.writeFileSync(target, bytes);
        } else {
          const out = ts.transpileModule(bytes.toString("utf8"), {
            compilerOptions: options,
            fileName: path.join(ROOT, rel),
          });
          fs.writeFileSync(target, out.outputText);
        }
        manifest.sources[rel] = hashOf(bytes);
      }
    }
    fs.writeFileSync(path.join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    swapIn(tmp, BUILD_DIR);
    return Object.keys(manifest.sources).length - BUILD_INPUTS.length;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const started = Date.now();
  if (!process.argv.includes("--force") && ENTRIES.every((e) => freshBuild(e))) {
    console.log("build: current (no source changed since it was built; --force builds anyway)");
  } else {
    const count = build();
    const where = path.relative(process.cwd(), BUILD_DIR) || ".";
    console.log(`build: ${count} files into ${where} in ${Date.now() - started} ms`);
  }
}
