// The frontend redeploy tool against the Vercel fake: a changed fingerprint rebuilds exactly the deployment the
// variables affect (production's current one, the staging branch's latest preview), waits for READY, for the alias
// to serve it and for the site to answer; an unchanged one calls nothing; the token never shows.
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fingerprint } from "../lib/fingerprint";
import { EXIT, main } from "../deploy/frontend-redeploy";
import { frontendRedeployCommand } from "../components/frontend";
import { REPO_ROOT } from "../lib/root";
import { VercelFake } from "./fakes/vercel";
import { useFake } from "./fakes/server";
import { runMain } from "./run-main";
import { SWC_CHILD_ENV } from "./fixtures/swc";

const KEY = "fedcba9876543210".repeat(4);
const OLD = "sb_secret_old_value_0001";
const NEW = "sb_secret_new_value_0002";
const fp = (v: string) => fingerprint(KEY, v, "frontend");

describe("deploy/frontend-redeploy.ts", () => {
  const fake = useFake(() => new VercelFake());
  const env = (extra: Record<string, string | undefined> = {}) => ({
    VERCEL_TOKEN: fake().token,
    VERCEL_API_URL: fake().url,
    VERCEL_PROJECT_ID: fake().projectId,
    FRONTEND_TARGET: "production",
    FRONTEND_URL: `${fake().url}/_site/${fake().productionHost}`,
    FRONTEND_HOST: fake().productionHost,
    FRONTEND_POLL_MS: "5",
    FRONTEND_DEPLOY_TIMEOUT_SECONDS: "5",
    FRONTEND_HEALTH_TIMEOUT_SECONDS: "1",
    ...extra,
  });
  async function run(extra: Record<string, string | undefined> = {}) {
    const { code, stdout, stderr } = await runMain(main, ["--json"], { env: env(extra) });
    for (const secret of [fake().token, OLD, NEW]) assert.ok(!(stdout + stderr).includes(secret), "a secret shows");
    const result = code === EXIT.ok ? (JSON.parse(stdout) as Record<string, unknown>) : {};
    return { code, stdout, stderr, result };
  }
  /** The production history: an older deployment and the current one, both built with the old value. */
  const history = () => {
    fake().projectEnv = { SUPABASE_SECRET_KEY: OLD };
    fake().add("dpl_older", 120).add("dpl_current", 10);
    fake().projectEnv = { SUPABASE_SECRET_KEY: NEW }; // pulumi up wrote the new value: new deployments only
  };

  it("records on the first run and calls nothing while the fingerprint stays the same", async () => {
    history();
    const first = await run({ FRONTEND_VARIABLES_FINGERPRINT: fp(OLD) });
    assert.equal(first.result.action, "recorded");
    const same = await run({ FRONTEND_VARIABLES_FINGERPRINT: fp(OLD), PULUMI_COMMAND_STDOUT: first.stdout });
    assert.equal(same.result.action, "unchanged");
    assert.equal(fake().calls.length, 0);
  });

  it("a changed fingerprint rebuilds production's current deployment once, health-gated", async () => {
    history();
    const first = await run({ FRONTEND_VARIABLES_FINGERPRINT: fp(OLD) });
    assert.equal(fake().production()?.env?.SUPABASE_SECRET_KEY, OLD, "the live site still runs the old value");
    const r = await run({ FRONTEND_VARIABLES_FINGERPRINT: fp(NEW), PULUMI_COMMAND_STDOUT: first.stdout });
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.equal(r.result.action, "redeploy");
    assert.equal(r.result.redeployedFrom, "dpl_current");
    assert.equal(fake().count({ operation: "createDeployment" }), 1);
    assert.equal(fake().count({ operation: "promote" }), 0);
    const body = JSON.parse(fake().calls.find((c) => c.operation === "createDeployment")!.body) as Record<
      string,
      unknown
    >;
    assert.deepEqual(body, {
      deploymentId: "dpl_current",
      name: "chef-chopsky",
      target: "production",
      meta: { action: "redeploy" },
    });
    const live = fake().production()!;
    assert.equal(live.uid, r.result.deploymentId);
    assert.equal(live.env?.SUPABASE_SECRET_KEY, NEW);
    assert.equal(fake().count({ operation: "site" }), 1, "the site was probed once it served the new build");
    assert.match(r.stderr, /QUEUED[\s\S]*BUILDING[\s\S]*READY/);
  });

  it("after an Instant Rollback, rebuilds the rolled-back deployment and promotes it (the rollback stays)", async () => {
    history();
    await fetch(`${fake().url}/v1/projects/${fake().projectId}/rollback/dpl_older`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake().token}` },
    });
    const first = await run({ FRONTEND_VARIABLES_FINGERPRINT: fp(OLD) });
    const r = await run({ FRONTEND_VARIABLES_FINGERPRINT: fp(NEW), PULUMI_COMMAND_STDOUT: first.stdout });
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.equal(r.result.redeployedFrom, "dpl_older");
    assert.equal(r.result.promoted, true);
    assert.equal(fake().production()?.uid, r.result.deploymentId);
    assert.equal(fake().production()?.env?.SUPABASE_SECRET_KEY, NEW);
  });

  it("on staging, rebuilds the staging branch's latest preview, not production nor a feature preview", async () => {
    fake()
      .add("dpl_prod", 5)
      .add("dpl_stg_old", 50, { target: null, meta: { githubCommitRef: "staging" } })
      .add("dpl_stg", 20, { target: null, meta: { githubCommitRef: "staging" } })
      .add("dpl_feat", 1, { target: null, meta: { githubCommitRef: "feat-x" } });
    const host = "chef-chopsky-git-staging.vercel.app";
    const staging = { FRONTEND_TARGET: "preview", FRONTEND_GIT_BRANCH: "staging", FRONTEND_HOST: host };
    const siteUrl = `${fake().url}/_site/${host}`;
    const first = await run({ ...staging, FRONTEND_URL: siteUrl, FRONTEND_VARIABLES_FINGERPRINT: fp(OLD) });
    const r = await run({
      ...staging,
      FRONTEND_URL: siteUrl,
      FRONTEND_VARIABLES_FINGERPRINT: fp(NEW),
      PULUMI_COMMAND_STDOUT: first.stdout,
    });
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.equal(r.result.redeployedFrom, "dpl_stg");
    const body = JSON.parse(fake().calls.find((c) => c.operation === "createDeployment")!.body) as Record<
      string,
      unknown
    >;
    assert.equal(body.target, undefined, "a preview is redeployed as a preview");
    assert.equal(fake().branch("staging")?.uid, r.result.deploymentId);
    assert.equal(fake().production()?.uid, "dpl_prod");
  });

  it("fails (exit 1) when the rebuild ends in ERROR, and when a redeploy is needed without a token", async () => {
    history();
    const first = await run({ FRONTEND_VARIABLES_FINGERPRINT: fp(OLD) });
    fake().nextOutcome = "ERROR";
    const failed = await run({ FRONTEND_VARIABLES_FINGERPRINT: fp(NEW), PULUMI_COMMAND_STDOUT: first.stdout });
    assert.equal(failed.code, EXIT.failed);
    assert.match(failed.stderr, /deployment dpl_redeploy\d+ ended ERROR/);
    assert.equal(fake().production()?.uid, "dpl_current", "production keeps the deployment it had");
    const noToken = await run({
      VERCEL_TOKEN: undefined,
      FRONTEND_VARIABLES_FINGERPRINT: fp(NEW),
      PULUMI_COMMAND_STDOUT: first.stdout,
    });
    assert.equal(noToken.code, EXIT.failed);
    assert.match(noToken.stderr, /no Vercel token to redeploy with: set vercel:apiToken \(or VERCEL_API_TOKEN\)/);
  });

  it("exits 2 on bad input, naming the variables, before any call", async () => {
    const r = await run({ VERCEL_PROJECT_ID: "chef", FRONTEND_TARGET: "preview", FRONTEND_URL: "nope" });
    assert.equal(r.code, EXIT.badInput);
    assert.match(r.stderr, /VERCEL_PROJECT_ID: expected a Vercel project id/);
    assert.match(r.stderr, /FRONTEND_URL: expected an https or http URL/);
    const noTarget = await run({ FRONTEND_TARGET: "" });
    assert.equal(noTarget.code, EXIT.badInput);
    assert.match(noTarget.stderr, /FRONTEND_TARGET: required\n/);
    assert.equal(fake().calls.length, 0);
  });

  it("runs as the Frontend component's own command, with the token only in its environment", async () => {
    history();
    const cmd = frontendRedeployCommand();
    assert.ok(!cmd.includes(fake().token));
    const proc = spawn("/bin/sh", ["-c", cmd], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...env({ FRONTEND_VARIABLES_FINGERPRINT: fp(NEW) }),
        ...SWC_CHILD_ENV,
      } as NodeJS.ProcessEnv,
    });
    let stdout = "";
    proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number>((resolve) => proc.on("close", (c) => resolve(c ?? -1)));
    assert.equal(code, EXIT.ok);
    assert.equal((JSON.parse(stdout) as { action: string }).action, "recorded");
  });
});
