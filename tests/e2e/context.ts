/**
 * What the engine suite's phases share (one run directory, one backend, both stacks, the fakes, the measurements),
 * and how a workflow step runs in it: its `pulumi` command through the CLI in the project copy, its `npm` command
 * in the copy too, with the step's environment (`${{ secrets.X }}` read from what the stack wrote to its GitHub
 * environment, as the runner would get it).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EnvironmentName } from "../../lib/environments";
import type { Outputs } from "./expected";
import { type EngineFakes, REPOSITORY } from "./fakes";
import { type CliRun, type Engine, spawnText } from "./harness";
import type { Metrics } from "./ops";
import { type CiCommands, ciCommands, type StepCommand } from "./workflows";

export interface Suite {
  fakes: EngineFakes;
  engine: Engine;
  metrics: Metrics;
  runDir: string;
  projectDir: string;
  /** The config secrets each stack was given. */
  secrets: Record<EnvironmentName, Record<string, string>>;
  /** Stacks whose first `pulumi up` succeeded: later phases need them. */
  upDone: Set<EnvironmentName>;
}

const holder: { suite?: Suite } = {};

export function setSuite(suite: Suite | undefined): void {
  holder.suite = suite;
}

/** The shared state; fails clearly when the root `before` did not get that far. */
export function suite(): Suite {
  if (!holder.suite) throw new Error("the engine suite's before hook failed: see its error above");
  return holder.suite;
}

/** The shared state, once `stack`'s first up succeeded (else a clear prerequisite failure). */
export function afterUp(...stacks: EnvironmentName[]): Suite {
  const s = suite();
  for (const stack of stacks)
    if (!s.upDone.has(stack))
      throw new Error(`prerequisite failed: the first \`pulumi up\` of ${stack} did not succeed`);
  return s;
}

/** A stack's outputs, as `pulumi stack output --json` prints them. */
export async function outputsOf(stack: string): Promise<Outputs> {
  const run = await suite().engine.run(["stack", "output", "--json", "--stack", stack]);
  if (run.code !== 0) throw new Error(`pulumi stack output --stack ${stack} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Outputs;
}

/** The sha the workflows deploy (`$GITHUB_SHA`), used as the update's message. */
export const GITHUB_SHA = "0123456789abcdef0123456789abcdef01234567";

/** The workflows' pulumi steps for one stack. */
export function ci(stack: EnvironmentName): CiCommands {
  const s = suite();
  const runnerTemp = path.join(s.runDir, "runner-temp", stack);
  fs.mkdirSync(runnerTemp, { recursive: true });
  return ciCommands({
    stack,
    runnerTemp,
    sha: GITHUB_SHA,
    secret: (name) => {
      // Set by hand in each GitHub environment (docs/RUNBOOK.md); the suite's backend is a file, no token needed.
      if (name === "PULUMI_ACCESS_TOKEN") return "";
      const value = s.fakes.github.secretValue(REPOSITORY, stack, name);
      if (value === undefined) throw new Error(`the ${stack} GitHub environment holds no secret ${name}`);
      return value;
    },
  });
}

/** A step's run: the command's, and when it pipes, the receiving command's. */
export interface StepRun extends CliRun {
  piped?: { code: number; stdout: string; stderr: string };
}

/**
 * Runs a workflow step's command (with `argv` replaced when given), as the runner would. `typeCheck`: as in
 * `RunOptions` (harness.ts): off unless asked.
 */
export async function runStep(cmd: StepCommand, argv: string[] = cmd.argv, typeCheck = false): Promise<StepRun> {
  const { engine } = suite();
  const env = Object.fromEntries(Object.entries(cmd.env()).filter(([, v]) => v !== ""));
  const first = await runOne(engine, argv, env, undefined, typeCheck);
  if (cmd.stdoutTo) fs.writeFileSync(cmd.stdoutTo, first.stdout);
  if (!cmd.pipeTo) return first;
  const started = Date.now();
  const piped = await runOne(engine, cmd.pipeTo, env, first.stdout);
  return { ...first, piped, ms: first.ms + (Date.now() - started) };
}

async function runOne(
  engine: Engine,
  argv: string[],
  env: Record<string, string>,
  stdin?: string,
  typeCheck = false,
): Promise<CliRun> {
  if (argv[0] === "pulumi") return engine.run(argv.slice(1), { env, stdin, typeCheck });
  if (argv[0] !== "npm") throw new Error(`a workflow step runs ${argv[0]}: the suite runs only pulumi and npm`);
  const started = Date.now();
  const r = await spawnText("npm", argv.slice(1), { cwd: engine.projectDir, env: engine.env(env), stdin });
  return { argv, ...r, events: [], ms: Date.now() - started };
}
