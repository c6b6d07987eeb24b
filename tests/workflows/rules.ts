/**
 * This project's rules for its GitHub Actions workflows (least privilege, pinned actions, environments per event, the
 * deploy alert) and for the runbook's table of CI environments, shared by the workflow tests: `workflows.test.ts`
 * holds them against the real workflows, `workflows-rules.test.ts` proves each rule able to fail.
 */
import * as path from "node:path";
import { parse } from "yaml";
import { ciEnvironments } from "../../lib/ci-environments";

export const ROOT = path.join(__dirname, "..", "..");
export const DIR = path.join(ROOT, ".github", "workflows");

/** The workflows the runbook needs, one per job it automates. */
export const WORKFLOW_FILES = [
  "deploy.yml",
  "drift.yml",
  "health.yml",
  "pull-request.yml",
  "rollback.yml",
  "rotate.yml",
  "status.yml",
];
export const PULUMI_VERSION = "3.248.0";
/** The only secret a job may use outside a GitHub environment: the run's own token. No Pulumi token is repository-wide. */
const REPOSITORY_SECRETS = new Set(["GITHUB_TOKEN"]);

export interface EnvironmentRule {
  /** The events whose runs may use it (its branch policy: `main`/`staging` for push, `main` for schedule). */
  events: string[];
  /** What its PULUMI_ACCESS_TOKEN may do, on its own stack only. */
  token: "Stack Write" | "Stack Read";
  /** Required reviewers: a person approves each job before it gets the token. */
  reviewed?: true;
}
/**
 * The GitHub environments of docs/RUNBOOK.md ("Setting up CI"), three per declared stack (lib/ci-environments.ts);
 * each holds its own PULUMI_ACCESS_TOKEN.
 */
export const GITHUB_ENVIRONMENTS: Record<string, EnvironmentRule> = Object.fromEntries(
  ciEnvironments().map((e) => [
    e.name,
    { events: e.events, token: e.token, ...(e.reviewed ? { reviewed: true } : {}) },
  ]),
);

export type Obj = Record<string, unknown>;
export interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Obj;
  env?: Obj;
}
export interface Job {
  permissions?: unknown;
  environment?: unknown;
  strategy?: { matrix?: Obj };
  concurrency?: { group?: string; "cancel-in-progress"?: unknown };
  steps?: Step[];
  uses?: string;
  secrets?: unknown;
}
export interface Finding {
  rule: string;
  where: string;
}

/** A full release (`v4.2.2`) or a commit; a major tag (`v4`) moves under the workflow. */
const PINNED = /^[\w.-]+\/[\w./-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/;
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
export const secretNames = (value: unknown): string[] =>
  [...JSON.stringify(value ?? null).matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
/** Whether a step runs `pulumi <command>`: the action, or the CLI as a command (not a word in a message). */
const runsPulumi = (step: Step, command: "up" | "preview") =>
  (step.uses?.startsWith("pulumi/actions@") && step.with?.command === command) ||
  new RegExp(`(^|[;&|(])\\s*pulumi\\s+${command}\\b`, "m").test(step.run ?? "");
const runsHealth = (step?: Step) => /\bnpm run (--silent )?health\b/.test(step?.run ?? "");
/** The deploy alert's condition: any failure (or cancellation), except an unhealthy stack the health tool alerted. */
const ALERT_IF = /^(?:failure\(\)|\(failure\(\) \|\| cancelled\(\)\))(?: && steps\.([\w-]+)\.outputs\.code != '1')?$/;

/** The environments a job can run in: its expression with each matrix value, input option or `&& 'a' || 'b'` branch. */
export function environmentsOf(job: Job, wf: Obj): string[] {
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
export function workflowFindings(text: string, environments = GITHUB_ENVIRONMENTS): Finding[] {
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
export function runbookFindings(markdown: string, environments = GITHUB_ENVIRONMENTS): string[] {
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
