/**
 * Test helpers for the stack program: run it for a stack under the recording mock monitor, with the stack's
 * YAML config or changes to it, and await outputs with a timeout so that an unawaited apply cannot hide a failure.
 */
import * as pulumi from "@pulumi/pulumi";
import { runProgram, PROJECT_DIR, type SynthResult } from "../dev/synth/index";
import { loadOfflineConfig, type OfflineConfig } from "../dev/synth/stack-config";

/** The stack's offline config with some keys changed (`undefined` removes a key). */
export function configFor(stack: string, changes: Record<string, string | undefined> = {}): OfflineConfig {
  const offline = loadOfflineConfig(PROJECT_DIR, stack);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete offline.config[k];
    else offline.config[k] = v;
  }
  return offline;
}

/** Runs the real program (index.ts) for a stack. */
export async function synth(stack: string, changes: Record<string, string | undefined> = {}): Promise<SynthResult> {
  return runProgram(configFor(stack, changes));
}

/** Resolves an Output (or plain value) with a timeout; also reports whether it is secret. */
export async function resolve<T>(value: pulumi.Input<T>, ms = 5000): Promise<{ value: T; secret: boolean }> {
  const out = pulumi.output(value);
  const work = Promise.all([new Promise<T>((res) => out.apply((v) => res(v as T))), pulumi.isSecret(out)]).then(
    ([v, secret]) => ({ value: v, secret }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => {
    timer = setTimeout(() => rej(new Error(`output did not resolve within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The resources of a given type in a synth. */
export function ofType(result: SynthResult, type: string) {
  return result.resources.filter((r) => r.type === type);
}

export const VERCEL_VAR = "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable";
export const VERCEL_PROJECT = "vercel:index/project:Project";
export const GH_SECRET = "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret";
export const GH_ENV = "github:index/repositoryEnvironment:RepositoryEnvironment";
export const GH_POLICY = "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy";
