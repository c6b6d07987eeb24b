/** Types of dev/policy/spawn-pack.js (plain JavaScript: dev/run.js loads it before anything is compiled). */
import type { ChildProcess } from "node:child_process";

/** The pack this project ships. */
export declare const DEFAULT_PACK_DIR: string;
/** What the pack's process is started with. */
export interface SpawnOptions {
  /** The pack directory (with PulumiPolicy.yaml). Default: this project's `policy/`. */
  packDir?: string;
  /** Stack and project, passed in the environment as the CLI does; the rules read the stack from URNs instead. */
  stack?: string;
  project?: string;
  /** Extra environment of the pack process, e.g. `CHEF_CHOPSKY_FROM_SOURCE=1` to run pack.ts, not its build. */
  env?: NodeJS.ProcessEnv;
}
/** Spawns the pack's process as the CLI does; pack-process.ts connects to it. */
export declare function spawnPack(options?: SpawnOptions): { child: ChildProcess; packDir: string };
