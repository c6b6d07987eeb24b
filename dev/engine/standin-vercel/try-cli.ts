/**
 * A by-hand check of the Vercel stand-in under a real Pulumi CLI (not part of `npm test`): an automation-API inline
 * program with a Project and two ProjectEnvironmentVariables (one sensitive), on a file:// backend with its own
 * PULUMI_HOME, the stand-in installed into that plugin cache, against a Vercel fake. It runs up, a second up, drift
 * (a plain value and a sensitive value changed by hand), refresh --preview-only --expect-no-changes, up --refresh,
 * and destroy, printing what the CLI and the fake saw. Usage (the CLI from `npm run engine:build`, or another root):
 *
 *   CHEF_CHOPSKY_PULUMI_ROOT=/work/main/.tools npx ts-node --transpile-only dev/engine/standin-vercel/try-cli.ts
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import * as vercel from "@pulumiverse/vercel";
import { VercelFake } from "../../../tests/fakes/vercel";
import { build, LAUNCHER, ROOT } from "./build";
import { STANDIN_API_ENV, STANDIN_ENV, STANDIN_MODE } from "./guard";

const PULUMI_ROOT = process.env.CHEF_CHOPSKY_PULUMI_ROOT ?? path.join(ROOT, ".tools");

function program(): void {
  const project = new vercel.Project("frontend", {
    name: "chef-chopsky",
    framework: "nextjs",
    rootDirectory: "frontend",
    gitRepository: { type: "github", repo: "chef-chopsky/chef-chopsky", productionBranch: "main" },
  });
  const common = { projectId: project.id, targets: ["production"] };
  new vercel.ProjectEnvironmentVariable("agent-url", {
    ...common,
    key: "NEXT_PUBLIC_AGENT_URL",
    value: "https://agent.example",
    sensitive: false,
    comment: "plain",
  });
  new vercel.ProjectEnvironmentVariable(
    "secret-key",
    {
      ...common,
      key: "SUPABASE_SECRET_KEY",
      value: pulumi.secret("configured-sensitive-value"),
      sensitive: true,
      comment: "catalog:PRODUCTION_SUPABASE_SECRET_KEY",
    },
    { deleteBeforeReplace: true },
  );
}

async function main(): Promise<void> {
  const fake = new VercelFake();
  await fake.start();
  const dir = path.join(ROOT, ".engine-state", `standin-try-${process.pid}`);
  for (const d of ["home", "backend", "work"]) fs.mkdirSync(path.join(dir, d), { recursive: true });
  const env: Record<string, string> = {
    PULUMI_HOME: path.join(dir, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(dir, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: "standin-try",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PATH: `${path.join(PULUMI_ROOT, "bin")}:${process.env.PATH ?? ""}`,
    [STANDIN_ENV]: STANDIN_MODE,
    [STANDIN_API_ENV]: fake.url,
  };
  const log = (what: string, t0: number) =>
    console.log(`--- ${what} (${Date.now() - t0} ms; fake calls: ${summary(fake)})`);
  try {
    let t = Date.now();
    build();
    const pulumiBin = path.join(PULUMI_ROOT, "bin", "pulumi");
    execFileSync(pulumiBin, ["plugin", "install", "resource", "vercel", "5.4.1", "--file", LAUNCHER], {
      env: { ...process.env, ...env },
      stdio: "inherit",
    });
    log("plugin installed", t);
    for (const [k, v] of Object.entries(env)) if (k.startsWith("PULUMI_")) process.env[k] = v;
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "production", projectName: "chef-chopsky", program: async () => program() },
      {
        pulumiCommand: await PulumiCommand.get({ root: PULUMI_ROOT, skipVersionCheck: true }),
        workDir: path.join(dir, "work"),
        envVars: env,
        projectSettings: { name: "chef-chopsky", runtime: "nodejs", backend: { url: env.PULUMI_BACKEND_URL } },
      },
    );
    await stack.setConfig("vercel:apiToken", { value: fake.token, secret: true });
    const step = async (what: string, run: () => Promise<{ stdout: string }>) => {
      fake.resetCalls();
      t = Date.now();
      try {
        const r = await run();
        console.log(r.stdout);
        log(what, t);
      } catch (err) {
        console.log((err as Error).message);
        log(`${what}: failed`, t);
      }
    };
    // Without the suite's variable, the installed stand-in refuses to start and the CLI says so.
    delete stack.workspace.envVars[STANDIN_ENV];
    await step("preview without " + STANDIN_ENV, () => stack.preview());
    stack.workspace.envVars[STANDIN_ENV] = STANDIN_MODE;
    const said = new Set<string>();
    const onEvent = (e: { diagnosticEvent?: { message: string; severity: string } }) => {
      if (e.diagnosticEvent?.message.includes("STAND-IN"))
        said.add(`${e.diagnosticEvent.severity}: ${e.diagnosticEvent.message.trim()}`);
    };
    await step("up", () => stack.up({ onEvent }));
    console.log(`the plugin said (diagnostic events):\n${[...said].join("\n")}`);
    const projectId = fake.projects.projects()[0]?.id ?? "";
    console.log(JSON.stringify(fake.projects.variables(projectId), null, 1));
    await step("second up", () => stack.up());
    fake.projects.editVariable(projectId, { key: "SUPABASE_SECRET_KEY", target: "production" }, { value: "dashboard" });
    await step("refresh after a sensitive edit", () => stack.refresh({ previewOnly: true, expectNoChanges: true }));
    fake.projects.editVariable(
      projectId,
      { key: "NEXT_PUBLIC_AGENT_URL", target: "production" },
      { value: "https://x" },
    );
    fake.projects.editProject(projectId, { productionBranch: "develop" });
    await step("refresh after a plain edit", () => stack.refresh({ previewOnly: true, expectNoChanges: true }));
    await step("up --refresh", () => stack.up({ refresh: true }));
    console.log(
      JSON.stringify(
        fake.projects.variables(projectId).map((e) => [e.key, e.value]),
        null,
        1,
      ),
    );
    await step("refresh after repair", () => stack.refresh({ previewOnly: true, expectNoChanges: true }));
    await step("destroy", () => stack.destroy());
    console.log(
      `projects left: ${fake.projects.projects().length}, variables left: ${fake.projects.store.envs.length}`,
    );
    const state = fs.readFileSync(
      path.join(dir, "backend", ".pulumi", "stacks", "chef-chopsky", "production.json"),
      "utf8",
    );
    console.log(`state holds the sensitive value in plaintext: ${state.includes("configured-sensitive-value")}`);
  } finally {
    await fake.stop();
  }
}

function summary(fake: VercelFake): string {
  const counts = new Map<string, number>();
  for (const c of fake.calls) counts.set(c.operation, (counts.get(c.operation) ?? 0) + 1);
  return [...counts].map(([op, n]) => `${op}×${n}`).join(" ") || "none";
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
