/**
 * The project as the engine suite runs it: a copy of the program (index.ts, config.ts, lib/, components/,
 * providers/, deploy/, ops/, policy/, the committed Pulumi.yaml) in the run directory, with node_modules linked, and
 * its own stack files: the committed ones with every service address pointed at the fakes. The Vercel provider of
 * the copy is the stand-in (a `plugins:` entry appended to the copy's Pulumi.yaml, nowhere else). Each stack gets
 * every config secret its environment needs (lib/catalog.ts, the list docs/RUNBOOK.md prints) through
 * `pulumi config set --secret KEY`, the value on standard input, never on a command line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { requiredConfigSecrets, SECRET_CATALOG } from "../../lib/catalog";
import { realisticSecret } from "../fixtures/secrets";
import type { EnvironmentName } from "../../lib/environments";
import type { EngineFakes } from "./fakes";
import { type Engine, pinnedPlugin, ROOT, STANDIN_DIR, succeeded } from "./harness";

/** What the copy holds: everything `pulumi up` loads, and the operators' commands the workflows run. */
const PROGRAM = ["index.ts", "config.ts", "tsconfig.json", "package.json", "lib", "components", "providers", "deploy"];
const ALSO = ["ops", "policy"];

/** Commits the suite deploys (full shas, as `chef-chopsky:agentCommit` wants). */
export const COMMITS = {
  first: "1111111111111111111111111111111111111111",
  second: "2222222222222222222222222222222222222222",
  failing: "3333333333333333333333333333333333333333",
  unhealthy: "4444444444444444444444444444444444444444",
} as const;

/** Copies the project into `<runDir>/project`; returns its path. */
export function copyProject(runDir: string): string {
  const dir = path.join(runDir, "project");
  for (const f of [...PROGRAM, ...ALSO]) {
    fs.cpSync(path.join(ROOT, f), path.join(dir, f), {
      recursive: true,
      filter: (src) => !src.split(path.sep).includes("node_modules"),
    });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  const project = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8");
  if ((parse(project) as { plugins?: unknown }).plugins !== undefined)
    throw new Error("Pulumi.yaml declares plugins: the suite cannot add the Vercel stand-in to them");
  const standin = [
    "",
    "# Added by the engine suite (tests/e2e/project.ts), in this copy only: the Vercel provider is the STAND-IN",
    "# (dev/engine/standin-vercel), which serves the suite's local Vercel fake and refuses to start anywhere else.",
    "plugins:",
    "  providers:",
    "    - name: vercel",
    `      version: ${pinnedPlugin("@pulumiverse/vercel")}`,
    `      path: ${STANDIN_DIR}`,
    "",
  ];
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), project + standin.join("\n"));
  return dir;
}

/** The committed stack file's config. */
export function committedConfig(stack: EnvironmentName): Record<string, unknown> {
  const doc = parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as {
    config: Record<string, unknown>;
  };
  return doc.config;
}

/** The Supabase project ref of a committed stack (`https://<ref>.supabase.co`). */
export function supabaseRef(stack: EnvironmentName): string {
  const url = String(committedConfig(stack)["chef-chopsky:supabaseUrl"]);
  const ref = /^https:\/\/([a-z]{20})\.supabase\.co/.exec(url)?.[1];
  if (!ref) throw new Error(`Pulumi.${stack}.yaml: no Supabase project ref in ${url}`);
  return ref;
}

/** The plain config the suite's stack file holds: the committed one, every service address a fake's. */
export function suiteConfig(stack: EnvironmentName, f: EngineFakes): Record<string, unknown> {
  const railway = f.railway[stack];
  return {
    ...committedConfig(stack),
    "chef-chopsky:frontendUrl": f.site.urlOf(stack),
    "chef-chopsky:agentUrl": railway.agentUrl,
    "chef-chopsky:railwayProjectId": railway.projectId,
    "chef-chopsky:railwayEnvironmentId": railway.environmentId,
    "chef-chopsky:railwayServiceId": railway.serviceId,
    "chef-chopsky:uptimeRobotApiUrl": f.uptime.apiUrl,
    "chef-chopsky:railwayApiUrl": railway.graphqlUrl,
    "chef-chopsky:supabaseApiUrl": f.supabase[stack].url,
    "github:baseUrl": `${f.github.url}/`,
    "chef-chopsky:agentCommit": COMMITS.first,
    // The shortest the config allows, so that a deploy that never gets healthy fails within seconds.
    "chef-chopsky:agentDeployTimeoutSeconds": 30,
    "chef-chopsky:agentHealthTimeoutSeconds": 5,
  };
}

/** Writes the suite's stack file into the copy (before `pulumi stack init`, which adds its encryption salt). */
export function writeStackFile(projectDir: string, stack: EnvironmentName, f: EngineFakes): void {
  const header = `# Written by the engine suite (tests/e2e/project.ts): Pulumi.${stack}.yaml with the services at the fakes.\n`;
  fs.writeFileSync(
    path.join(projectDir, `Pulumi.${stack}.yaml`),
    header + stringify({ config: suiteConfig(stack, f) }),
  );
}

/** The config secrets the runbook gives one value for both stacks (its Monitoring table), and the Vercel token. */
const SHARED = new Set([
  ...SECRET_CATALOG.filter((e) => e.environment === "shared" && e.source.kind === "configSecret").map(
    (e) => (e.source as { key: string }).key,
  ),
  "vercel:apiToken",
  "chef-chopsky:secretFingerprintKey",
]);

/**
 * The value of every config secret a stack needs (the catalog's list, lib/catalog.ts), each in its service's real
 * format (tests/fixtures/secrets.ts), so that the config's strength check passes them as real values and a leak would
 * be recognised. The stack's own values differ from the other stack's (the secret record fails staging otherwise).
 */
export function secretValues(stack: EnvironmentName): Record<string, string> {
  return Object.fromEntries(
    requiredConfigSecrets(stack).map((key) => [
      key,
      realisticSecret(key, SHARED.has(key) ? "shared" : `engine-${stack}`),
    ]),
  );
}

/** `pulumi stack init`, then `pulumi config set --secret` of every secret, each value on standard input. */
export async function initStack(engine: Engine, stack: EnvironmentName, secrets: Record<string, string>) {
  succeeded(await engine.run(["stack", "init", stack, "--non-interactive"]));
  for (const [key, value] of Object.entries(secrets))
    succeeded(
      await engine.run(["config", "set", "--secret", key, "--stack", stack, "--non-interactive"], { stdin: value }),
    );
}
