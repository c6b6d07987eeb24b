/**
 * Starts the real policy pack the way the Pulumi CLI does, and connects to it.
 *
 * The CLI (pkg/resource/plugin/analyzer_plugin.go, NewPolicyAnalyzer) runs the `pulumi-analyzer-policy` shim, which
 * runs `node <require.resolve("@pulumi/pulumi/cmd/run-policy-pack")> <engine address> .` with the pack directory as
 * working directory (so the pack's package.json and node_modules resolution apply), and the stack passed in
 * PULUMI_NODEJS_* / PULUMI_* variables. run-policy-pack registers ts-node (type-checking, as under the CLI) and
 * loads the pack (`index.js`: the compiled build when current, see lib/compiled.js), `new PolicyPack` starts the
 * gRPC server and prints the port on stdout; the CLI dials 127.0.0.1:<port>.
 *
 * No engine server is needed: run-policy-pack drops the engine address (`argv._.shift()` in its index.js) and the
 * analyzer never dials it, so the runner passes a placeholder address.
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { spawnPack, type SpawnOptions } from "./spawn-pack";

export interface StartOptions extends SpawnOptions {
  /** How long the pack may take to print its port (longer when it starts from its TypeScript). Default 60 s. */
  startTimeoutMs?: number;
  /**
   * The pack's process, already spawned by {@link spawnPack} (with the options above), to connect to instead of
   * spawning one: `npm run plan` spawns it before it loads anything else.
   */
  spawned?: ReturnType<typeof spawnPack>;
}

/** A running policy pack: its process, and a client connected to it. */
export interface Pack {
  client: AnalyzerClient;
  packDir: string;
  child: ChildProcess;
}

/** Starts the pack and resolves once it listens; rejects with its stderr when it fails to start. */
export async function startPack(options: StartOptions = {}): Promise<Pack> {
  const { child, packDir } = options.spawned ?? spawnPack(options);
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000); // the tail is where the error is
  });
  try {
    const port = await readPort(child, options.startTimeoutMs ?? 60_000, () => stderr);
    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      // Same limit as the pack's server: a stack's properties can be large.
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    return { client, packDir, child };
  } catch (err) {
    await stopChild(child);
    throw err;
  }
}

/** Closes the client, stops the pack and waits for it to exit. */
export async function stopPack({ client, child }: Pack): Promise<void> {
  client.close();
  await stopChild(child);
}

/** Waits for the first line of stdout, which `new PolicyPack` writes: the port. */
async function readPort(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<number> {
  const fail = (why: string) => new Error(`policy pack did not start: ${why}${stderr() ? `\n${stderr().trim()}` : ""}`);
  // A process spawned earlier (dev/run.js) may have failed or ended before this listens.
  if (child.pid === undefined) throw fail("node could not be spawned");
  if (child.exitCode !== null || child.signalCode !== null)
    throw fail(`exited (${child.signalCode ?? child.exitCode})`);
  // The reader keeps draining stdout afterwards, so that a chatty pack never blocks on a full pipe.
  const lines = createInterface({ input: child.stdout! });
  const stop = new AbortController();
  const { signal } = stop;
  try {
    const [first] = (await Promise.race([
      once(lines, "line", { signal }),
      once(child, "exit", { signal }).then(
        ([code, killed]) => Promise.reject(fail(`exited (${killed ?? code})`)),
        (err: Error) => Promise.reject(fail(err.message)),
      ),
      sleep(timeoutMs, undefined, { signal }).then(() => Promise.reject(fail(`no port after ${timeoutMs} ms`))),
    ])) as [string];
    const line = first.trim();
    if (!/^\d+$/.test(line)) throw new Error(`policy pack printed ${JSON.stringify(line)} where its port was expected`);
    return Number(line);
  } finally {
    stop.abort();
  }
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
  child.stdout?.destroy();
  child.stderr?.destroy();
}
