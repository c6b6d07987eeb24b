/**
 * Builds the Vercel stand-in into `.tools/standins/vercel/` (git-ignored), apart from the real tools in
 * `.tools/bin`: the sources transpiled to `dist/*.js`, and `pulumi-resource-vercel`, a small sh launcher that runs
 * `dist/main.js` with node. A second run with unchanged sources reuses the build (a content stamp).
 *
 * Usage: bash dev/engine/standin-vercel/build.sh   (prints the launcher's path on the last line)
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

export const SRC = __dirname;
export const ROOT = path.resolve(SRC, "..", "..", "..");
export const OUT = path.join(ROOT, ".tools", "standins", "vercel");
export const LAUNCHER = path.join(OUT, "pulumi-resource-vercel");

/** The sources of the plugin (every .ts here but this build script). */
function sources(): string[] {
  return fs
    .readdirSync(SRC)
    .filter((f) => f.endsWith(".ts") && f !== "build.ts")
    .sort();
}

function launcher(): string {
  const main = path.join(OUT, "dist", "main.js");
  const modules = path.join(ROOT, "node_modules");
  return [
    "#!/bin/sh",
    "# pulumi-resource-vercel 5.4.1 -- A STAND-IN, NOT THE REAL VERCEL PROVIDER.",
    "# Serves only the Chef Chopsky engine suite, against the local Vercel fake (tests/fakes/vercel-projects.ts).",
    "# Source and rules: dev/engine/standin-vercel/README.md. It refuses to start unless",
    "# CHEF_CHOPSKY_VERCEL_STANDIN=engine-suite and CHEF_CHOPSKY_VERCEL_STANDIN_API=http://127.0.0.1:PORT.",
    `NODE_PATH=${JSON.stringify(modules)}\${NODE_PATH:+:$NODE_PATH}`,
    "export NODE_PATH",
    `exec node ${JSON.stringify(main)} "$@"`,
    "",
  ].join("\n");
}

/** Builds unless the stamp says the build is current; returns what it did. */
export function build(): { reused: boolean; ms: number } {
  const started = Date.now();
  const files = sources();
  const hash = createHash("sha256");
  for (const f of [...files, "build.ts"]) hash.update(f).update(fs.readFileSync(path.join(SRC, f)));
  hash.update(launcher());
  const stamp = hash.digest("hex");
  const stampFile = path.join(OUT, ".stamp");
  if (fs.existsSync(LAUNCHER) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp)
    return { reused: true, ms: Date.now() - started };
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(path.join(OUT, "dist"), { recursive: true });
  for (const f of files) {
    const out = ts.transpileModule(fs.readFileSync(path.join(SRC, f), "utf8"), {
      fileName: f,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        sourceMap: false,
      },
    });
    fs.writeFileSync(path.join(OUT, "dist", f.replace(/\.ts$/, ".js")), out.outputText);
  }
  fs.writeFileSync(LAUNCHER, launcher(), { mode: 0o755 });
  fs.writeFileSync(stampFile, stamp);
  return { reused: false, ms: Date.now() - started };
}

if (require.main === module) {
  const { reused, ms } = build();
  process.stdout.write(`vercel stand-in: ${reused ? "up to date" : "built"} in ${ms} ms\n${LAUNCHER}\n`);
}
