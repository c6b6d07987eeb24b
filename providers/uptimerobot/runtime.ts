/**
 * Where the UptimeRobot providers get their credentials and client settings, at call time.
 *
 * The provider objects are serialized into the stack's state (`__provider`), together with every value they capture
 * from module scope. So nothing secret lives in a module variable or on a provider object: the key the engine
 * passes to `configure` is kept in a slot on `globalThis` of the provider process (a global is referenced by name
 * when serialized, never copied), and the environment is read when a method runs.
 */
import type { UptimeRobotClientOptions } from "./client";
import { asError } from "./errors";

/** The stack config key of the API key (a secret: `pulumi config set --secret chef-chopsky:uptimeRobotApiKey`). */
export const API_KEY_CONFIG = "chef-chopsky:uptimeRobotApiKey";
/** The environment variable read when the config key is not set. */
export const API_KEY_ENV = "UPTIME_ROBOT_API_KEY";

/** What the providers keep per process; never serialized. */
interface Slot {
  configuredApiKey?: string;
  overrides?: Omit<UptimeRobotClientOptions, "apiKey" | "apiUrl">;
}

function slot(): Slot {
  const g = globalThis as unknown as Record<symbol, Slot | undefined>;
  const key = Symbol.for("chef-chopsky.uptimerobot.runtime");
  return (g[key] ??= {});
}

/** Called from the providers' `configure`: remembers the stack's API key, if it has one. */
export function rememberConfig(config: { get(key: string): string | undefined }): void {
  let value: string | undefined;
  try {
    value = config.get(API_KEY_CONFIG);
  } catch {
    // The host builds this from the Configure call; without one there is no config, and the environment decides.
    value = undefined;
  }
  slot().configuredApiKey = typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The API key: the stack config's, else the environment's; an error naming both when neither is set. */
export function resolveApiKey(): string {
  const key = slot().configuredApiKey ?? process.env[API_KEY_ENV]?.trim();
  if (!key) {
    throw new Error(
      `UptimeRobot API key is not set: set the secret stack config ${API_KEY_CONFIG} ` +
        `(pulumi config set --secret ${API_KEY_CONFIG} --stack S: it prompts) or the environment variable ${API_KEY_ENV}`,
    );
  }
  return key;
}

/** Client options for one provider call: the resolved key, the resource's API URL, and any test overrides. */
export function clientOptions(apiUrl: string | undefined, redact: string[] = []): UptimeRobotClientOptions {
  const { overrides } = slot();
  return { ...overrides, apiKey: resolveApiKey(), apiUrl, redact: [...(overrides?.redact ?? []), ...redact] };
}

/**
 * For tests and benchmarks in one process: client settings (short timeouts, an injected `sleep`) used by every
 * provider call, and the remembered key cleared. Call with no argument to restore the defaults.
 */
export function setProviderRuntimeForTests(overrides?: Slot["overrides"]): void {
  const s = slot();
  s.overrides = overrides;
  s.configuredApiKey = undefined;
}

/**
 * Wraps every method of a dynamic provider so that what it throws reaches the engine as a real `Error` with its
 * message: the engine shows only `message`, and errors built by serialized classes have none (see `asError`).
 */
export function withPlainErrors<T extends object>(methods: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    const call = method as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await call(...args);
      } catch (err) {
        throw asError(err);
      }
    };
  }
  return wrapped as T;
}
