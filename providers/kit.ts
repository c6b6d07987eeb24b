/**
 * The one helper every dynamic provider of this project is built with, so that a provider's file holds only its
 * service's logic:
 * - **credentials**: read when a method runs, from the stack config the engine hands to `configure` (secrets already
 *   decrypted), else from the environment; an error naming both places when neither has one;
 * - **API base URL**: the stack config key of the service (`chef-chopsky:uptimeRobotApiUrl`, `…railwayApiUrl`,
 *   `…supabaseApiUrl`: tests point them at the fakes), else the service's own. It reaches the provider through
 *   `configure` like the credentials, so it is never recorded in a resource's state and changing it changes no
 *   resource;
 * - **errors**: {@link served} makes whatever a method throws a real `Error` whose message (all the engine shows)
 *   names the service and the operation and never a credential;
 * - **unknowns**: {@link isUnknown} recognises the engine's placeholder for a value not known during preview, the
 *   SDK's own constant.
 *
 * This runs in the dynamic-provider host, which loads the providers by name (see `resource.ts` and `registry.ts`),
 * so nothing here is ever serialized into state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { redact, type RetryOptions } from "./http";

/** Whether a value is the engine's placeholder for a value not known until apply (during preview). */
export function isUnknown(value: unknown): boolean {
  return value === unknownValue;
}

/** How a provider reaches one service. */
export interface ServiceDefinition<C> {
  /** The service's name in messages, e.g. `"UptimeRobot"`. */
  name: string;
  /** The secret stack config key of the credential, e.g. `"chef-chopsky:uptimeRobotApiKey"`. */
  credentialConfig: string;
  /** The environment variables read when the config has no credential, in order, e.g. `["UPTIME_ROBOT_API_KEY"]`. */
  credentialEnv: readonly string[];
  /** The stack config key of the API base URL, e.g. `"chef-chopsky:uptimeRobotApiUrl"`. */
  apiUrlConfig: string;
  /** Builds a client from a resolved connection. */
  connect(connection: Connection): C;
}

/** What a client is built from. */
export interface Connection extends RetryOptions {
  /** The credential (a token or an API key). */
  credential: string;
  /** Where it came from: the config key or the environment variable's name. */
  credentialSource: string;
  /** The API base URL; undefined for the service's own (the client's default). */
  apiUrl?: string;
  /** Values to keep out of every error message besides the credential (e.g. a web-hook URL). */
  redact: string[];
}

/** The engine's configure request, as much of it as is read here. */
type ConfigureRequest = { config: { get(key: string): string | undefined } };

/** Process-wide settings for tests and benchmarks (see {@link setProviderRuntimeForTests}). */
interface TestRuntime {
  overrides?: RetryOptions;
  /** Bumped by every reset: configuration remembered before it is forgotten. */
  generation: number;
}

/**
 * A global slot rather than a module variable: the providers may be loaded twice in one test process (from the
 * TypeScript sources and, through the package the state names, from the compiled build), and both must see it.
 */
function testRuntime(): TestRuntime {
  const g = globalThis as unknown as Record<symbol, TestRuntime | undefined>;
  return (g[Symbol.for("chef-chopsky.providers.test-runtime")] ??= { generation: 0 });
}

/**
 * For tests and benchmarks in one process: client settings (short timeouts, an injected `sleep`) used by every
 * provider call, and every remembered stack config forgotten. Call with no argument to restore the defaults.
 */
export function setProviderRuntimeForTests(overrides?: RetryOptions): void {
  const runtime = testRuntime();
  runtime.overrides = overrides;
  runtime.generation++;
}

/** Every credential handed to a client in this process: redacted from any error a provider method throws. */
const handedOut = new Set<string>();

const trimmed = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/** One service as one provider object sees it: what `configure` remembered, and clients built from it. */
export class ServiceAccess<C> {
  private configured?: { generation: number; credential?: string; apiUrl?: string };

  constructor(readonly service: ServiceDefinition<C>) {}

  /** Remembers the stack's credential and API base URL; call it from the provider's `configure`. */
  configure(req: ConfigureRequest): void {
    const read = (key: string) => {
      try {
        return trimmed(req.config.get(key));
      } catch {
        // The host builds the config from the Configure call; without one there is none, and the defaults decide.
        return undefined;
      }
    };
    this.configured = {
      generation: testRuntime().generation,
      credential: read(this.service.credentialConfig),
      apiUrl: read(this.service.apiUrlConfig),
    };
  }

  private remembered() {
    const c = this.configured;
    return c && c.generation === testRuntime().generation ? c : undefined;
  }

  /** The credential and where it came from: the stack config, else the environment. */
  credential(): { value: string; source: string } {
    const fromConfig = this.remembered()?.credential;
    if (fromConfig) return { value: fromConfig, source: this.service.credentialConfig };
    for (const name of this.service.credentialEnv) {
      const value = trimmed(process.env[name]);
      if (value) return { value, source: name };
    }
    const { name, credentialConfig, credentialEnv } = this.service;
    // The prompting form: advice never puts a value on a command line.
    throw new Error(
      `${name} credentials are not set: set the secret stack config ${credentialConfig} ` +
        `(pulumi config set --secret ${credentialConfig} --stack S: it prompts) ` +
        `or the environment variable ${credentialEnv.join(" or ")}`,
    );
  }

  /**
   * A client for one provider call.
   * @param recordedApiUrl - an `apiUrl` recorded in the resource's state (older state, and the engine suite's inline
   *   program); otherwise the stack config's, else the service's own.
   * @param secrets - values of this call to keep out of error messages.
   */
  client(recordedApiUrl?: string, secrets: readonly (string | undefined)[] = []): C {
    const { value, source } = this.credential();
    handedOut.add(value);
    return this.service.connect({
      ...testRuntime().overrides,
      credential: value,
      credentialSource: source,
      apiUrl: trimmed(recordedApiUrl) ?? this.remembered()?.apiUrl,
      redact: secrets.filter((s): s is string => typeof s === "string" && s !== ""),
    });
  }
}

/** The methods of a dynamic provider that the engine calls. */
const METHODS = ["configure", "check", "diff", "create", "read", "update", "delete"] as const;

/** The error a provider method throws: a real `Error` with a message that names no credential of this process. */
export function asError(err: unknown): Error {
  const secrets = [...handedOut];
  if (err instanceof Error) {
    const message = redact(err.message, secrets);
    if (message !== err.message) err.message = message;
    return err;
  }
  const fields = (typeof err === "object" && err !== null ? err : {}) as Record<string, unknown>;
  const message =
    typeof fields.message === "string" && fields.message !== ""
      ? redact(fields.message, secrets)
      : `${String(fields.service ?? "provider")} ${String(fields.operation ?? "call")} failed`;
  return new Error(message);
}

/**
 * The provider as the dynamic-provider host gets it: each method's failure becomes an {@link asError}. Works for
 * object literals and class instances alike (methods are called on the original object).
 */
export function served<I, O>(provider: pulumi.dynamic.ResourceProvider<I, O>): pulumi.dynamic.ResourceProvider<I, O> {
  const out: Record<string, unknown> = {};
  const source = provider as unknown as Record<string, unknown>;
  for (const name of METHODS) {
    const method = source[name];
    if (typeof method !== "function") continue;
    out[name] = async (...args: unknown[]) => {
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>).apply(provider, args);
      } catch (err) {
        throw asError(err);
      }
    };
  }
  return out as unknown as pulumi.dynamic.ResourceProvider<I, O>;
}
