/**
 * The engine suite's harness: a real Pulumi CLI (built by `npm run engine:build` into .tools/bin) on a local
 * file backend with the passphrase secrets provider, driving an inline program through the automation API.
 *
 * Why inline: the Go module proxy refuses the Node.js language host (pulumi-language-nodejs), so `runtime: nodejs`
 * cannot start a program here; an inline program is served by this Node process itself and the CLI runs the real
 * engine (diff, dynamic providers in their own process from their serialized form, refresh, policy, state) on it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";

export const ROOT = path.resolve(__dirname, "..", "..");
/** Where the engine lives (`<root>/bin/pulumi`); `CHEF_CHOPSKY_PULUMI_ROOT` points the suite at another build. */
export const PULUMI_ROOT = process.env.CHEF_CHOPSKY_PULUMI_ROOT ?? path.join(ROOT, ".tools");
/** The policy pack as the CLI loads it (`--policy-pack policy`). */
export const POLICY_PACK = path.join(ROOT, "policy");
export const PASSPHRASE = "engine-suite-passphrase";

/** A fresh state directory under the project (node_modules must resolve from the program's working directory). */
export function freshStateDir(label: string): string {
  const dir = path.join(ROOT, ".engine-state", `${label}-${process.pid}-${Date.now()}`);
  fs.mkdirSync(path.join(dir, "backend"), { recursive: true });
  fs.mkdirSync(path.join(dir, "home"), { recursive: true });
  fs.mkdirSync(path.join(dir, "work"), { recursive: true });
  return dir;
}

/**
 * Fails at once, with what to do, when the engine is not built: the CLI, the dynamic-provider host (a symlink into
 * node_modules) and the policy-pack host. Without this the automation API's errors are far less clear.
 */
export function requireCli(root: string = PULUMI_ROOT): void {
  for (const name of ["pulumi", "pulumi-resource-pulumi-nodejs", "pulumi-analyzer-policy-nodejs"]) {
    const bin = path.join(root, "bin", name);
    if (!fs.existsSync(bin)) throw new Error(`no ${name} at ${bin}: run \`npm run engine:build\` first`);
  }
}

/** The environment of the CLI and of the provider processes it starts: no credentials, no network lookups. */
export function engineEnv(stateDir: string): Record<string, string> {
  const env: Record<string, string> = {
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_BACKEND_URL: `file://${path.join(stateDir, "backend")}`,
    PULUMI_HOME: path.join(stateDir, "home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PATH: `${path.join(PULUMI_ROOT, "bin")}:${path.join(ROOT, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
    // Credentials come from the stack config only: make sure none leaks in from the test runner's environment.
    UPTIME_ROBOT_API_KEY: "",
    RAILWAY_TOKEN: "",
    SUPABASE_ACCESS_TOKEN: "",
  };
  return env;
}

/** Creates a stack of an inline program on a fresh backend, with plain and secret config. */
export async function createStack(
  stateDir: string,
  stackName: string,
  program: PulumiFn,
  config: { plain?: Record<string, string>; secret?: Record<string, string> },
): Promise<Stack> {
  requireCli();
  const pulumiCommand = await PulumiCommand.get({ root: PULUMI_ROOT, skipVersionCheck: true });
  const envVars = engineEnv(stateDir);
  for (const [k, v] of Object.entries(envVars)) if (k.startsWith("PULUMI_")) process.env[k] = v;
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, projectName: "chef-chopsky", program },
    {
      pulumiCommand,
      workDir: path.join(stateDir, "work"),
      envVars,
      projectSettings: { name: "chef-chopsky", runtime: "nodejs", backend: { url: envVars.PULUMI_BACKEND_URL } },
    },
  );
  await stack.setAllConfig({
    ...Object.fromEntries(Object.entries(config.plain ?? {}).map(([k, v]) => [k, { value: v }])),
    ...Object.fromEntries(Object.entries(config.secret ?? {}).map(([k, v]) => [k, { value: v, secret: true }])),
  });
  return stack;
}

/** The raw text of the stack's state file on the file backend. */
export function stateText(stateDir: string): string {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(".json") && p.includes(`${path.sep}stacks${path.sep}`)) files.push(p);
    }
  };
  walk(path.join(stateDir, "backend"));
  return files.map((f) => fs.readFileSync(f, "utf8")).join("\n");
}

/**
 * Every file the backend wrote (the state, its `.bak`, the history checkpoints) and the stack's config file: all the
 * places a secret could land in plaintext on disk.
 */
export function backendText(stateDir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(fs.readFileSync(p, "utf8"));
    }
  };
  walk(path.join(stateDir, "backend"));
  walk(path.join(stateDir, "work"));
  return out.join("\n");
}

/** A failed CLI command as the automation API reports it: the process's exit code and all it printed. */
export interface CommandFailure {
  exitCode: number;
  text: string;
}

/**
 * The CLI's exit code of a failed command. The automation API's own `CommandResult.code` is always -2 here: execa
 * rejects on a non-zero exit, and the catch-all wraps it; the real code is on the execa error it keeps as `err`.
 */
export function commandFailure(err: unknown): CommandFailure {
  if (!(err instanceof Error) || err.name !== "CommandError") throw err;
  const result = (err as unknown as { commandResult: { code: number; err?: { exitCode?: unknown } } }).commandResult;
  const fromExeca = result.err?.exitCode;
  const fromText = /Command failed with exit code (\d+)/.exec(err.message)?.[1];
  const exitCode = typeof fromExeca === "number" ? fromExeca : fromText ? Number(fromText) : result.code;
  return { exitCode, text: err.message };
}

/**
 * Processes still running with this state dir's PULUMI_HOME in their environment: the CLI, the dynamic-provider
 * and policy-pack hosts it starts, and anything they start. Linux only (reads /proc); elsewhere none are found.
 */
export function processesOf(stateDir: string): number[] {
  const marker = `PULUMI_HOME=${path.join(stateDir, "home")}\0`;
  const pids: number[] = [];
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return pids;
  }
  for (const e of entries) {
    const pid = Number(e);
    if (pid === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${e}/environ`, "latin1").includes(marker)) pids.push(pid);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

/** Removes a state directory made by {@link freshStateDir}. */
export function removeStateDir(stateDir: string): void {
  if (!stateDir.startsWith(path.join(ROOT, ".engine-state") + path.sep))
    throw new Error(`not a state dir: ${stateDir}`);
  fs.rmSync(stateDir, { recursive: true, force: true });
}

/** One resource as the state file records it (secrets as `{ <sig>: …, ciphertext }`). */
export interface StateResource {
  type: string;
  urn: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/**
 * The resources in the stack's state file, read from disk. Not `stack.exportStack()`: the automation API exports
 * with `--show-secrets`, so that copy holds every secret decrypted.
 */
export function stateResources(stateDir: string): StateResource[] {
  const checkpoint = JSON.parse(stateText(stateDir)) as { checkpoint?: { latest?: { resources?: StateResource[] } } };
  return checkpoint.checkpoint?.latest?.resources ?? [];
}
