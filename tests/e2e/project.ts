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
import { requiredConfigSecrets } from "../../lib/catalog";
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
    "chef-chopsky:supabaseApiUrl": f.supabase.url,
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

/** The fingerprint key: the same in every stack (lib/fingerprint.ts). */
const FINGERPRINT_KEY = "5e8a0c2f4b6d8e1a3c5e7f9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f";

/** The value of every config secret a stack needs, shaped like the real ones (so a leak would be recognised). */
export function secretValues(stack: EnvironmentName, f: EngineFakes): Record<string, string> {
  const t = stack === "production" ? "Prod" : "Stg";
  const known: Record<string, string> = {
    "vercel:apiToken": f.vercel.token,
    "github:token": f.github.token,
    "chef-chopsky:railwayToken": f.railway[stack].projectToken,
    "chef-chopsky:supabaseAccessToken": f.supabase.token,
    "chef-chopsky:uptimeRobotApiKey": f.uptime.apiKey,
    "chef-chopsky:alertWebhookUrl": f.webhook.hookUrl,
    "chef-chopsky:supabasePublishableKey": `sb_publishable_engine${t}Publishable0123456789`,
    "chef-chopsky:supabaseSecretKey": `sb_secret_engine${t}SecretKey0123456789abcdef`,
    "chef-chopsky:openaiApiKey": `sk-proj-engine${t}OpenAiKey0123456789abcdefghij`,
    "chef-chopsky:langchainApiKey": `lsv2_pt_engine${t}LangchainKey0123456789abcd`,
    "chef-chopsky:sentryDsn": `https://engine${t}0123456789abcdef0123@o4500000000000001.ingest.sentry.io/45000001`,
    "chef-chopsky:sentryAuthToken": `sntrys_engine${t}SentryAuthToken0123456789abcdef`,
    "chef-chopsky:secretFingerprintKey": FINGERPRINT_KEY,
  };
  const values: Record<string, string> = {};
  for (const key of requiredConfigSecrets(stack)) {
    if (known[key] === undefined)
      throw new Error(`the catalog asks for ${key}: give it a value in tests/e2e/project.ts (secretValues)`);
    values[key] = known[key];
  }
  return values;
}

/** `pulumi stack init`, then `pulumi config set --secret` of every secret, each value on standard input. */
export async function initStack(engine: Engine, stack: EnvironmentName, secrets: Record<string, string>) {
  succeeded(await engine.run(["stack", "init", stack, "--non-interactive"]));
  for (const [key, value] of Object.entries(secrets))
    succeeded(
      await engine.run(["config", "set", "--secret", key, "--stack", stack, "--non-interactive"], { stdin: value }),
    );
}
