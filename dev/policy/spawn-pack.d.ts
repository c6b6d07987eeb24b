/** Types of dev/policy/spawn-pack.js (plain JavaScript: dev/run.js loads it before anything is compiled). */
import type { ChildProcess } from "node:child_process";

/** The pack this project ships. */
export declare const DEFAULT_PACK_DIR: string;
/** Spawns the pack's process as the CLI does; pack-process.ts connects to it. */
export declare function spawnPack(options?: {
  packDir?: string;
  stack?: string;
  project?: string;
  env?: NodeJS.ProcessEnv;
}): { child: ChildProcess; packDir: string };
