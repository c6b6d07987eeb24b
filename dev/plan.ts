/**
 * `npm run plan`, the main job: the offline synth of every declared stack, a summary of what each declares, the checks
 * that need the stacks together (no two may share a database or a Railway environment), and the policy verdict.
 * Exit 0 when clean; 1 on invalid config, a cross-stack conflict or a mandatory policy violation.
 */
import type { CliIo } from "../lib/cli";
import { ENVIRONMENT_NAMES } from "../lib/environments";
import { policyView, PROJECT_DIR, runProgram, synthFailure, type SynthResult } from "./synth/index";
import { formatSummary } from "./synth/format";
import { loadOfflineConfig } from "./synth/stack-config";
import type { StartOptions } from "./policy/pack-process";
import { PolicySession } from "./policy/session";
import { formatResult } from "./policy/format";

/** Values that identify an environment's backing services: two stacks sharing one is a broken isolation. */
const ISOLATED_KEYS = [
  "chef-chopsky:supabaseUrl",
  "chef-chopsky:railwayProjectId",
  "chef-chopsky:railwayEnvironmentId",
  "chef-chopsky:railwayServiceId",
];

/** The values two stacks share that each must have its own, for every pair of declared stacks. */
export function crossStackProblems(projectDir = PROJECT_DIR): string[] {
  const stacks = ENVIRONMENT_NAMES.map((s) => loadOfflineConfig(projectDir, s));
  const problems: string[] = [];
  stacks.forEach((a, i) => {
    for (const b of stacks.slice(i + 1)) {
      for (const k of ISOLATED_KEYS.filter((k) => a.config[k] !== undefined && a.config[k] === b.config[k]))
        problems.push(
          `${k} is the same on ${a.stack} and ${b.stack}: each environment needs its own (runbook: "Use separate secrets for different environments")`,
        );
    }
  });
  return problems;
}

/**
 * Runs the plan; `configDir` holds the Pulumi.*.yaml files (the project's own by default). With `session`, the policy
 * runs on that running pack (tests share one); otherwise the plan starts its own (or connects to `spawned`) and stops it.
 */
export async function main(
  io: CliIo,
  configDir = PROJECT_DIR,
  session?: PolicySession,
  spawned?: StartOptions["spawned"],
): Promise<number> {
  let failed = false;
  const results: SynthResult[] = [];
  // One pack process for every stack, started first: it boots in its own process while the stacks synthesize.
  // (`spawned`: dev/run.js spawned it before loading this module.)
  const starting = session ? Promise.resolve(session) : PolicySession.start({ spawned });
  starting.catch(() => undefined); // awaited below; this only keeps a failed start from being "unhandled" meanwhile
  for (const stack of ENVIRONMENT_NAMES) {
    try {
      const result = await runProgram(loadOfflineConfig(configDir, stack));
      results.push(result);
      io.stdout(formatSummary(result) + "\n");
    } catch (err) {
      failed = true;
      io.stderr(synthFailure(stack, err));
    }
  }
  for (const p of crossStackProblems(configDir)) {
    failed = true;
    io.stderr(`cross-stack: ${p}\n`);
  }
  const pack = await starting;
  try {
    for (const result of results) {
      const verdict = await pack.run(policyView(result));
      io.stdout(formatResult(result.stack, verdict) + "\n");
      if (verdict.mandatory) failed = true;
    }
  } finally {
    if (!session) await pack.close();
  }
  io.stdout(failed ? "plan: FAILED\n" : "plan: ok\n");
  return failed ? 1 : 0;
}
