/**
 * The engine suite's harness: the Pulumi CLI as a subprocess, run as a user runs it (in a project directory, a
 * `file://` backend, the passphrase secrets provider), with the Node.js language host compiling `index.ts`.
 *
 * Which engine: `.tools/bin/pulumi` with its plugin cache `.tools/pulumi-home` (both from `npm run engine:build`), or
 * an installed CLI: `CHEF_CHOPSKY_PULUMI=/path/to/pulumi` (its language host beside it, as every release ships it)
 * and `CHEF_CHOPSKY_PULUMI_HOME=<a PULUMI_HOME>` whose plugin cache holds the command and GitHub providers at the
 * versions the npm packages pin. No plugin is ever downloaded (PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { CLI, languageHost, PULUMI_HOME } from "../../dev/engine/paths";

export { CLI, PULUMI_HOME };

export const ROOT = path.resolve(__dirname, "..", "..");
/** The Vercel stand-in (dev/engine/standin-vercel), apart from the real tools. */
export const STANDIN_DIR = path.join(ROOT, ".tools", "standins", "vercel");
export const PASSPHRASE = "engine-suite-passphrase";

/** The provider plugin version an npm package pins (its package.json `pulumi.version`). */
export function pinnedPlugin(pkg: string): string {
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as {
    pulumi?: { version?: string };
  };
  if (!json.pulumi?.version) throw new Error(`${pkg}/package.json declares no plugin version`);
  return json.pulumi.version;
}

/** Fails at once, saying what to run, when a part of the engine is missing. */
export function requireEngine(): void {
  const build = "run `npm run engine:build` (README, The engine suite)";
  if (!fs.existsSync(CLI)) throw new Error(`no Pulumi CLI at ${CLI}: ${build}`);
  const host = languageHost();
  if (!fs.existsSync(host)) throw new Error(`no language host next to the CLI (${host}): ${build}`);
  for (const [name, pkg] of [
    ["command", "@pulumi/command"],
    ["github", "@pulumi/github"],
  ]) {
    const dir = path.join(PULUMI_HOME, "plugins", `resource-${name}-v${pinnedPlugin(pkg)}`);
    if (!fs.existsSync(dir)) throw new Error(`no ${name} provider in the plugin cache (${dir}): ${build}`);
  }
  if (!fs.existsSync(path.join(STANDIN_DIR, "pulumi-resource-vercel")))
    throw new Error(`no Vercel stand-in in ${STANDIN_DIR}: ${build}`);
}

/** One CLI run: what it printed, its exit code, its engine events (preview/up/refresh/destroy) and its wall time. */
export interface CliRun {
  argv: string[];
  code: number;
  stdout: string;
  stderr: string;
  events: EngineEvent[];
  ms: number;
}

/** What {@link Engine.run} takes beside the arguments. */
export interface RunOptions {
  /** Written to the CLI's standard input (then closed). */
  stdin?: string;
  /** Extra environment (on top of the engine's). */
  env?: Record<string, string>;
  /** Working directory; default the project copy. */
  cwd?: string;
  /**
   * Type-check the program as the CLI does by default (ts-node with type checking). Off unless asked: the pull
   * request's preview of each stack type-checks (where a user meets a type error); the suite's many other runs of
   * the same unchanged program only transpile it (PULUMI_NODEJS_TRANSPILE_ONLY), which halves their start-up. The
   * policy pack is always type-checked (run-policy-pack registers ts-node with `typeCheck: true`).
   */
  typeCheck?: boolean;
}

/** Subcommands that take `--event-log`: the suite reads their engine events from it. */
const EVENT_COMMANDS = new Set(["preview", "up", "update", "refresh", "destroy"]);

/** A CLI bound to one run directory: its backend, its project copy, and the environment every process gets. */
export class Engine {
  private logSeq = 0;

  constructor(
    readonly runDir: string,
    readonly projectDir: string,
    /** Environment for the CLI beyond the engine's own (the stand-in's address, deploy poll interval, …). */
    private readonly extraEnv: Record<string, string>,
  ) {}

  get backendDir(): string {
    return path.join(this.runDir, "backend");
  }

  /**
   * The environment of the CLI and of every plugin it starts. Built from a short allow-list of the runner's, so no
   * credential (GITHUB_TOKEN, RAILWAY_TOKEN, …) leaks in from the machine: the stack config is the only source.
   */
  env(extra: Record<string, string> = {}): Record<string, string> {
    const keep = ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER", "SHELL"];
    const base = Object.fromEntries(keep.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));
    return {
      ...base,
      PULUMI_HOME,
      PULUMI_BACKEND_URL: `file://${this.backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      // Enables `--event-log` (the automation API, and so pulumi/actions, sets it too: automation/cmd.ts).
      PULUMI_DEBUG_COMMANDS: "true",
      // Marks every process of this run, so that the suite can prove none is left behind (processesOf).
      CHEF_CHOPSKY_ENGINE_RUN: this.runDir,
      ...this.extraEnv,
      ...extra,
    };
  }

  /** Runs `pulumi ARGS` in the project copy; never throws on a non-zero exit (the caller asserts on `code`). */
  async run(argv: string[], options: RunOptions = {}): Promise<CliRun> {
    const args = [...argv];
    let eventLog: string | undefined;
    if (EVENT_COMMANDS.has(args[0])) {
      eventLog = path.join(this.runDir, "events", `${++this.logSeq}-${args[0]}.jsonl`);
      fs.mkdirSync(path.dirname(eventLog), { recursive: true });
      args.push("--event-log", eventLog);
    }
    const started = Date.now();
    const env = this.env({ ...(options.typeCheck ? {} : { PULUMI_NODEJS_TRANSPILE_ONLY: "true" }), ...options.env });
    const result = await spawnText(CLI, args, { stdin: options.stdin, cwd: options.cwd ?? this.projectDir, env });
    return { argv, ...result, events: eventLog ? readEvents(eventLog) : [], ms: Date.now() - started };
  }
}

/** Runs a command to completion, collecting its output; asynchronous, so the fakes in this process keep answering. */
export function spawnText(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; stdin?: string },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

function readEvents(file: string): EngineEvent[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EngineEvent);
}

/** The change summary of a run (`{ create: 3, same: 2 }`), from its summary event. */
export function changesOf(run: CliRun): Record<string, number> {
  const summary = run.events.find((e) => e.summaryEvent)?.summaryEvent;
  if (!summary)
    throw new Error(`no summary event in \`pulumi ${run.argv.join(" ")}\` (exit ${run.code}):\n${textOf(run)}`);
  return Object.fromEntries(Object.entries(summary.resourceChanges ?? {}).filter(([, n]) => n > 0));
}

/** Everything a run printed, for messages and text checks. */
export function textOf(run: Pick<CliRun, "stdout" | "stderr">): string {
  return `${run.stdout}\n${run.stderr}`;
}

/** Asserts a run succeeded, with its output in the error otherwise. */
export function succeeded<T extends CliRun>(run: T): T {
  if (run.code !== 0) throw new Error(`\`pulumi ${run.argv.join(" ")}\` exited ${run.code}:\n${textOf(run)}`);
  return run;
}

/** A fresh run directory under the project (git-ignored .engine-state/). */
export function freshRunDir(): string {
  const dir = path.join(ROOT, ".engine-state", `run-${process.pid}-${Date.now()}`);
  fs.mkdirSync(path.join(dir, "backend"), { recursive: true });
  return dir;
}

/** Removes a run directory made by {@link freshRunDir}. */
export function removeRunDir(dir: string): void {
  if (!dir.startsWith(path.join(ROOT, ".engine-state") + path.sep)) throw new Error(`not a run dir: ${dir}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Processes still running with this run's marker in their environment: the CLI, the language host, the providers and
 * policy pack it starts, and what they start. Linux only (reads /proc); elsewhere none are found.
 */
export function processesOf(runDir: string): number[] {
  const marker = `CHEF_CHOPSKY_ENGINE_RUN=${runDir}\0`;
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  return entries.map(Number).filter((pid) => {
    if (pid === process.pid) return false;
    try {
      return fs.readFileSync(`/proc/${pid}/environ`, "latin1").includes(marker);
    } catch {
      return false; // gone meanwhile, or not ours to read
    }
  });
}
