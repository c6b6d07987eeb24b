/**
 * Production, as a new user sets it up: `pulumi stack init`, a first preview that lists every missing or invalid
 * config value at once (with the command that fixes each), `pulumi config set --secret` of every secret, the pull
 * request's preview with the policy pack, the deploy's `pulumi up` (which deploys the agent through the command
 * provider and waits for SUCCESS and `/health`), and a second up that changes nothing.
 */
import { setSecretCommand } from "../../lib/secret-config";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { requiredConfigSecrets } from "../../lib/catalog";
import type { EnvironmentName } from "../../lib/environments";
import { afterUp, ci, outputsOf, runStep, suite } from "./context";
import { assertHoldsDeclared } from "./expected";
import { ageRecord, assertAges, OLD } from "./secrets";
import { utcDate } from "../../providers/secret-ages/provider";
import { changesOf, type CliRun, succeeded, textOf } from "./harness";
import { totals } from "./ops";
import { COMMITS, suiteConfig } from "./project";

/** The policy pack's name (policy/package.json), as the engine reports the packs it ran. */
export const PACK = "chef-chopsky-isolation";

/**
 * The pull request's preview of a new stack (pull-request.yml), type-checked: it passes, would only create, runs the
 * policy pack without a violation and writes nothing.
 * @returns how many resources it would create.
 */
export async function cleanPreview(stack: EnvironmentName): Promise<number> {
  const preview = ci(stack).preview;
  const run = await suite().metrics.measure("preview --policy-pack, type-checked (pull-request.yml)", () =>
    runStep(preview, preview.argv, true),
  );
  assert.equal(run.code, 0, textOf(run));
  const changes = changesOf(run);
  assert.deepEqual(Object.keys(changes), ["create"], JSON.stringify(changes));
  assert.ok(packsRun(run).includes(PACK), "the policy pack ran");
  const violations = run.events.flatMap((e) => (e.policyEvent ? [e.policyEvent] : []));
  assert.deepEqual(
    violations.map((v) => `${v.policyName}: ${v.message}`),
    [],
    "no policy violation",
  );
  assert.equal(totals(run.calls).writes, 0, "a preview writes nothing");
  return changes.create;
}

/** The policy packs a run reports it ran (the summary event's field is PascalCase on the wire). */
export function packsRun(run: CliRun): string[] {
  const summary = run.events.find((e) => e.summaryEvent)?.summaryEvent as
    { policyPacks?: Record<string, string>; PolicyPacks?: Record<string, string> } | undefined;
  // Keys look like `chef-chopsky-isolation|local|policy`.
  return Object.keys(summary?.policyPacks ?? summary?.PolicyPacks ?? {}).map((k) => k.split("|")[0]);
}

/** Resources a preview or up of each stack handles (set by the first preview, checked by every later run). */
export const resourceCount: Record<string, number> = {};

export function registerProductionTests(): void {
  describe("production: a new stack, its secrets, preview, up, a second up", function () {
    before(() => suite().metrics.startPhase("production: init, config, preview, up, no-change up"));

    it("stack init, then preview: one clean list of every missing and invalid value, each with its fix", async function () {
      const { engine, metrics, projectDir } = suite();
      succeeded(await engine.run(["stack", "init", "production", "--non-interactive"]));
      const good = String(suiteConfig("production", suite().fakes)["chef-chopsky:frontendUrl"]);
      const set = (v: string) => engine.run(["config", "set", "chef-chopsky:frontendUrl", v, "--stack", "production"]);
      succeeded(await set("http://chef-chopsky-production.vercel.app"));
      const run = await metrics.measure("preview, secrets missing, one value invalid", () =>
        runStep(ci("production").preview),
      );
      succeeded(await set(good));
      assert.equal(run.code, 1, textOf(run));
      const text = textOf(run);
      const missing = requiredConfigSecrets("production");
      assert.ok(text.includes(`Invalid configuration for stack "production" (${missing.length + 1} problems):`), text);
      const fixes = [
        '- chef-chopsky:frontendUrl: expected the frontend URL as an https URL, got "http://chef-chopsky-production.vercel.app": run `pulumi config set chef-chopsky:frontendUrl <value> --stack production`',
        ...missing.map((k) => `- ${k}: required secret is missing: run ${setSecretCommand(k, "production")}`),
      ];
      for (const line of fixes) assert.equal(text.split(line).length - 1, 1, `once in the output: ${line}`);
      assert.ok(!text.includes("\u001b["), "no ANSI escape codes");
      for (const dump of ["issues:", "ConfigError", "unhandled exception", "    at "])
        assert.ok(!text.includes(dump), `no object dump or stack trace (${JSON.stringify(dump)})`);
      assert.equal(totals(run.calls).total, 0, "nothing called any service");
      assert.ok(fs.existsSync(path.join(projectDir, "Pulumi.production.yaml")));
    });

    it("pulumi config set --secret of every secret the runbook lists, each value from standard input", async function () {
      const { engine, metrics, projectDir, secrets } = suite();
      const run = await metrics.measure(`config set --secret × ${Object.keys(secrets.production).length}`, async () => {
        for (const [key, value] of Object.entries(secrets.production))
          succeeded(
            await engine.run(["config", "set", "--secret", key, "--stack", "production", "--non-interactive"], {
              stdin: value,
            }),
          );
        return { code: 0 };
      });
      assert.equal(run.code, 0);
      const file = fs.readFileSync(path.join(projectDir, "Pulumi.production.yaml"), "utf8");
      for (const [key, value] of Object.entries(secrets.production)) {
        assert.match(file, new RegExp(`  ${key}:\\n    secure: v1:`), `${key} is stored encrypted`);
        assert.ok(!file.includes(value), `${key}'s value is not in the stack file`);
      }
    });

    it("the pull request's preview (pull-request.yml): every resource to create, no policy violation, no write", async function () {
      resourceCount.production = await cleanPreview("production");
    });

    it("the deploy's pulumi up (deploy.yml): the fakes hold exactly what is declared; the agent deployed once", async function () {
      const s = suite();
      const before = s.fakes.railway.production.deployments.length;
      const run = await s.metrics.measure("up #1: create, deploy (deploy.yml)", () => runStep(ci("production").up));
      assert.equal(run.code, 0, textOf(run));
      assert.deepEqual(changesOf(run), { create: resourceCount.production });
      const outputs = await outputsOf("production");
      assertHoldsDeclared("production", s, outputs);
      await assertAges("production", () => utcDate()); // the secret record: every secret, dated today
      const railway = s.fakes.railway.production;
      const deploys = railway.deployments.slice(before);
      assert.deepEqual(
        deploys.map((d) => ({ commit: d.meta.commitHash, status: railway.statusOf(d) })),
        [{ commit: COMMITS.first, status: "SUCCESS" }],
        "one deployment of the configured commit, and it succeeded",
      );
      assert.ok(run.calls["railway (production)"].writeOps.includes("serviceInstanceDeployV2"));
      assert.ok(
        railway.calls.some((c) => c.operation === "health"),
        "the deploy waited for /health",
      );
      assert.ok(!JSON.stringify(outputs).includes("[secret]"), "no output is a secret");
      s.upDone.add("production");
    });

    it("a second pulumi up: no change, no write, no redeploy; the secret record keeps its dates", async function () {
      const s = afterUp("production");
      await ageRecord("production", OLD); // made old in the state, so that "kept" cannot pass as "today"
      const before = s.fakes.railway.production.deployments.length;
      const run = await s.metrics.measure("up #2: no change (deploy.yml)", () => runStep(ci("production").up));
      assert.equal(run.code, 0, textOf(run));
      assert.deepEqual(changesOf(run), { same: resourceCount.production });
      for (const [name, c] of Object.entries(run.calls)) assert.equal(c.writes, 0, `a no-change up wrote to ${name}`);
      assert.equal(s.fakes.railway.production.deployments.length, before, "no redeploy");
      await assertAges("production", () => OLD);
    });
  });
}
