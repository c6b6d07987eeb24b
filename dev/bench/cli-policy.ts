/**
 * The policy pack's start-up under the real CLI: `pulumi preview --policy-pack <pack>` of a project with no resources
 * (so that nothing but the pack is timed), on a local backend, with the CLI built by `npm run engine:build` (or
 * `CHEF_CHOPSKY_PULUMI`). The time is read from the language host's own log lines (`--logflow -v=9`), which carry
 * timestamps: from "Attempting to run nodejs plugin" (RunPlugin, kind analyzer) to "Attaching to policy pack on port"
 * (the pack listens), less the time the host spent waiting for the engine's stack configuration ("Awaiting" to
 * "Awaited policy pack configuration"), which is the engine's and not the pack's. What remains is what the CLI pays for
 * the pack to start: locating the runner, starting Node, loading the SDK and the pack. Source of those log lines:
 * pulumi-language-nodejs `RunPlugin` and sdk/v3 `policy_proxy.go` (3.248.0).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/root";
import { CLI, languageHost, PULUMI_HOME } from "../engine/paths";

/** Whether a CLI with its Node.js language host beside it is there to measure with. */
export function cliAvailable(): boolean {
  return fs.existsSync(CLI) && fs.existsSync(languageHost());
}

const MARKS = {
  start: "Attempting to run nodejs plugin",
  awaiting: "Awaiting policy pack configuration",
  awaited: "Awaited policy pack configuration",
  listening: "Attaching to policy pack on port",
} as const;
type Mark = keyof typeof MARKS;

/**
 * The marks' times (ms since the epoch) in the log the CLI writes with `--logflow -v=9 --logtostderr`. The language
 * host's lines reach it as JSON inside the CLI's own JSON lines, escaped; the first occurrence of each is taken.
 */
export function marksOf(log: string): Record<Mark, number> {
  const found: Partial<Record<Mark, number>> = {};
  const line = /\\"time\\":\\"([^"\\]+)\\",\\"level\\":\\"[A-Z]+\\",\\"msg\\":\\"([^"\\]*)/g;
  for (const m of log.matchAll(line)) {
    for (const [mark, text] of Object.entries(MARKS) as [Mark, string][]) {
      if (found[mark] === undefined && m[2].startsWith(text)) found[mark] = Date.parse(m[1]);
    }
  }
  for (const mark of Object.keys(MARKS) as Mark[]) {
    if (found[mark] === undefined || Number.isNaN(found[mark])) {
      throw new Error(`the CLI's log has no "${MARKS[mark]}" line with a time: is the language host 3.248?`);
    }
  }
  return found as Record<Mark, number>;
}

/** The pack's start-up in a log: start to listening, less the wait for the engine. */
export function startupOf(log: string): number {
  const t = marksOf(log);
  return t.listening - t.start - (t.awaited - t.awaiting);
}

/** A project without resources on a local backend, stack `production`, to preview with a pack. */
export class CliPolicyBench {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cli-policy-"));
  private readonly env: NodeJS.ProcessEnv;

  constructor() {
    const project = path.join(this.dir, "project");
    fs.mkdirSync(project);
    fs.mkdirSync(path.join(this.dir, "backend"));
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      "name: policy-startup-bench\nruntime: nodejs\nmain: index.js\n",
    );
    fs.writeFileSync(path.join(project, "index.js"), "// no resources: only the policy pack is timed\n");
    fs.writeFileSync(path.join(project, "package.json"), '{ "name": "policy-startup-bench", "private": true }\n');
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(project, "node_modules"));
    this.env = {
      PATH: `${path.dirname(CLI)}${path.delimiter}${process.env.PATH ?? ""}`,
      HOME: process.env.HOME,
      PULUMI_HOME,
      PULUMI_BACKEND_URL: `file://${path.join(this.dir, "backend")}`,
      // A local backend's stack needs a passphrase for its (empty) secrets; not a secret of anything.
      PULUMI_CONFIG_PASSPHRASE: "benchmark",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
    this.pulumi(["stack", "init", "production"]);
  }

  private pulumi(args: string[]): string {
    const r = spawnSync(CLI, args, { cwd: path.join(this.dir, "project"), env: this.env, encoding: "utf8" });
    if (r.status !== 0)
      throw new Error(`pulumi ${args[0]} failed (${r.status}): ${(r.stderr || r.stdout).slice(-800)}`);
    return r.stderr;
  }

  /** One preview with the pack in `packDir`; its start-up in ms. */
  time(packDir: string): number {
    return startupOf(
      this.pulumi(["preview", "--stack", "production", "--policy-pack", packDir, "--logflow", "-v=9", "--logtostderr"]),
    );
  }

  /** Removes the project and its backend. */
  close(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
