/**
 * The agent's deploys through the command provider (deploy/agent-deploy.ts run by `local.Command`): a new commit is
 * exactly one deploy; a deployment that ends FAILED, or whose `/health` never answers, fails `pulumi up` with a
 * message naming the deployment, and the state keeps the last good deploy; `deploy/agent-deploy.ts rollback` (as
 * rollback.yml runs it) rolls the agent back on the same fake (and the next up, drift.ts's repair, does not redeploy).
 */
import * as assert from "node:assert/strict";
import { afterUp, ci, runStep, suite } from "./context";
import { type CliRun, spawnText, succeeded, textOf } from "./harness";
import { COMMITS } from "./project";
import { stateResources } from "./state";

const STACK = "production";

/** Sets `chef-chopsky:agentCommit` of production. */
async function setCommit(commit: string): Promise<void> {
  succeeded(await suite().engine.run(["config", "set", "chef-chopsky:agentCommit", commit, "--stack", STACK]));
}

/** The `triggers` of the deploy command in the state: the commit of the last deploy `pulumi up` recorded. */
function recordedCommit(): unknown {
  const deploys = stateResources(suite().engine.backendDir, STACK).filter(
    (r) => r.type === "command:local:Command" && r.urn.endsWith("::chef-chopsky-production-agent-deploy"),
  );
  assert.equal(deploys.length, 1, "one agent deploy command in the state");
  return (deploys[0].inputs?.triggers as unknown[] | undefined)?.[0];
}

/** Runs the deploy workflow's up after `commit` was set; returns the run and the deployments it made. */
async function upWith(label: string, commit: string) {
  const s = afterUp(STACK);
  await setCommit(commit);
  const railway = s.fakes.railway.production;
  const before = railway.deployments.length;
  const run = await s.metrics.measure(label, () => runStep(ci(STACK).up));
  return { run, deploys: railway.deployments.slice(before) };
}

function assertFailedNaming(run: CliRun, deploymentId: string, what: RegExp): void {
  assert.notEqual(run.code, 0, "pulumi up failed");
  const text = textOf(run);
  assert.ok(text.includes(deploymentId), `the failure names deployment ${deploymentId}:\n${text}`);
  assert.match(text, what);
}

export function registerAgentTests(): void {
  describe("agent: deploys through the command provider, failures, rollback", function () {
    before(() => suite().metrics.startPhase("agent: deploy, failures, rollback"));

    it("a new agentCommit: exactly one deploy, of that commit; nothing else written", async function () {
      const { run, deploys } = await upWith("up: new agentCommit (deploy)", COMMITS.second);
      assert.equal(run.code, 0, textOf(run));
      const railway = suite().fakes.railway.production;
      assert.deepEqual(
        deploys.map((d) => ({ commit: d.meta.commitHash, status: railway.statusOf(d) })),
        [{ commit: COMMITS.second, status: "SUCCESS" }],
      );
      for (const [name, c] of Object.entries(run.calls))
        if (name !== "railway (production)") assert.equal(c.writes, 0, `the deploy wrote to ${name}`);
      assert.deepEqual(run.calls["railway (production)"].writeOps, ["serviceInstanceDeployV2"]);
      assert.equal(recordedCommit(), COMMITS.second);
    });

    it("a deployment that ends FAILED fails pulumi up, naming it; the state keeps the last good deploy", async function () {
      suite().fakes.railway.production.nextOutcome("FAILED");
      const { run, deploys } = await upWith("up: deploy ends FAILED", COMMITS.failing);
      assert.equal(deploys.length, 1, "one deploy attempted");
      assertFailedNaming(run, deploys[0].id, /FAILED/);
      assert.equal(recordedCommit(), COMMITS.second, "the state keeps the last good commit");
    });

    it("a deployment whose /health never answers fails pulumi up, naming it; the state keeps the last good deploy", async function () {
      const railway = suite().fakes.railway.production;
      railway.health = "never";
      try {
        const { run, deploys } = await upWith("up: /health never answers", COMMITS.unhealthy);
        assert.equal(deploys.length, 1, "one deploy attempted");
        assertFailedNaming(run, deploys[0].id, /health/i);
      } finally {
        railway.health = "auto";
      }
      assert.equal(recordedCommit(), COMMITS.second, "the state keeps the last good commit");
    });

    it("deploy/agent-deploy.ts rollback (as rollback.yml runs it) brings back the last good deployment", async function () {
      const s = afterUp(STACK);
      const railway = s.fakes.railway.production;
      const good = railway.deployments.filter((d) => d.meta.commitHash === COMMITS.second);
      assert.equal(good.length, 1);
      // The environment the rollback step builds: the GitHub environment's secrets, then `pulumi config get` and
      // `pulumi stack output` of the stack (rollback.yml, "Roll back the agent (Railway)").
      const get = async (...args: string[]) => succeeded(await s.engine.run(args)).stdout.trim();
      const env = s.engine.env({
        RAILWAY_TOKEN: String(s.fakes.github.secretValue("chef-chopsky", STACK, "RAILWAY_TOKEN")),
        RAILWAY_PROJECT_ID: String(s.fakes.github.secretValue("chef-chopsky", STACK, "RAILWAY_PROJECT_ID")),
        RAILWAY_ENVIRONMENT_ID: await get("config", "get", "chef-chopsky:railwayEnvironmentId", "--stack", STACK),
        RAILWAY_SERVICE_ID: await get("config", "get", "chef-chopsky:railwayServiceId", "--stack", STACK),
        AGENT_URL: await get("stack", "output", "agentUrl", "--stack", STACK),
        // Railway's own API in the workflow; the fake here.
        RAILWAY_API_URL: await get("config", "get", "chef-chopsky:railwayApiUrl", "--stack", STACK),
      });
      const before = railway.deployments.length;
      const run = await s.metrics.measure("agent-deploy.ts rollback", async () => {
        const started = Date.now();
        const r = await spawnText("npx", ["ts-node", "--transpile-only", "deploy/agent-deploy.ts", "rollback"], {
          cwd: s.projectDir,
          env,
        });
        return { ...r, ms: Date.now() - started };
      });
      assert.equal(run.code, 0, textOf(run));
      const made = railway.deployments.slice(before);
      assert.deepEqual(
        made.map((d) => ({ from: d.meta.rollbackFrom, status: railway.statusOf(d) })),
        [{ from: good[0].id, status: "SUCCESS" }],
        "one rollback deployment, of the last good one",
      );
      // The config back to the commit the state holds: the next up (drift's repair) must not redeploy over the
      // rollback (an unchanged commit never redeploys); drift.ts asserts it.
      await setCommit(COMMITS.second);
    });
  });
}
