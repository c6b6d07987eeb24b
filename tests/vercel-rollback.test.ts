import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { choosePrevious, EXIT, main } from "../ops/vercel-rollback";
import type { VercelDeployment } from "../providers/vercel/client";
import { useFake } from "./fakes/server";
import { VercelFake } from "./fakes/vercel";
import { type CommandRun, runMain } from "./run-main";

describe("ops/vercel-rollback.ts", () => {
  const fake = useFake(() => new VercelFake());

  /** Runs the tool in-process against the fake, with the fake's token unless `env` says otherwise. */
  async function run(argv: string[], env: Record<string, string | undefined> = {}): Promise<CommandRun> {
    const { code, stdout, stderr } = await runMain(main, argv, {
      env: { VERCEL_TOKEN: fake().token, VERCEL_API_URL: fake().url, ...env },
      sleep: async () => undefined,
    });
    return { code, stdout, stderr };
  }

  const withHistory = () =>
    fake()
      .add("dpl_current", 5)
      .add("dpl_preview", 3, { target: null })
      .add("dpl_failed", 4, { state: "ERROR" })
      .add("dpl_previous", 60)
      .add("dpl_older", 600);

  it("rolls back to the previous READY production deployment, excluding the current one", async () => {
    withHistory();
    const r = await run(["--project-id", fake().projectId, "--reason", "P1: checkout broken"]);
    assert.equal(r.code, EXIT.done, r.stderr);
    assert.deepEqual(fake().rollbacks, [
      { projectId: fake().projectId, deploymentId: "dpl_previous", teamId: null, description: "P1: checkout broken" },
    ]);
    const list = fake().calls.find((c) => c.operation === "listDeployments");
    const query = new URL(list?.path ?? "", "http://x").searchParams;
    assert.equal(query.get("projectId"), fake().projectId);
    assert.equal(query.get("target"), "production");
    assert.equal(query.get("state"), "READY");
    assert.equal(list?.headers.authorization, `Bearer ${fake().token}`);
    assert.match(r.stdout, /current production deployment: dpl_current/);
    assert.match(r.stdout, /rolled the production domains of prj_chefchopsky0001 back to dpl_previous/);
  });

  it("rebuilds the restored deployment with the current variables and promotes it: a rotated-out secret stays out", async () => {
    fake().projectEnv = { SUPABASE_SECRET_KEY: "rotated-out-value" };
    withHistory();
    fake().projectEnv = { SUPABASE_SECRET_KEY: "current-value" };
    const r = await run(["--project-id", fake().projectId, "--reason", "P1"]);
    assert.equal(r.code, EXIT.done, r.stderr);
    assert.equal(fake().rollbacks[0]?.deploymentId, "dpl_previous", "the Instant Rollback comes first");
    const served = fake().production()!;
    assert.notEqual(served.uid, "dpl_previous", "the old build does not stay on the domain");
    assert.equal(fake().stateOf(served), "READY");
    assert.deepEqual(served.env, { SUPABASE_SECRET_KEY: "current-value" });
    const previous = fake().deployments.find((d) => d.uid === "dpl_previous")!;
    assert.equal(served.meta?.githubCommitSha, previous.meta?.githubCommitSha, "the rolled-back code");
    assert.equal(served.target, "production");
    const create = JSON.parse(fake().calls.find((c) => c.operation === "createDeployment")!.body) as Record<
      string,
      unknown
    >;
    assert.equal(create.deploymentId, "dpl_previous");
    assert.equal(fake().count({ operation: "promote" }), 1);
    assert.match(r.stdout, new RegExp(`promoted ${served.uid}, dpl_previous rebuilt with the current variables`));
  });

  it("reports a rebuild that fails, after the rollback itself took effect", async () => {
    withHistory();
    fake().nextOutcome = "ERROR";
    const r = await run(["--project-id", fake().projectId]);
    assert.equal(r.code, EXIT.failed);
    assert.equal(fake().production()?.uid, "dpl_previous");
    assert.match(r.stderr, /ended ERROR/);
    assert.match(r.stderr, /serves the old build with the variables it was built with/);
    assert.equal(fake().count({ operation: "promote" }), 0);
  });

  it("--no-rebuild keeps the old build (when the current variables are the problem)", async () => {
    withHistory();
    const r = await run(["--project-id", fake().projectId, "--no-rebuild"]);
    assert.equal(r.code, EXIT.done, r.stderr);
    assert.equal(fake().production()?.uid, "dpl_previous");
    assert.equal(fake().count({ operation: "createDeployment" }), 0);
    assert.match(r.stdout, /not rebuilt/);
  });

  it("rolls back to an explicit --deployment-id without listing", async () => {
    withHistory();
    const r = await run(["--project-id", fake().projectId, "--deployment-id", "dpl_older"]);
    assert.equal(r.code, EXIT.done, r.stderr);
    assert.deepEqual(
      fake().rollbacks.map((x) => x.deploymentId),
      ["dpl_older"],
    );
    assert.equal(fake().count({ operation: "listDeployments" }), 0);
  });

  it("takes the project and team from VERCEL_PROJECT_ID / VERCEL_TEAM_ID and sends teamId on every call", async () => {
    withHistory();
    fake().teamId = "team_chef";
    const r = await run([], { VERCEL_PROJECT_ID: fake().projectId, VERCEL_TEAM_ID: "team_chef" });
    assert.equal(r.code, EXIT.done, r.stderr);
    assert.equal(fake().rollbacks[0]?.teamId, "team_chef");
    assert.ok(fake().calls.every((c) => new URL(c.path, "http://x").searchParams.get("teamId") === "team_chef"));
  });

  it("sends a team slug (as vercel:team may hold) as `slug`", async () => {
    withHistory();
    fake().teamId = "team_chef";
    const r = await run(["--project-id", fake().projectId, "--team-id", "chef-team"]);
    assert.equal(r.code, EXIT.done, r.stderr);
    assert.ok(fake().calls.every((c) => new URL(c.path, "http://x").searchParams.get("slug") === "chef-team"));
  });

  it("says to check --team-id when a team's project is not found without it", async () => {
    withHistory();
    fake().teamId = "team_chef";
    const r = await run(["--project-id", fake().projectId]);
    assert.equal(r.code, EXIT.failed);
    assert.match(r.stderr, /not found \(HTTP 404.*--team-id/);
  });

  it("exits 1 with a clear message when there is no previous deployment", async () => {
    fake().add("dpl_only", 5).add("dpl_broken", 50, { state: "ERROR" });
    const r = await run(["--project-id", fake().projectId]);
    assert.equal(r.code, EXIT.failed);
    assert.match(r.stderr, /no previous READY production deployment of prj_chefchopsky0001/);
    assert.equal(fake().count({ operation: "rollback" }), 0);
  });

  it("skips deployments Vercel marks as not rollback candidates", async () => {
    fake().add("dpl_current", 5).add("dpl_excluded", 10, { isRollbackCandidate: false }).add("dpl_ok", 20);
    const r = await run(["--project-id", fake().projectId]);
    assert.equal(r.code, EXIT.done, r.stderr);
    assert.equal(fake().rollbacks[0]?.deploymentId, "dpl_ok");
  });

  for (const status of [403, 401] as const) {
    it(`reports a rejected token (HTTP ${status}) clearly, without the token`, async () => {
      withHistory();
      fake().wrongTokenStatus = status;
      const sent = "wrong-token-value-1234";
      const r = await run(["--project-id", fake().projectId], { VERCEL_TOKEN: sent });
      assert.equal(r.code, EXIT.failed);
      assert.match(r.stderr, new RegExp(`Vercel rejected the token \\(HTTP ${status}`));
      assert.match(r.stderr, /check VERCEL_TOKEN/);
      assert.ok(!r.stderr.includes(sent) && !r.stdout.includes(sent), "the token must not be printed");
      assert.equal(fake().rollbacks.length, 0);
    });
  }

  it("treats a blank VERCEL_TOKEN as missing", async () => {
    const r = await run(["--project-id", fake().projectId], { VERCEL_TOKEN: "   " });
    assert.equal(r.code, EXIT.badInput);
    assert.equal(fake().calls.length, 0);
  });

  it("exits 2 when VERCEL_TOKEN is missing, before any call", async () => {
    const r = await run(["--project-id", fake().projectId], { VERCEL_TOKEN: undefined });
    assert.equal(r.code, EXIT.badInput);
    assert.match(r.stderr, /VERCEL_TOKEN is not set/);
    assert.equal(fake().calls.length, 0);
  });

  it("exits 2 on a token passed as an option, without echoing it", async () => {
    const r = await run(["--project-id", fake().projectId, "--token=pasted-secret-value"]);
    assert.equal(r.code, EXIT.badInput);
    assert.ok(!r.stderr.includes("pasted-secret-value"), r.stderr);
  });

  it("exits 2 without a project id, and on an id that is not a Vercel id", async () => {
    assert.equal((await run([])).code, EXIT.badInput);
    const r = await run(["--project-id", "https://vercel.com/chef/chef-chopsky"]);
    assert.equal(r.code, EXIT.badInput);
    assert.match(r.stderr, /--project-id: expected a Vercel id/);
  });

  it("reports a deployment that is not a READY production deployment (Vercel's 400)", async () => {
    withHistory();
    const r = await run(["--project-id", fake().projectId, "--deployment-id", "dpl_preview"]);
    assert.equal(r.code, EXIT.failed);
    assert.match(r.stderr, /Vercel rollback failed: HTTP 400: invalid_deployment/);
  });

  it("makes no change with --dry-run", async () => {
    withHistory();
    const r = await run(["--project-id", fake().projectId, "--dry-run"]);
    assert.equal(r.code, EXIT.done, r.stderr);
    assert.match(r.stdout, /dry run: would roll prj_chefchopsky0001 back to dpl_previous/);
    assert.equal(fake().count({ write: true }), 0);
  });

  it("retries a rate-limited list (429 with a plain-text body) and a 500 on the rollback", async () => {
    withHistory();
    fake().inject({ kind: "429", retryAfterSeconds: 0 }, 1, "listDeployments").inject({ kind: "500" }, 1, "rollback");
    const r = await run(["--project-id", fake().projectId]);
    assert.equal(r.code, EXIT.done, r.stderr);
    assert.equal(fake().count({ operation: "listDeployments" }), 2);
    assert.equal(fake().rollbacks.length, 1);
  });

  it("runs as a script: exit code and messages through the process", function () {
    this.timeout(30_000);
    const script = path.join(__dirname, "..", "ops", "vercel-rollback.ts");
    const r = spawnSync(process.execPath, ["-r", require.resolve("./register"), script, "--project-id", "prj_x"], {
      env: { PATH: process.env.PATH ?? "" },
      encoding: "utf8",
    });
    assert.equal(r.status, EXIT.badInput, r.stderr);
    assert.match(r.stderr, /VERCEL_TOKEN is not set/);
  });
});

describe("choosePrevious", () => {
  const d = (id: string, createdAt: number, extra: Partial<VercelDeployment> = {}): VercelDeployment => ({
    id,
    createdAt,
    state: "READY",
    target: "production",
    ...extra,
  });

  it("takes the newest as current and the next as the target", () => {
    assert.deepEqual(choosePrevious([d("c", 3), d("p", 2), d("o", 1)]), { current: d("c", 3), previous: d("p", 2) });
  });

  it("returns undefined without a previous deployment", () => {
    assert.equal(choosePrevious([]), undefined);
    assert.equal(choosePrevious([d("c", 3)]), undefined);
    assert.equal(choosePrevious([d("c", 3), d("x", 2, { isRollbackCandidate: false })]), undefined);
  });
});
