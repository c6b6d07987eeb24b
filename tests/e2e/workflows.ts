/**
 * The pulumi steps of `.github/workflows`, read from the files themselves, so that the suite runs what CI runs and a
 * changed flag in a workflow changes the suite: the pull request's preview (pulumi/actions with the policy pack), the
 * deploy's `pulumi up`, its stack output and health check, the drift check's refresh, and the rollback's
 * `pulumi stack output --json | npm run health -- --outputs -`.
 *
 * A `run:` script is parsed with shell-quote: its `pulumi …` and `npm …` lines become argument lists, with the
 * step's shell variables (`$STACK`, `$RUNNER_TEMP`, `$GITHUB_SHA`) substituted, `> FILE` and `| COMMAND` kept. A
 * pulumi/actions step becomes the command the action runs through the automation API (pulumi/actions src/run.ts:
 * `stack.preview(options)`; @pulumi/pulumi automation/stack.ts maps `diff` to `--diff`, each of `policyPacks` to
 * `--policy-pack`, and cmd.ts adds `--non-interactive`). An input or expression the suite does not know fails here,
 * naming it, instead of being skipped.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseShell } from "shell-quote";
import { parse as parseYaml } from "yaml";
import { ROOT } from "./harness";

const WORKFLOWS = path.join(ROOT, ".github", "workflows");

/** A workflow step, as far as the suite reads it. */
export interface Step {
  id?: string;
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>;
}

/** One command of a workflow step, ready to run. */
export interface StepCommand {
  /** Where it comes from, e.g. `deploy.yml › up › up`. */
  where: string;
  /** The command and its arguments, e.g. `["pulumi", "up", "--yes", …]`. */
  argv: string[];
  /** `> FILE`: where its standard output goes. */
  stdoutTo?: string;
  /** `| COMMAND`: the command its standard output is piped to. */
  pipeTo?: string[];
  /** The step's `env:`, each value resolved when called, i.e. when the step runs (`${{ secrets.NAME }}` is known). */
  env: () => Record<string, string>;
}

/** What the steps' expressions and scripts may refer to. */
export interface StepContext {
  stack: string;
  /** `$RUNNER_TEMP`: a scratch directory. */
  runnerTemp: string;
  /** `$GITHUB_SHA`: the commit being deployed. */
  sha: string;
  /** `${{ secrets.NAME }}`: the value the stack's GitHub environment holds. */
  secret: (name: string) => string;
}

function load(file: string): Workflow {
  return parseYaml(fs.readFileSync(path.join(WORKFLOWS, file), "utf8")) as Workflow;
}

function findStep(file: string, job: string, match: (s: Step) => boolean, what: string): Step {
  const steps = load(file).jobs[job]?.steps;
  if (!steps) throw new Error(`${file}: no job ${job}`);
  const found = steps.filter(match);
  if (found.length !== 1) throw new Error(`${file} › ${job}: expected one step ${what}, found ${found.length}`);
  return found[0];
}

/** Resolves `${{ … }}` in a value: `secrets.NAME` and `matrix.stack`; anything else is not known to the suite. */
function expand(value: string, ctx: StepContext, where: string): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    const secret = /^secrets\.([A-Z0-9_]+)$/.exec(expr);
    if (secret) return ctx.secret(secret[1]);
    if (expr === "matrix.stack") return ctx.stack;
    throw new Error(
      `${where}: the engine suite does not evaluate \${{ ${expr} }}: handle it in tests/e2e/workflows.ts`,
    );
  });
}

function stepEnv(step: Step, ctx: StepContext, where: string): () => Record<string, string> {
  return () => Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), ctx, where)]));
}

/** The `pulumi …` and `npm …` commands of a step's `run:` script, in order. */
export function scriptCommands(step: Step, ctx: StepContext, where: string): StepCommand[] {
  if (!step.run) throw new Error(`${where}: not a run step`);
  const vars: Record<string, string> = { STACK: ctx.stack, RUNNER_TEMP: ctx.runnerTemp, GITHUB_SHA: ctx.sha };
  const lookup = (name: string): string => {
    if (vars[name] === undefined)
      throw new Error(`${where}: the script uses $${name}, which the engine suite does not set`);
    return vars[name];
  };
  const env = stepEnv(step, ctx, where);
  const lines = step.run.replace(/\\\n\s*/g, " ").split("\n");
  const commands: StepCommand[] = [];
  for (const line of lines.map((l) => l.trim()).filter((l) => /^(pulumi|npm) /.test(l))) {
    const tokens = parseShell(line, lookup);
    const segments: string[][] = [[]];
    let stdoutTo: string | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (typeof t === "string") segments[segments.length - 1].push(t);
      else if ("op" in t && t.op === "|") segments.push([]);
      else if ("op" in t && t.op === ">" && typeof tokens[i + 1] === "string") stdoutTo = tokens[++i] as string;
      else throw new Error(`${where}: cannot run ${JSON.stringify(t)} in ${JSON.stringify(line)}`);
    }
    if (segments.length > 2) throw new Error(`${where}: more than one pipe in ${JSON.stringify(line)}`);
    commands.push({ where, argv: segments[0], stdoutTo, pipeTo: segments[1], env });
  }
  return commands;
}

/** The one command of a step (whatever else its script does: `set +e`, `echo`, `exit "$code"`). */
function scriptCommand(file: string, job: string, match: (s: Step) => boolean, what: string, ctx: StepContext) {
  const where = `${file} › ${job} › ${what}`;
  const commands = scriptCommands(findStep(file, job, match, what), ctx, where);
  if (commands.length !== 1) throw new Error(`${where}: expected one pulumi or npm command, found ${commands.length}`);
  return commands[0];
}

/** The command a pulumi/actions step runs (only the inputs this project's workflows use are known). */
function actionCommand(file: string, job: string, ctx: StepContext): StepCommand {
  const where = `${file} › ${job} › pulumi/actions`;
  const step = findStep(
    file,
    job,
    (s) => /^pulumi\/actions@/.test(s.uses ?? "") && !!s.with?.command,
    "pulumi/actions",
  );
  const inputs = Object.fromEntries(
    Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), ctx, where)]),
  );
  const argv = ["pulumi", inputs.command];
  for (const [input, value] of Object.entries(inputs)) {
    if (input === "command" || input === "pulumi-version") continue;
    else if (input === "stack-name") argv.push("--stack", value);
    else if (input === "policyPacks") for (const p of value.split(/\s+/).filter(Boolean)) argv.push("--policy-pack", p);
    else if (input === "diff") {
      if (value === "true") argv.push("--diff");
    } else if (input === "comment-on-pr" || input === "edit-pr-comment")
      continue; // GitHub only
    else throw new Error(`${where}: input ${input} is not known to the engine suite: map it in tests/e2e/workflows.ts`);
  }
  argv.push("--non-interactive");
  return { where, argv, env: stepEnv(step, ctx, where) };
}

/** The pulumi steps of the workflows, for one stack. */
export interface CiCommands {
  /** pull-request.yml: `pulumi preview --policy-pack policy` of the stack (pulumi/actions). */
  preview: StepCommand;
  /** deploy.yml: `pulumi up --yes … --policy-pack policy`. */
  up: StepCommand;
  /** deploy.yml: `pulumi stack output --json … > $RUNNER_TEMP/outputs.json`. */
  stackOutput: StepCommand;
  /** deploy.yml: `npm run health -- --outputs $RUNNER_TEMP/outputs.json --wait 300`. */
  health: StepCommand;
  /** drift.yml: `pulumi refresh --preview-only --expect-no-changes …`. */
  refresh: StepCommand;
  /** rollback.yml: `pulumi stack output --json … | npm run health -- --outputs - …`. */
  outputsToHealth: StepCommand;
}

export function ciCommands(ctx: StepContext): CiCommands {
  const byId = (id: string) => (s: Step) => s.id === id;
  return {
    preview: actionCommand("pull-request.yml", "preview", ctx),
    up: scriptCommand("deploy.yml", "up", byId("up"), "up", ctx),
    stackOutput: scriptCommand("deploy.yml", "up", byId("stack-output"), "stack-output", ctx),
    health: scriptCommand("deploy.yml", "up", byId("health"), "health", ctx),
    refresh: scriptCommand("drift.yml", "drift", byId("refresh"), "refresh", ctx),
    outputsToHealth: scriptCommand(
      "rollback.yml",
      "rollback",
      (s) => /^pulumi stack output .*\| npm run/m.test(s.run ?? ""),
      "stack output | health",
      ctx,
    ),
  };
}

/** Every `pulumi-version` a workflow installs, by where it is. */
export function pinnedCliVersions(): { where: string; version: string }[] {
  const pins: { where: string; version: string }[] = [];
  for (const file of fs
    .readdirSync(WORKFLOWS)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    for (const [job, { steps }] of Object.entries(load(file).jobs)) {
      for (const s of steps) {
        const v = s.with?.["pulumi-version"];
        if (/^pulumi\/actions@/.test(s.uses ?? "") && v !== undefined)
          pins.push({ where: `${file} › ${job} › ${s.name ?? s.id ?? s.uses}`, version: String(v) });
      }
    }
  }
  return pins;
}

/** The same command with one option's value replaced; fails when the workflow no longer passes that option. */
export function withOption(argv: string[], option: string, value: string): string[] {
  const i = argv.indexOf(option);
  if (i < 0 || i + 1 >= argv.length) throw new Error(`${argv.join(" ")}: no ${option} to replace`);
  return [...argv.slice(0, i + 1), value, ...argv.slice(i + 2)];
}
