/**
 * The bridge to the lead's offline synth (`tools/synth/`, exporting `synthStack(stack)` that returns the synth JSON).
 * Loaded lazily so that `--synth FILE`, tests and the policy pack never load the Pulumi program.
 */
import * as path from "node:path";

type SynthStack = (stack: string) => unknown;

/** The directory form first (`tools/synth/index.ts`), then `tools/synth.ts` if it exports `synthStack` itself. */
const CANDIDATES = [path.resolve(__dirname, "..", "synth") + path.sep, path.resolve(__dirname, "..", "synth")];

/** The synth function, or undefined when `tools/synth` does not exist (yet). */
export function findSynthStack(): SynthStack | undefined {
  for (const candidate of CANDIDATES) {
    let mod: unknown;
    try {
      // A runtime path (the synth is optional): a static import would make this module fail to load without it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      mod = require(candidate);
    } catch (err) {
      const notFound = (err as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND";
      // A missing module is "no synth"; an error inside an existing synth must surface.
      if (notFound && String((err as Error).message).includes(candidate.replace(/[\\/]$/, ""))) continue;
      throw err;
    }
    const fn = (mod as { synthStack?: unknown }).synthStack;
    if (typeof fn === "function") return fn as SynthStack;
  }
  return undefined;
}

/** Synthesizes a stack with the lead's synth; throws a clear error when it is missing. */
export async function synthStack(stack: string): Promise<unknown> {
  const fn = findSynthStack();
  if (fn === undefined) throw new Error("tools/synth (synthStack) is not available: use --synth FILE instead");
  return await fn(stack);
}
