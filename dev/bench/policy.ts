// Benchmark of the offline policy run: wall time of the policy pack over both stacks (one pack start, as
// `npm run plan` pays it) as a ratio to the synth of both stacks alone, split into the pack's start-up (its compiled
// build when current, see lib/compiled.js; startup.ts compares it with its floor) and the analysis itself.
import { PolicySession } from "../policy/session";
import { synthStack, type SynthResult } from "../synth/index";
import { ENVIRONMENT_NAMES } from "../../lib/environments";
import { type BenchResult, median, ms } from "./util";

const SYNTH_RUNS = 3;
const ANALYSIS_RUNS = 5;

/** Synthesizes both stacks `SYNTH_RUNS` times; returns the median wall time and the last graphs. */
async function timeSynth(): Promise<{ wall: number; synths: SynthResult[] }> {
  const times: number[] = [];
  let synths: SynthResult[] = [];
  for (let run = 0; run < SYNTH_RUNS; run++) {
    const started = performance.now();
    synths = [];
    for (const env of ENVIRONMENT_NAMES) synths.push(await synthStack(env));
    times.push(performance.now() - started);
  }
  return { wall: median(times), synths };
}

/**
 * Runs the benchmark.
 * @returns the name and the lines to print: synth time, policy time and ratio, and the split of the policy time.
 */
export async function benchPolicy(): Promise<BenchResult> {
  const { wall: synthWall, synths } = await timeSynth();
  const started = performance.now();
  const session = await PolicySession.start();
  const startup = performance.now() - started;
  const analysis: number[] = [];
  let mandatory = 0;
  try {
    for (let run = 0; run < ANALYSIS_RUNS; run++) {
      const t = performance.now();
      const results = await Promise.all(synths.map((s) => session.run(s)));
      analysis.push(performance.now() - t);
      mandatory = results.reduce((n, r) => n + r.mandatory, 0);
    }
  } finally {
    await session.close();
  }
  const analyse = median(analysis);
  const policyWall = startup + analyse;
  const resources = synths.reduce((n, s) => n + s.resources.length, 0);
  const lines = [
    `synth of both stacks: ${ms(synthWall)} (median of ${SYNTH_RUNS})`,
    `policy over both stacks: ${ms(policyWall)} = ${(policyWall / synthWall).toFixed(2)}× the synth; ` +
      `plan (synth + policy) = ${((synthWall + policyWall) / synthWall).toFixed(2)}× the synth`,
    `  pack start-up (run-policy-pack loading the pack): ${ms(startup)}`,
    `  analysis (${resources} Analyze + ${synths.length} AnalyzeStack RPCs): ${ms(analyse)} ` +
      `(median of ${ANALYSIS_RUNS}; runs ${analysis.map((t) => Math.round(t)).join(", ")} ms)`,
    `  mandatory violations: ${mandatory}`,
  ];
  return { name: "policy: both stacks over the analyzer protocol", lines };
}
