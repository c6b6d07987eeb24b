import { strict as assert } from "node:assert";
import { agentDeployCommand } from "../components/agent";
import { secretsOf } from "../lib/catalog";
import { ConfigError } from "../config";
import type { SynthResult } from "../dev/synth/index";
import { configFor, GH_ENV, GH_POLICY, GH_SECRET, ofType, synth, VERCEL_PROJECT, VERCEL_VAR } from "./harness";
import { policyView, runProgram } from "../dev/synth/index";
import { placeholderFor } from "../dev/synth/stack-config";
import { RecordingMonitor } from "../dev/synth/monitor";

describe("stack program", function () {
  this.timeout(20000);
  let production: SynthResult;
  let staging: SynthResult;
  before(async () => {
    production = await synth("production");
    staging = await synth("staging");
  });

  it("production owns the one Vercel project, with the runbook's settings", () => {
    const projects = ofType(production, VERCEL_PROJECT);
    assert.equal(projects.length, 1);
    const p = projects[0].inputs;
    assert.equal(p.name, "chef-chopsky");
    assert.equal(p.framework, "nextjs");
    assert.deepEqual(p.gitRepository, { type: "github", repo: "chef-chopsky/chef-chopsky", productionBranch: "main" });
    assert.equal(p.rootDirectory, "frontend");
    assert.equal(projects[0].options.protect, true);
  });

  it("production writes only production variables", () => {
    const vars = ofType(production, VERCEL_VAR);
    assert.equal(vars.length, 6);
    for (const v of vars) assert.deepEqual(v.inputs.targets, ["production"], v.name);
  });

  it("staging declares no project and writes only preview variables, for staging and every other branch", () => {
    assert.equal(ofType(staging, VERCEL_PROJECT).length, 0);
    const vars = ofType(staging, VERCEL_VAR);
    assert.equal(vars.length, 12);
    for (const v of vars) assert.deepEqual(v.inputs.targets, ["preview"], v.name);
    assert.equal(vars.filter((v) => v.inputs.gitBranch === "staging").length, 6);
    assert.equal(vars.filter((v) => v.inputs.gitBranch === undefined).length, 6);
    for (const v of vars)
      assert.equal(v.inputs.projectId, "prj_synthProductionProject", "found through production's output");
  });

  it("marks every secret-carrying Vercel variable sensitive and secret, with delete-before-replace", () => {
    for (const result of [production, staging]) {
      for (const v of ofType(result, VERCEL_VAR)) {
        const carriesSecret = String(v.inputs.comment).startsWith("catalog:");
        if (carriesSecret) assert.equal(v.inputs.sensitive, true, v.name);
        assert.equal(v.options.deleteBeforeReplace, true, v.name);
      }
      const secretKey = ofType(result, VERCEL_VAR).filter((v) => v.inputs.key === "SUPABASE_SECRET_KEY");
      assert.ok(secretKey.length > 0 && secretKey.every((v) => v.inputs.sensitive === true));
    }
  });

  it("wires each Vercel variable to its own environment's value: the right config secret, agent and database", () => {
    const expected: Record<string, (stack: string) => string> = {
      NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: (stack) => placeholderFor(stack, "chef-chopsky:supabasePublishableKey"),
      SUPABASE_SECRET_KEY: (stack) => placeholderFor(stack, "chef-chopsky:supabaseSecretKey"),
      NEXT_PUBLIC_SENTRY_DSN: (stack) => placeholderFor(stack, "chef-chopsky:sentryDsn"),
      NEXT_PUBLIC_AGENT_URL: (stack) =>
        stack === "production"
          ? "https://chef-chopsky-production.up.railway.app"
          : "https://chef-chopsky-staging.up.railway.app",
      NEXT_PUBLIC_SUPABASE_URL: (stack) =>
        stack === "production"
          ? "https://qzvhxkfmpwlrtdbnyacs.supabase.co"
          : "https://hjkwmrtpzxvbqnlcdyfe.supabase.co",
    };
    for (const result of [production, staging]) {
      // The values as the engine receives them (offline: placeholders for secrets), not the "[secret]" of the JSON.
      for (const v of ofType(policyView(result), VERCEL_VAR)) {
        const key = v.inputs.key as string;
        if (expected[key]) assert.equal(v.inputs.value, expected[key](result.stack), `${result.stack} ${v.name}`);
        if (key === "NEXT_PUBLIC_APP_ENV")
          assert.equal(
            v.inputs.value,
            v.inputs.gitBranch === undefined && result.stack === "staging" ? "preview" : result.stack,
          );
      }
    }
  });

  it("GitHub: production deployable only from main, staging from staging, feat/* and feature/*", () => {
    const patterns = (r: SynthResult) =>
      ofType(r, GH_POLICY)
        .map((p) => p.inputs.branchPattern)
        .sort();
    assert.deepEqual(patterns(production), ["main"]);
    assert.deepEqual(patterns(staging), ["feat/*", "feature/*", "staging"]);
    for (const r of [production, staging]) {
      const [env] = ofType(r, GH_ENV);
      assert.equal(env.inputs.environment, r.stack);
      assert.deepEqual(env.inputs.deploymentBranchPolicy, { customBranchPolicies: true, protectedBranches: false });
    }
  });

  it("GitHub: each environment holds its own catalog secrets, every value secret", () => {
    for (const r of [production, staging]) {
      const secrets = ofType(r, GH_SECRET);
      const names = secrets.map((s) => s.inputs.secretName as string);
      const own = new Set(secretsOf(r.stack as "production" | "staging").map((s) => s.name));
      for (const n of names) assert.ok(own.has(n), `${r.stack} writes ${n}`);
      for (const s of secrets) {
        assert.equal(s.inputs.environment, r.stack);
        assert.deepEqual(s.secretInputs, ["value"], s.name);
      }
    }
    const prodNames = ofType(production, GH_SECRET).map((s) => s.inputs.secretName);
    for (const n of [
      "VERCEL_TOKEN",
      "VERCEL_PROJECT_ID",
      "PRODUCTION_OPENAI_API_KEY",
      "LANGCHAIN_API_KEY",
      "SENTRY_DSN",
    ])
      assert.ok(prodNames.includes(n), n);
  });

  it("names every child after its component", () => {
    for (const r of [production, staging]) {
      const byUrn = new Map(r.resources.map((x) => [x.urn, x]));
      for (const res of r.resources) {
        const parent = res.parent ? byUrn.get(res.parent) : undefined;
        if (!parent || parent.type === "pulumi:pulumi:Stack") continue;
        assert.ok(res.name.startsWith(`${parent.name}-`), `${res.name} under ${parent.name}`);
      }
    }
  });

  it("exports the URLs, the project, the GitHub environment and the health checks, no secret among them", () => {
    assert.deepEqual(Object.keys(production.outputs).sort(), [
      "agentMonitorId",
      "agentUrl",
      "environment",
      "frontendMonitorId",
      "frontendUrl",
      "githubEnvironment",
      "healthChecks",
      "railwayEnvironmentId",
      "railwayProjectId",
      "railwayServiceId",
      "secretAges",
      "vercelProjectId",
    ]);
    assert.deepEqual(production.secretOutputs, []);
    assert.deepEqual(staging.secretOutputs, []);
    const checks = production.outputs.healthChecks as { name: string; url: string; severity: string }[];
    assert.deepEqual(
      checks.map((c) => c.url),
      ["https://chef-chopsky-production.vercel.app", "https://chef-chopsky-production.up.railway.app/health"],
    );
    assert.ok(checks.every((c) => c.severity === "P1"));
    assert.ok((staging.outputs.healthChecks as { severity: string }[]).every((c) => c.severity === "P2"));
  });

  it("writes a synth JSON with none of the placeholder secret values", () => {
    for (const stack of ["production", "staging"]) {
      const offline = configFor(stack);
      assert.ok(offline.placeholders.length >= 10);
      const text = JSON.stringify(stack === "production" ? production : staging);
      for (const p of offline.placeholders) assert.ok(!text.includes(p), `${p} leaked`);
    }
  });

  it("registers nothing when the config is invalid", async () => {
    const offline = configFor("production", { "chef-chopsky:agentUrl": "http://insecure.example.com" });
    const monitor = new RecordingMonitor();
    await assert.rejects(
      runProgram(offline, undefined, monitor),
      (err: unknown) => err instanceof ConfigError && /agentUrl/.test(err.message),
    );
    assert.deepEqual(
      [...monitor.resources.values()].map((r) => r.type),
      ["pulumi:pulumi:Stack"],
    );
  });
});

describe("stack program: monitoring", function () {
  this.timeout(20000);
  it("writes each environment's own monitor ids into its GitHub environment from the monitors' outputs", async () => {
    const expected = {
      production: ["UPTIME_ROBOT_PROD_AGENT_ID", "UPTIME_ROBOT_PROD_FRONTEND_ID"],
      staging: ["UPTIME_ROBOT_STAGING_AGENT_ID", "UPTIME_ROBOT_STAGING_FRONTEND_ID"],
    };
    for (const stack of ["production", "staging"] as const) {
      const result = await synth(stack);
      const ids = ofType(result, GH_SECRET)
        .map((s) => s.inputs.secretName as string)
        .filter((n) => n.startsWith("UPTIME_ROBOT_") && n.endsWith("_ID"))
        .sort();
      assert.deepEqual(ids, expected[stack]);
      const monitors = result.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/uptimerobot:Monitor");
      assert.equal(monitors.length, 2);
      for (const m of monitors) assert.match(String(m.inputs.friendlyName), new RegExp(stack));
      assert.equal(result.outputs.frontendMonitorId, `chef-chopsky-${stack}-monitoring-frontend-id`);
      const contact = result.resources.find((r) => r.type === "pulumi-nodejs:dynamic/uptimerobot:AlertContact");
      assert.ok(contact?.secretInputs.includes("value"), "the web-hook URL is a secret input");
    }
  });
});

describe("stack program: agent and database", function () {
  this.timeout(20000);
  const COMMIT = "0123456789abcdef0123456789abcdef01234567";

  it("manages the agent's variables as one secret map; without a commit it only redeploys on a change", async () => {
    const result = await synth("production");
    const [vars] = ofType(result, "pulumi-nodejs:dynamic/railway:ServiceVariables");
    assert.ok(vars, "the variables resource exists");
    assert.deepEqual(vars.secretInputs, ["variables"]);
    assert.equal(vars.inputs.serviceId, "3a7b9c1d-5e2f-4a6b-8c0d-2e4f6a8b0c1d");
    const agentCommands = ofType(result, "command:local:Command").filter((c) => c.name.includes("-agent-"));
    assert.deepEqual(
      agentCommands.map((c) => [c.name, c.inputs.create, c.inputs.triggers]),
      [["chef-chopsky-production-agent-redeploy", agentDeployCommand("redeploy"), undefined]],
    );
  });

  it("deploys the configured commit with the token only in the command's environment, its output secret", async () => {
    const result = await synth("staging", { "chef-chopsky:agentCommit": COMMIT });
    const deploy = ofType(result, "command:local:Command").find((c) => c.name.endsWith("-agent-deploy"));
    assert.ok(deploy, "a deploy command exists once a commit is configured");
    assert.deepEqual(deploy.inputs.triggers, [COMMIT]);
    assert.deepEqual(deploy.secretInputs, ["environment.RAILWAY_TOKEN"]);
    assert.ok(!/RAILWAY_TOKEN|placeholder/.test(String(deploy.inputs.create)), "no credential on the command line");
    assert.deepEqual(deploy.options.additionalSecretOutputs, ["stdout", "stderr"]);
    assert.ok(
      deploy.options.dependencies?.some((d) => d.includes("ServiceVariables")),
      "deploys after the variables",
    );
  });

  it("sets the auth site URL to the environment's frontend; only staging allows the feature previews", async () => {
    const [prod] = ofType(await synth("production"), "pulumi-nodejs:dynamic/supabase:AuthSettings");
    const [staging] = ofType(await synth("staging"), "pulumi-nodejs:dynamic/supabase:AuthSettings");
    assert.equal(prod.inputs.siteUrl, "https://chef-chopsky-production.vercel.app");
    assert.equal(prod.inputs.uriAllowList, "https://chef-chopsky-production.vercel.app");
    assert.equal(prod.inputs.projectRef, "qzvhxkfmpwlrtdbnyacs");
    assert.equal(staging.inputs.siteUrl, "https://chef-chopsky-git-staging.vercel.app");
    assert.equal(
      staging.inputs.uriAllowList,
      "https://chef-chopsky-git-staging.vercel.app,https://chef-chopsky-git-*.vercel.app/**",
    );
  });
});
