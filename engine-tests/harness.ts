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

export const ROOT = path.resolve(__dirname, "..");
export const PULUMI_ROOT = path.join(ROOT, ".tools");
export const PASSPHRASE = "engine-suite-passphrase";

/** A fresh state directory under the project (node_modules must resolve from the program's working directory). */
export function freshStateDir(label: string): string {
  const dir = path.join(ROOT, ".engine-state", `${label}-${process.pid}-${Date.now()}`);
  fs.mkdirSync(path.join(dir, "backend"), { recursive: true });
  fs.mkdirSync(path.join(dir, "home"), { recursive: true });
  fs.mkdirSync(path.join(dir, "work"), { recursive: true });
  return dir;
}

export function requireCli(): void {
  const bin = path.join(PULUMI_ROOT, "bin", "pulumi");
  if (!fs.existsSync(bin)) throw new Error(`no Pulumi CLI at ${bin}: run \`npm run engine:build\` first`);
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
  for (const [k, v] of Object.entries(config.plain ?? {})) await stack.setConfig(k, { value: v });
  for (const [k, v] of Object.entries(config.secret ?? {})) await stack.setConfig(k, { value: v, secret: true });
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
