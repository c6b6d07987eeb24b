// One secret rotation end to end against the local fakes, timed and counted: `npm run rotate` in-process with a
// stand-in for the Pulumi CLI whose `up` does what the engine does for the services (the Railway variables upsert,
// the project's new Vercel variable, then the agent's and the frontend's redeploy tools with their previous output
// and the new fingerprints), then the health checks of the stack's outputs against the fakes. The Vercel variable
// write itself goes through the Terraform-bridged provider, which cannot be pointed at a fake: not counted here.
// Also a rollback after a rotation (the variables written back and the rolled-back image redeployed).
import { Readable } from "node:stream";
import { main as agentDeploy } from "../../deploy/agent-deploy";
import { main as frontendRedeploy } from "../../deploy/frontend-redeploy";
import { healthChecks } from "../../lib/health-checks";
import { variablesFingerprint } from "../../lib/variables-fingerprint";
import { main as rotate } from "../../ops/rotate";
import type { SecretInput } from "../../ops/rotate/input";
import type { PulumiRunner } from "../../ops/pulumi";
import { RailwayClient } from "../../providers/railway/client";
import { RailwayFake } from "../../tests/fakes/railway";
import { realisticSecret } from "../../tests/fixtures/secrets";
import { VercelFake } from "../../tests/fakes/vercel";
import { type BenchResult, callSummary, runTool } from "./util";

const KEY = "5eed".repeat(16);
const COMMIT = "c".repeat(40);

/**
 * Runs the benchmark.
 * @returns its name and one line per measured part.
 */
export async function benchRotation(): Promise<BenchResult> {
  const railway = new RailwayFake();
  const vercel = new VercelFake();
  await Promise.all([railway.start(), vercel.start()]);
  try {
    const rw = { ...railway.deployToolEnv, AGENT_COMMIT: COMMIT, AGENT_DEPLOY_POLL_MS: "5" };
    const site = `${vercel.url}/_site/${vercel.productionHost}`;
    const vc = {
      VERCEL_TOKEN: vercel.token,
      VERCEL_API_URL: vercel.url,
      VERCEL_PROJECT_ID: vercel.projectId,
      FRONTEND_TARGET: "production",
      FRONTEND_URL: site,
      FRONTEND_HOST: vercel.productionHost,
      FRONTEND_POLL_MS: "5",
    };
    // Before: the agent deployed and the frontend recorded, both with the old value.
    const client = new RailwayClient({
      credentials: { token: railway.projectToken, kind: "project" },
      apiUrl: railway.graphqlUrl,
    });
    const agentVars = (v: string) => ({ OPENAI_API_KEY: "sk-openai", SUPABASE_SECRET_KEY: v, APP_ENV: "production" });
    const frontVars = (v: string) => ({ SUPABASE_SECRET_KEY: v });
    await client.upsertVariables(railway.target, agentVars("sb_secret_old"));
    vercel.projectEnv = frontVars("sb_secret_old");
    vercel.add("dpl_live", 30);
    // Both deploy commands as `pulumi up` runs them: given the variables' fingerprint and their previous output.
    let agentOut: string | undefined;
    let frontOut: string | undefined;
    const deployBoth = async (value: string) => {
      agentOut = await runTool("agent-deploy", agentDeploy, ["deploy", "--json"], {
        ...rw,
        PULUMI_COMMAND_STDOUT: agentOut,
        AGENT_VARIABLES_FINGERPRINT: variablesFingerprint(KEY, agentVars(value), "agent-variables"),
      });
      frontOut = await runTool("frontend-redeploy", frontendRedeploy, ["--json"], {
        ...vc,
        PULUMI_COMMAND_STDOUT: frontOut,
        FRONTEND_VARIABLES_FINGERPRINT: variablesFingerprint(KEY, frontVars(value), "frontend-variables"),
      });
    };
    await deployBoth("sb_secret_old");
    railway.resetCalls();
    vercel.resetCalls();

    let current = "sb_secret_old";
    // The program's own checks, at the loosest latency threshold the config allows (the fakes' pace is not judged).
    const checks = healthChecks("production", site, railway.agentUrl, 60_000);
    const outputs = JSON.stringify({ environment: "production", healthChecks: checks });
    // What `pulumi up` does to the services after `config set`: write the variables, then run both commands.
    const pulumi: PulumiRunner = async (args, { stdin }) => {
      const cmd = args.slice(0, 2).join(" ");
      if (cmd === "config get") return { code: 0, stdout: `${current}\n`, stderr: "" };
      if (cmd === "config set") current = stdin ?? "";
      if (cmd === "up --yes") {
        await client.upsertVariables(railway.target, { SUPABASE_SECRET_KEY: current });
        vercel.projectEnv = frontVars(current);
        await deployBoth(current);
      }
      return { code: 0, stdout: cmd === "stack output" ? outputs : "", stderr: "" };
    };
    const started = process.hrtime.bigint();
    const code = await rotate(["--stack", "production", "--secret", "PRODUCTION_SUPABASE_SECRET_KEY", "--wait", "30"], {
      stdout: () => {},
      stderr: () => {},
      // A value of the real shape: the rotation refuses a weak one before setting anything.
      stdin: Readable.from([
        `${realisticSecret("chef-chopsky:supabaseSecretKey", "bench")}\n`,
      ]) as unknown as SecretInput,
      env: {},
      pulumi,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (code !== 0) throw new Error(`bench: rotate exited ${code}`);
    const lines = [
      `one rotation (PRODUCTION_SUPABASE_SECRET_KEY, carried by both apps): ${ms.toFixed(0)} ms wall time against the fakes (polls every 5 ms; deploy and build times of the real services not included)`,
      `  Railway: ${callSummary(railway)}; deployments created: ${railway.deployments.length - 1} (a redeploy of the live one)`,
      `  Vercel:  ${callSummary(vercel)}; deployments created: ${vercel.deployments.length - 1} (a rebuild of production's current one)`,
    ];
    // A rollback right after the rotation: to the deployment made with the old value, which Railway restores with
    // it; the tool writes the current value back and redeploys the rolled-back image.
    railway.resetCalls();
    const before = railway.deployments.length;
    await runTool("agent-deploy", agentDeploy, ["rollback", "--json"], rw);
    lines.push(
      `agent rollback right after a rotation: ${callSummary(railway)}; deployments created: ${railway.deployments.length - before} (the rollback, then its redeploy with the current value)`,
    );
    return { name: "rotation (npm run rotate against the Railway and Vercel fakes)", lines };
  } finally {
    await Promise.all([railway.stop(), vercel.stop()]);
  }
}
