/**
 * The offline synth: runs the real program (index.ts) under Pulumi's mock runtime with a stack's YAML config and
 * returns the resource graph, with no credentials and no network. Secret inputs are listed by path, never shown.
 */
import "./defer-sdk";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { setAllConfig } from "@pulumi/pulumi/runtime/config";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { ConfigError, setOfflinePlaceholders } from "../../config";
import { FINGERPRINT_KEY } from "../../lib/fingerprint";
import { REPO_ROOT } from "../../lib/root";
import { FINGERPRINTS_VARIABLE, publishedValue } from "../../lib/published-fingerprints";
import { requiredConfigSecrets } from "../../lib/catalog";
import { fingerprintRecord } from "../../lib/secret-record";
import { loadOfflineConfig, type OfflineConfig, placeholderFor } from "./stack-config";
import { invokeFor } from "./invokes";
import { mapSecrets, type RecordedResource, RecordingMonitor, settle, type StateFor, useMonitor } from "./monitor";

/** The project: Pulumi.yaml and the stack files. */
export const PROJECT_DIR = REPO_ROOT;

/** The program (index.ts), next to this code: its TypeScript, or its build when this runs from the build. */
const PROGRAM = path.join(__dirname, "..", "..", "index");

/** One resource of the synth JSON: what the engine would receive, secrets as "[secret]", nothing raw. */
export type SynthResource = Omit<RecordedResource, "rawInputs" | "outputs" | "secretOutputs">;

/** The synth JSON (README: "The synth format"). */
export interface SynthResult {
  project: string;
  stack: string;
  resources: SynthResource[];
  outputs: Record<string, unknown>;
  /** Output names whose values are secret (shown as "[secret]"). */
  secretOutputs: string[];
}

/** A stand-in for another stack's outputs, for the StackReference the staging stack reads. */
export const REFERENCED_OUTPUTS: Record<string, unknown> = { vercelProjectId: "prj_synthProductionProject" };

/**
 * The repository variables one synth's program sees (components/secrets.ts reads production's published
 * fingerprints): production's placeholder values fingerprinted under the fingerprint key this synth uses (the real
 * stacks share one key), published as production's `pulumi up` publishes them, so that staging's comparison runs
 * offline as under the CLI, and finds no reuse.
 */
export function repositoryVariables(offline: OfflineConfig): Record<string, string> {
  const key = offline.config[FINGERPRINT_KEY];
  if (key === undefined) return {};
  const values = requiredConfigSecrets("production").map((k) => [
    k,
    k === FINGERPRINT_KEY ? key : placeholderFor("production", k),
  ]);
  return { [FINGERPRINTS_VARIABLE]: publishedValue(fingerprintRecord(Object.fromEntries(values))) };
}

/** The mock answer for a resource: a StackReference gets the referenced stack's stand-in outputs. */
export function stateFor(outputs: Record<string, unknown>): StateFor {
  return (type) => (type === "pulumi:pulumi:StackReference" ? { state: { outputs, secretOutputNames: [] } } : {});
}

/**
 * The inputs as the policy pack sees them under the real CLI, where it is handed secret values in plaintext:
 * kept in memory only, never written. Offline every secret is a labelled placeholder (nothing is decrypted), so
 * what this reveals is plain config and placeholders; it lets the offline policy check values a provider SDK marks
 * secret wholesale (every Vercel variable value, the Railway variables map).
 */
const revealed = new WeakMap<SynthResult, Map<string, Record<string, unknown>>>();

const unwrapSecrets = (value: unknown): unknown => mapSecrets(value, unwrapSecrets);

/** The synth with its inputs as the policy pack would see them under the CLI (see {@link revealed}). */
export function policyView(result: SynthResult): SynthResult {
  const inputs = revealed.get(result);
  if (!inputs) return result;
  return { ...result, resources: result.resources.map((r) => ({ ...r, inputs: inputs.get(r.urn) ?? r.inputs })) };
}

/**
 * Runs `work` with stack traces left blank: the SDK captures and formats one for every resource (its source position:
 * it raises the depth limit to unlimited for that) and every promise (for leak reports), a third of a synth's time
 * after loading, and the synth records neither. So the default depth is 0, and an error without a message (what the
 * SDK creates only for its stack) formats as nothing. The overrides are process-wide for the run: the SDK's own state
 * allows one program run at a time anyway. An error thrown meanwhile has no frames, so {@link runProgram} runs a failed
 * program once more with them.
 */
async function withoutStackCaptures<T>(work: () => Promise<T>): Promise<T> {
  const [limit, prepare] = [Error.stackTraceLimit, Error.prepareStackTrace];
  Error.stackTraceLimit = 0;
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => {
    if (error.message === "" && error.name === "Error") return "";
    if (prepare) return prepare(error, frames);
    return [String(error), ...frames.map((f) => `    at ${String(f)}`)].join("\n");
  };
  try {
    return await work();
  } finally {
    [Error.stackTraceLimit, Error.prepareStackTrace] = [limit, prepare];
  }
}

/** Replaces a dynamic provider's serialized code (large, and not an input anyone sets) by a short description. */
function describeProvider(inputs: Record<string, unknown>): Record<string, unknown> {
  if (typeof inputs.__provider !== "string") return inputs;
  return { ...inputs, __provider: `[serialized dynamic provider, ${inputs.__provider.length} characters]` };
}

/**
 * Under the CLI an error the program leaves unhandled (one thrown in an `apply` that feeds a resource, such as
 * staging's secret comparison) fails the run (@pulumi/pulumi/cmd/run/run.js installs an `unhandledRejection`
 * handler); the synth fails the same way instead of waiting for registrations that will never complete.
 */
function failOnUnhandledRejection(): { failed: Promise<never>; stop: () => void } {
  let listener: (err: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    listener = (err) => reject(err instanceof Error ? err : new Error(String(err)));
  });
  failed.catch(() => undefined); // observed by the race; never an unhandled rejection itself
  process.on("unhandledRejection", listener);
  return { failed, stop: () => void process.off("unhandledRejection", listener) };
}

/**
 * Runs the program with an offline config and returns the graph. Throws the program's error (a ConfigError for
 * invalid config) and throws when any placeholder secret would appear in the result or in a serialized provider.
 */
export async function runProgram(
  offline: OfflineConfig,
  programPath = PROGRAM,
  monitor?: RecordingMonitor,
): Promise<SynthResult> {
  const newMonitor = () =>
    monitor ?? new RecordingMonitor(stateFor(REFERENCED_OUTPUTS), invokeFor(repositoryVariables(offline)));
  try {
    return await runOnce(offline, programPath, newMonitor(), withoutStackCaptures);
  } catch (err) {
    // An error whose stack says nothing (a config error, the synth's own plaintext check, a RunError or a
    // ResourceError with `hideStack`, whose stack the CLI hides) is thrown as it is. Any other is a program's bug: the
    // program runs once more with stacks, to throw the error with the frames of where it happened. Whatever that run
    // does, the synth fails: a failure never turns into a result.
    if (err instanceof ConfigError || err instanceof PlaintextSecretError || pulumi.RunError.isInstance(err)) throw err;
    if (pulumi.ResourceError.isInstance(err) && err.hideStack) throw err;
    monitor?.forget();
    await runOnce(offline, programPath, newMonitor(), (work) => work());
    throw err;
  }
}

/** The synth's own refusal: a secret would appear in plaintext. */
class PlaintextSecretError extends Error {}

async function runOnce(
  offline: OfflineConfig,
  programPath: string,
  monitor: RecordingMonitor,
  captures: (work: () => Promise<void>) => Promise<void>,
): Promise<SynthResult> {
  useMonitor(monitor, offline.project, offline.stack, true);
  setAllConfig(offline.config, offline.secretKeys);
  // The placeholders are known stand-ins: the config validation does not judge their strength (README, The synth).
  setOfflinePlaceholders(offline.placeholders);
  const unhandled = failOnUnhandledRejection();
  await captures(async () => {
    try {
      await Promise.race([
        runInPulumiStack(async () => {
          delete require.cache[require.resolve(programPath)];
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          return require(programPath);
        }),
        unhandled.failed,
      ]);
      // A registration whose inputs failed is done before its error surfaces: the SDK raises it again as an
      // unhandled rejection, which Node reports after the pending callbacks. Wait for the registrations, then for
      // one turn of the event loop, and fail with whatever surfaced meanwhile.
      await Promise.race([settle(), unhandled.failed]);
      await Promise.race([new Promise((resolve) => setImmediate(resolve)), unhandled.failed]);
    } finally {
      // After an unhandled error some registrations never complete: do not wait for them.
      await Promise.race([settle(), unhandled.failed.catch(() => undefined)]);
      unhandled.stop();
      setOfflinePlaceholders(undefined);
    }
  });
  const all = [...monitor.resources.values()];
  const root = all.find((r) => r.type === "pulumi:pulumi:Stack");
  const result: SynthResult = {
    project: offline.project,
    stack: offline.stack,
    resources: all.map(({ rawInputs: _raw, outputs: _outputs, secretOutputs: _secret, ...r }) => ({
      ...r,
      inputs: describeProvider(r.inputs),
    })),
    outputs: root?.outputs ?? {},
    secretOutputs: root?.secretOutputs ?? [],
  };
  // The raw registrations include the serialized providers: a placeholder there would be a secret in state.
  const shown = all.map((r) => JSON.stringify({ ...r, rawInputs: undefined, providerCode: r.rawInputs.__provider }));
  const leaked = offline.placeholders.filter((p) => shown.some((text) => text.includes(p)));
  if (leaked.length) {
    const where = all.filter((_, i) => leaked.some((p) => shown[i].includes(p))).map((r) => r.urn);
    throw new PlaintextSecretError(
      `secret values would appear in plaintext (${leaked.length} of them) in: ${where.join(", ")}`,
    );
  }
  revealed.set(
    result,
    new Map(all.map((r) => [r.urn, describeProvider(unwrapSecrets(r.rawInputs) as Record<string, unknown>)])),
  );
  return result;
}

/** What a failed synth of `stack` prints: a config error's own message (every problem with its fix), else the error. */
export function synthFailure(stack: string, err: unknown): string {
  return err instanceof ConfigError ? `${err.message}\n` : `synth of ${stack} failed: ${(err as Error).message}\n`;
}

/** Synth of one stack from its YAML files. */
export async function synthStack(stack: string): Promise<SynthResult> {
  return runProgram(loadOfflineConfig(PROJECT_DIR, stack));
}
