// The deploy tool end to end against the Railway fake (which also serves the agent's /health): a deploy that
// succeeds, fails, crashes, never gets healthy or never finishes; a rollback; status; bad input; a lost reply; and
// the same tool as a child process started by the Agent component's exact command, with the token only in env.
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { agentDeployCommand } from "../components/agent";
import { REPO_ROOT } from "../lib/root";
import { EXIT, main } from "../deploy/agent-deploy";
import { type DeployOutcome, RailwayFake } from "./fakes/railway";
import { useFake } from "./fakes/server";
import { type CommandRun, runMain } from "./run-main";
import { SWC_CHILD_ENV } from "./fixtures/swc";

const COMMIT_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
const COMMIT_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2";

describe("deploy/agent-deploy.ts", () => {
  const fake = useFake(() => new RailwayFake());
  const env = (extra: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({
    ...fake().deployToolEnv,
    AGENT_COMMIT: COMMIT_A,
    AGENT_DEPLOY_TIMEOUT_SECONDS: "5",
    AGENT_HEALTH_TIMEOUT_SECONDS: "0.3",
    AGENT_DEPLOY_POLL_MS: "5",
    ...extra,
  });
  async function run(argv: string[], extra: Record<string, string | undefined> = {}): Promise<CommandRun> {
    const { code, stdout, stderr } = await runMain(main, argv, { env: env(extra), client: { baseDelayMs: 1 } });
    const all = stdout + stderr;
    assert.ok(!all.includes(fake().projectToken), "the token appears in the output");
    return { code, stdout, stderr };
  }
  const statuses = (text: string) => [...text.matchAll(/deployment \S+: ([A-Z_]+)/g)].map((m) => m[1]);

  it("deploys the commit, prints each status transition, waits for /health, exits 0 with the result", async () => {
    const r = await run(["deploy", "--json"]);
    assert.equal(r.code, EXIT.ok, r.stderr);
    const result = JSON.parse(r.stdout) as { deploymentId: string; commit: string; action: string };
    assert.equal(result.deploymentId, fake().latest()?.id);
    assert.equal(result.commit, COMMIT_A);
    assert.equal(result.action, "deploy");
    assert.equal(fake().latest()?.meta.commitHash, COMMIT_A);
    assert.deepEqual(statuses(r.stderr), ["QUEUED", "BUILDING", "DEPLOYING", "SUCCESS"]);
    assert.match(r.stderr, /\/health: HTTP 200/);
    assert.equal(fake().count({ operation: "serviceInstanceDeployV2" }), 1);
  });

  const failures: [DeployOutcome, RegExp][] = [
    ["FAILED", /deploy failed: deployment \S+ FAILED: the build or the start failed/],
    ["CRASHED", /deploy failed: deployment \S+ CRASHED: the agent started and then exited/],
    ["REMOVED", /deploy failed: deployment \S+ was REMOVED before it succeeded/],
  ];
  for (const [outcome, message] of failures) {
    it(`exits 1 when the deployment ends ${outcome}, saying so`, async () => {
      fake().nextOutcome(outcome);
      const r = await run(["deploy"]);
      assert.equal(r.code, EXIT.failed);
      assert.match(r.stderr, message);
      assert.equal(statuses(r.stdout).at(-1), outcome);
      assert.equal(fake().count({ operation: "health" }), 0, "no health check after a failed deployment");
    });
  }

  it("exits 1 when /health never answers 200 within the health timeout", async () => {
    fake().health = "never";
    const r = await run(["deploy"]);
    assert.equal(r.code, EXIT.failed);
    assert.match(
      r.stderr,
      /deploy failed: http:\/\/127\.0\.0\.1:\d+\/health did not answer as healthy within 0.3 s \(last: HTTP 503\)/,
    );
    assert.match(r.stderr, /agent-deploy rollback/);
  });

  it("exits 1 at the deploy deadline, naming the last status", async () => {
    fake().nextOutcome("STUCK");
    const r = await run(["deploy", "--timeout", "0.3", "--poll-ms", "20"]);
    assert.equal(r.code, EXIT.failed);
    assert.match(r.stderr, /did not reach SUCCESS within 0.3 s \(last status BUILDING\)/);
  });

  it("rolls back to the previous successful deployment and waits for health again", async () => {
    assert.equal((await run(["deploy"])).code, EXIT.ok);
    const first = fake().latest()!;
    assert.equal((await run(["deploy"], { AGENT_COMMIT: COMMIT_B })).code, EXIT.ok);
    assert.equal(fake().statusOf(first), "REMOVED", "the new deployment replaced the first");
    fake().resetCalls();
    const r = await run(["rollback", "--json"]);
    assert.equal(r.code, EXIT.ok, r.stderr);
    const result = JSON.parse(r.stdout) as { deploymentId: string; rolledBackTo: string; commit: string };
    assert.equal(result.rolledBackTo, first.id);
    assert.equal(result.commit, COMMIT_A);
    const created = fake().latest()!;
    assert.equal(created.id, result.deploymentId);
    assert.equal(created.meta.rollbackFrom, first.id);
    assert.equal(fake().statusOf(created), "SUCCESS");
    assert.equal(fake().count({ operation: "deploymentRollback" }), 1);
    assert.ok(fake().count({ operation: "health" }) >= 1);
  });

  it("rollback exits 1 when there is nothing to roll back to", async () => {
    fake().seedDeployment("SUCCESS", COMMIT_A);
    const r = await run(["rollback"]);
    assert.equal(r.code, EXIT.failed);
    assert.match(r.stderr, /rollback failed: no earlier successful deployment to roll back to/);
    assert.equal(fake().count({ operation: "deploymentRollback" }), 0);
  });

  it("status reports the latest deployment and /health; exit 1 when unhealthy", async () => {
    fake().seedDeployment("SUCCESS", COMMIT_A);
    const ok = await run(["status", "--json"]);
    assert.equal(ok.code, EXIT.ok);
    assert.deepEqual(JSON.parse(ok.stdout), {
      deploymentId: fake().latest()!.id,
      status: "SUCCESS",
      commit: COMMIT_A,
      health: "HTTP 200",
      ok: true,
    });
    fake().health = "never";
    const bad = await run(["status"]);
    assert.equal(bad.code, EXIT.failed);
    assert.match(bad.stdout, /SUCCESS \(commit a+1\); \/health: HTTP 503/);
  });

  it("exits 2 on bad input, naming the variable, before any call", async () => {
    const noToken = await run(["deploy"], { RAILWAY_TOKEN: undefined });
    assert.equal(noToken.code, EXIT.badInput);
    assert.match(noToken.stderr, /RAILWAY_TOKEN: required in the environment/);
    const badCommit = await run(["deploy", "--commit", "main"]);
    assert.equal(badCommit.code, EXIT.badInput);
    assert.match(badCommit.stderr, /--commit \/ AGENT_COMMIT: expected a full git commit sha/);
    const noIds = await run(["status"], { RAILWAY_SERVICE_ID: "", AGENT_COMMIT: undefined });
    assert.match(noIds.stderr, /--service-id \/ RAILWAY_SERVICE_ID: required\n/);
    assert.equal((await run(["launch"])).code, EXIT.badInput);
    assert.equal((await run([])).code, EXIT.badInput);
    assert.equal(fake().calls.length, 0);
  });

  it("survives a lost deploy reply (finds the deployment) and a 429 burst while polling", async () => {
    fake().inject({ kind: "lost" }, 1, "serviceInstanceDeployV2");
    fake().inject({ kind: "429", retryAfterSeconds: 0 }, 3, "deployment");
    const r = await run(["deploy"]);
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.match(r.stdout, /the reply to serviceInstanceDeployV2 was lost; found deployment/);
    assert.equal(fake().deployments.length, 1, "deployed once");
  });

  it("on a Pulumi update with the same commit still live, checks health only; a new commit deploys", async () => {
    const first = await run(["deploy", "--json"]);
    const again = await run(["deploy", "--json"], { PULUMI_COMMAND_STDOUT: first.stdout });
    assert.equal(again.code, EXIT.ok);
    assert.equal((JSON.parse(again.stdout) as { action: string }).action, "unchanged");
    assert.equal(fake().deployments.length, 1);
    const next = await run(["deploy", "--json"], { PULUMI_COMMAND_STDOUT: first.stdout, AGENT_COMMIT: COMMIT_B });
    assert.equal((JSON.parse(next.stdout) as { action: string }).action, "deploy");
    assert.equal(fake().deployments.length, 2);
  });

  it("on an update with the same commit after a rollback, does not redeploy (the rollback stays) and says so", async () => {
    const first = await run(["deploy", "--json"]);
    await run(["deploy", "--json"], { AGENT_COMMIT: COMMIT_B });
    assert.equal((await run(["rollback"])).code, EXIT.ok);
    const liveBefore = fake().latest()?.id;
    const count = fake().deployments.length;
    const again = await run(["deploy", "--json"], { PULUMI_COMMAND_STDOUT: first.stdout });
    assert.equal(again.code, EXIT.ok, again.stderr);
    assert.equal((JSON.parse(again.stdout) as { action: string }).action, "unchanged");
    assert.equal(fake().deployments.length, count, "nothing deployed");
    assert.equal(fake().latest()?.id, liveBefore);
    assert.match(again.stdout + again.stderr, /rolled back or deployed by hand\? Not redeploying/);
  });

  describe("as a child process, run by the Agent component's own command", () => {
    function child(extra: Record<string, string>): Promise<CommandRun> {
      const cmd = agentDeployCommand("deploy");
      assert.ok(!cmd.includes(fake().projectToken));
      // The same environment Pulumi's local.Command gives it: inherited, plus the resource's `environment`.
      const childEnv = { ...process.env, ...env(), ...extra, ...SWC_CHILD_ENV } as NodeJS.ProcessEnv;
      const proc = spawn("/bin/sh", ["-c", cmd], { cwd: REPO_ROOT, env: childEnv });
      assert.ok(!proc.spawnargs.join(" ").includes(fake().projectToken), "the token is in argv");
      let stdout = "";
      let stderr = "";
      proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      return new Promise((resolve, reject) => {
        proc.on("error", reject);
        proc.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
      });
    }

    it("deploys with the token from the environment only, and never prints it", async () => {
      const ok = await child({});
      assert.equal(ok.code, EXIT.ok, ok.stderr);
      assert.equal((JSON.parse(ok.stdout) as { deploymentId: string }).deploymentId, fake().latest()?.id);
      assert.ok(!(ok.stdout + ok.stderr).includes(fake().projectToken));
      fake().nextOutcome("CRASHED");
      const crashed = await child({ AGENT_COMMIT: COMMIT_B });
      assert.equal(crashed.code, EXIT.failed);
      assert.match(crashed.stderr, /CRASHED/);
      assert.ok(!(crashed.stdout + crashed.stderr).includes(fake().projectToken));
    });
  });
});
