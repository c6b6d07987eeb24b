/**
 * The synth of both stacks as a ratio to loading @pulumi/pulumi alone in a bare Node process (the floor any
 * Pulumi program pays). The program is compiled once with tsc first, so what is timed is the program and the
 * SDK, not the TypeScript loader; the ts-node path that `npm run synth` takes is reported beside it.
 * Runs alternate between the two commands so that machine noise hits both alike; medians of RUNS each.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { type BenchResult, median, timeProcess } from "./util";

const ROOT = path.resolve(__dirname, "..");
const BUILD = path.join(ROOT, ".bench-build");
const RUNS = 7;
export const TARGET_RATIO = 1.5;

function compile(): number {
  const start = Date.now();
  fs.rmSync(BUILD, { recursive: true, force: true });
  const tsc = require.resolve("typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit", "false", "--outDir", BUILD], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`tsc failed: ${r.stdout.slice(0, 1000)}`);
  for (const f of fs.readdirSync(ROOT))
    if (/^Pulumi(\.[a-z]+)?\.yaml$/.test(f)) fs.copyFileSync(path.join(ROOT, f), path.join(BUILD, f));
  fs.writeFileSync(
    path.join(BUILD, "synth-both.js"),
    `const { synthStack } = require("./dev/synth/index.js");\n` +
      `(async () => { await synthStack("production"); await synthStack("staging"); })().catch((e) => { console.error(e); process.exit(1); });\n`,
  );
  return Date.now() - start;
}

export async function benchSynth(): Promise<BenchResult> {
  const compileMs = compile();
  const floor: number[] = [];
  const synth: number[] = [];
  const tsNode: number[] = [];
  const tsNodeBin = require.resolve("ts-node/dist/bin.js");
  for (let i = 0; i < RUNS; i++) {
    floor.push(timeProcess(process.execPath, ["-e", "require('@pulumi/pulumi')"], ROOT));
    synth.push(timeProcess(process.execPath, [path.join(BUILD, "synth-both.js")], BUILD));
    if (i < 3)
      tsNode.push(
        timeProcess(
          process.execPath,
          [
            tsNodeBin,
            "--transpile-only",
            "-e",
            `const {synthStack}=require("./dev/synth/index");(async()=>{await synthStack("production");await synthStack("staging")})()`,
          ],
          ROOT,
        ),
      );
  }
  const ratio = median(synth) / median(floor);
  return {
    name: "synth of both stacks",
    lines: [
      `load @pulumi/pulumi alone: median ${median(floor).toFixed(0)} ms (${RUNS} runs)`,
      `synth production + staging (compiled): median ${median(synth).toFixed(0)} ms → ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×) ${ratio <= TARGET_RATIO ? "ok" : "OVER TARGET"}`,
      `the same through ts-node (npm run synth): median ${median(tsNode).toFixed(0)} ms → ${(median(tsNode) / median(floor)).toFixed(2)}×`,
      `(one-off tsc compile for this benchmark: ${compileMs} ms)`,
    ],
  };
}

if (require.main === module) {
  void benchSynth().then((r) => console.log([r.name, ...r.lines.map((l) => `  ${l}`)].join("\n")));
}
