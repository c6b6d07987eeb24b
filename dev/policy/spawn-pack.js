// @ts-check
/**
 * Spawns the policy pack's process the way the Pulumi CLI does (see pack-process.ts), and nothing else: plain
 * JavaScript without the gRPC client, so that `npm run plan` (dev/run.js) can start the pack first thing, before it
 * loads the SDK and the program. The pack's start-up (about a second) then overlaps the load and the synth instead
 * of following them. pack-process.ts connects to the process it returns.
 */
const { spawn } = require("node:child_process");
const path = require("node:path");

/** The repository's root, from here or from the build's copy of this file (`.build/dev/policy/`), as lib/root.ts. */
const above = path.resolve(__dirname, "..", "..");
const REPO_ROOT = path.basename(above) === ".build" ? path.dirname(above) : above;

/** The pack this project ships. */
const DEFAULT_PACK_DIR = path.join(REPO_ROOT, "policy");

/** What the runner passes where the CLI passes its engine's address (see pack-process.ts). */
const UNUSED_ENGINE_ADDRESS = "127.0.0.1:0";

/**
 * @param {{ packDir?: string, stack?: string, project?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {{ child: import("node:child_process").ChildProcess, packDir: string }}
 */
function spawnPack(options = {}) {
  const packDir = path.resolve(options.packDir ?? DEFAULT_PACK_DIR);
  // Resolved from the pack directory, as the CLI's language host does: the pack's own @pulumi/pulumi if it has one,
  // otherwise the project's (Node's normal lookup walks up to the root node_modules).
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, ...options.env, PULUMI_NODEJS_DRY_RUN: "true", PULUMI_DRY_RUN: "true" };
  if (options.stack !== undefined) env.PULUMI_NODEJS_STACK = env.PULUMI_STACK = options.stack;
  if (options.project !== undefined) env.PULUMI_NODEJS_PROJECT = env.PULUMI_PROJECT = options.project;
  const child = spawn(process.execPath, [runner, UNUSED_ENGINE_ADDRESS, "."], {
    cwd: packDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // A spawn that fails emits "error" on the next tick, maybe before anyone listens (dev/run.js spawns early): without a
  // listener Node would throw it. pack-process.ts reports it (no pid) with everything else that stops a start.
  child.on("error", () => undefined);
  return { child, packDir };
}

module.exports = { DEFAULT_PACK_DIR, spawnPack };
