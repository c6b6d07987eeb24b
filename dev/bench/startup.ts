/**
 * The start-up costs, each as a ratio to the floor it cannot go below, all measured in the same runs (interleaved,
 * so that the noise of a shared machine hits floors and commands alike; medians of {@link RUNS}):
 * - `npm run plan` and `npm run synth -- --stack production`, as a user types them, and the synth of both stacks
 *   from the compiled build, against loading `@pulumi/pulumi` alone (what any Pulumi program pays);
 * - the policy pack's start-up until it listens, started as the offline runner starts it and under the real CLI (when
 *   `npm run engine:build` has built it: see ./cli-policy.ts), against loading `@pulumi/policy` alone.
 * With `--compare DIR` every command is also measured in another checkout (e.g. the commit before a change), in the
 * same runs, against the same floors.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { freshBuild } from "../../lib/compiled";
import { CLI } from "../engine/paths";
import { spawnPack } from "../policy/spawn-pack";
import { cliAvailable, CliPolicyBench } from "./cli-policy";
import { REPO_ROOT } from "../../lib/root";
import { type BenchResult, median, ms, timeProcess } from "./util";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

type Floor = "pulumi" | "policy";

/** One measured command, in one checkout. */
interface Subject {
  label: string;
  floor: Floor;
  target: number;
  /** Wall time of one run, in ms, in the checkout `root`. */
  time(root: string): Promise<number>;
}

/** Wall time until the pack in `packDir` (spawned as the offline runner spawns it) prints its port; then stops it. */
function timeUntilListening(packDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const { child } = spawnPack({ packDir });
    let err = "";
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
    const early = (code: number | null) =>
      reject(new Error(`the policy pack exited (${code}) before listening: ${err.slice(-500)}`));
    child.once("exit", early);
    child.stdout!.setEncoding("utf8").once("data", (line: string) => {
      const took = Number(process.hrtime.bigint() - start) / 1e6;
      child.off("exit", early);
      child.once("exit", () =>
        /^\d+/.test(line) ? resolve(took) : reject(new Error(`the policy pack: ${line} ${err}`)),
      );
      child.kill("SIGTERM");
    });
  });
}

/** The script that synthesizes both stacks from compiled JavaScript in `root` (its build, else a tsc build). */
function compiledSynthScript(root: string): { script: string; cwd: string } {
  const both = (file: string) =>
    `const { synthStack } = require(${JSON.stringify(file)});` +
    `(async () => { await synthStack("production"); await synthStack("staging"); })()` +
    `.catch((e) => { console.error(e); process.exit(1); });`;
  // A checkout's own build, when it has one (its lib/compiled.js judges whether that build is current).
  const loader = path.join(root, "lib", "compiled.js");
  if (root === REPO_ROOT || fs.existsSync(loader)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- another checkout's loader, found at run time
    const isFresh = root === REPO_ROOT ? freshBuild : (require(loader) as { freshBuild: typeof freshBuild }).freshBuild;
    if (!isFresh("dev/synth"))
      throw new Error(`the build in ${root} is not current: run \`npm run build\` there first`);
    return { script: both(path.join(root, ".build", "dev", "synth", "index.js")), cwd: root };
  }
  // A checkout from before the build: compile it whole with tsc, as this benchmark did before the build existed.
  const out = path.join(root, ".bench-build");
  fs.rmSync(out, { recursive: true, force: true });
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit", "false", "--outDir", out], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`tsc in ${root} failed: ${r.stdout.slice(0, 1000)}`);
  for (const f of fs.readdirSync(root)) {
    if (/^Pulumi(\.[a-z]+)?\.yaml$/.test(f)) fs.copyFileSync(path.join(root, f), path.join(out, f));
  }
  return { script: both(path.join(out, "dev", "synth", "index.js")), cwd: out };
}

function subjects(cli: CliPolicyBench | undefined): Subject[] {
  const scripts = new Map<string, { script: string; cwd: string }>();
  const list: Subject[] = [
    {
      label: "npm run plan",
      floor: "pulumi",
      target: 4,
      time: async (root) => timeProcess("npm", ["run", "--silent", "plan"], root),
    },
    {
      label: "npm run synth -- --stack production",
      floor: "pulumi",
      target: 2,
      time: async (root) => timeProcess("npm", ["run", "--silent", "synth", "--", "--stack", "production"], root),
    },
    {
      label: "synth of both stacks, compiled",
      floor: "pulumi",
      target: 1.5,
      time: async (root) => {
        if (!scripts.has(root)) scripts.set(root, compiledSynthScript(root));
        const { script, cwd } = scripts.get(root)!;
        return timeProcess(process.execPath, ["-e", script], cwd);
      },
    },
    {
      label: "policy pack start-up, offline runner",
      floor: "policy",
      target: 1.5,
      time: (root) => timeUntilListening(path.join(root, "policy")),
    },
  ];
  if (cli) {
    list.push({
      label: "policy pack start-up, under the CLI",
      floor: "policy",
      target: 1.5,
      time: async (root) => cli.time(path.join(root, "policy")),
    });
  }
  return list;
}

/**
 * Runs the benchmark.
 * @param compare - another checkout to measure in the same runs (e.g. the commit before a change).
 */
export async function benchStartup(compare?: string): Promise<BenchResult> {
  const roots = [REPO_ROOT, ...(compare ? [path.resolve(compare)] : [])];
  const cli = cliAvailable() ? new CliPolicyBench() : undefined;
  const list = subjects(cli);
  const floors: Record<Floor, number[]> = { pulumi: [], policy: [] };
  const times = new Map<string, number[]>();
  const key = (s: Subject, root: string) => `${s.label}@${root}`;
  try {
    for (let run = 0; run < RUNS; run++) {
      floors.pulumi.push(timeProcess(process.execPath, ["-e", "require('@pulumi/pulumi')"], REPO_ROOT));
      floors.policy.push(timeProcess(process.execPath, ["-e", "require('@pulumi/policy')"], REPO_ROOT));
      for (const s of list) {
        for (const root of roots) {
          const t = await s.time(root);
          times.set(key(s, root), [...(times.get(key(s, root)) ?? []), t]);
        }
      }
    }
  } finally {
    cli?.close();
  }
  const floor = { pulumi: median(floors.pulumi), policy: median(floors.policy) };
  const wall = (s: Subject, root: string) => median(times.get(key(s, root))!);
  const ratio = (s: Subject, root: string) => wall(s, root) / floor[s.floor];
  const lines = [
    `floors: load @pulumi/pulumi ${ms(floor.pulumi)}, load @pulumi/policy ${ms(floor.policy)} (median of ${RUNS})`,
  ];
  for (const s of list) {
    const r = ratio(s, REPO_ROOT);
    const verdict = r <= s.target ? "ok" : "OVER TARGET";
    let line =
      `${s.label}: ${ms(wall(s, REPO_ROOT))} = ${r.toFixed(2)}× the ${s.floor} floor ` +
      `(target ≤ ${s.target}×) ${verdict}`;
    if (compare) line += `; in ${compare}: ${ms(wall(s, roots[1]))} = ${ratio(s, roots[1]).toFixed(2)}×`;
    lines.push(line);
  }
  if (!cli) {
    lines.push(
      `policy pack start-up under the CLI: not measured, no CLI with its language host at ${CLI} (npm run engine:build)`,
    );
  }
  return { name: "start-up, as ratios to the floors", lines };
}
