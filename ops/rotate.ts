// `npm run rotate -- --stack S --secret NAME [--print-only | --dry-run] [--wait SECONDS]`: the runbook's secret
// rotation as one command. It reads the new value from standard input (hidden on a terminal, or piped in CI), sets
// it with `pulumi config set --secret KEY --stack S` (the value on the CLI's standard input, never in its
// arguments) once it passes the strength check, runs `pulumi up --yes --stack S --policy-pack policy` (the same update
// redeploys the agent and the frontend that carry the value), verifies that nothing drifted
// (`pulumi refresh --preview-only --expect-no-changes`) and the stack's health checks, and ends with what only a person can do:
// revoke the old value on the service's page. Exit 0 done, 1 a step failed (nothing to revoke yet), 2 bad input.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { badInput, type CliIo, command, parse, runScript, seconds } from "../lib/cli";
import { ENVIRONMENT_NAMES, isEnvironmentName } from "../lib/environments";
import { REPO_ROOT } from "../lib/root";
import { secretStrengthProblem } from "../lib/secret-strength";
import { main as health } from "./health";
import { readSecretValue, type SecretInput } from "./rotate/input";
import { type PulumiRunner, pulumiRunner } from "./pulumi";
import { resolveSecret, revokeStep, type StackIds } from "./rotate/secrets";

/** Exit codes of the rotation. */
export const EXIT = { done: 0, failed: 1, badInput: 2 } as const;

/** What {@link main} reads and writes, so that tests run it in-process. */
export interface RotateIo extends CliIo {
  /** Where the new value comes from. Default `process.stdin`. */
  stdin?: SecretInput;
  /** Injected for tests; default the CLI found through `PULUMI_BIN` or the PATH. */
  pulumi?: PulumiRunner;
}

interface Options {
  stack: string;
  secret: string;
  printOnly: boolean;
  dryRun: boolean;
  wait: number;
}

function parseArgs(argv: readonly string[], io: RotateIo): Options | number {
  const program = command("rotate", io)
    .description("Rotate one secret of a stack: set it, deploy it, verify health, then say what to revoke.")
    .requiredOption("--stack <stack>", `a declared environment: ${ENVIRONMENT_NAMES.join(", ")}`)
    .requiredOption("--secret <name>", "a catalog name (PRODUCTION_OPENAI_API_KEY) or a config key (vercel:apiToken)")
    .option(
      "--print-only",
      "set the value, then print the pulumi up and health commands instead of running them",
      false,
    )
    .option("--dry-run", "change nothing: print every step, without reading a value", false)
    .option("--wait <seconds>", "how long the health checks may take to pass", seconds(0, 3600, true), 300);
  return parse<Options>(program, argv);
}

/** The ids the revoke pages need, from the stack's plain config (`Pulumi.<stack>.yaml`); none when it cannot be read. */
function stackIds(stack: string): StackIds {
  try {
    const text = fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8");
    const doc = parseYaml(text) as { config?: Record<string, unknown> };
    const get = (k: string) =>
      typeof doc.config?.[`chef-chopsky:${k}`] === "string" ? (doc.config[`chef-chopsky:${k}`] as string) : undefined;
    return { supabaseUrl: get("supabaseUrl"), railwayProjectId: get("railwayProjectId") };
  } catch {
    return {};
  }
}

/**
 * Runs the rotation.
 * @param argv - the arguments after the script name, e.g. `["--stack", "staging", "--secret", "STAGING_OPENAI_API_KEY"]`.
 * @returns the exit code: 0 done, 1 a step failed, 2 bad input.
 */
export async function main(argv: readonly string[], io: RotateIo): Promise<number> {
  const opts = parseArgs(argv, io);
  if (typeof opts === "number") return opts;
  const bad = badInput("rotate", io);
  if (!isEnvironmentName(opts.stack))
    return bad(`--stack: expected one of the declared environments: ${ENVIRONMENT_NAMES.join(", ")}`);
  const { stack, wait } = opts;
  const secret = resolveSecret(stack, opts.secret);
  if ("error" in secret) return bad(secret.error);
  const env = io.env ?? process.env;
  const pulumi = io.pulumi ?? pulumiRunner(env);
  const { key } = secret;
  const revoke = revokeStep(key, stackIds(stack));
  const up = ["up", "--yes", "--stack", stack, "--policy-pack", "policy"];
  const refresh = ["refresh", "--preview-only", "--expect-no-changes", "--stack", stack];
  const healthCmd = `pulumi stack output --json --stack ${stack} | npm run health -- --outputs - --wait ${wait}`;
  const deploySteps = [`pulumi ${up.join(" ")}`, `pulumi ${refresh.join(" ")}`, healthCmd];
  const say = (text: string) => io.stdout(`${text}\n`);
  const failed = (message: string) => {
    io.stderr(`rotate: ${message}\n`);
    return EXIT.failed;
  };
  const what = secret.names.length ? `${key} (${secret.names.join(", ")})` : key;
  const revokeText = `revoke the old value at ${revoke.service}: ${revoke.url ? `${revoke.url}: ` : ""}${revoke.what}`;
  const commit = `commit Pulumi.${stack}.yaml (the new encrypted value): a deploy from the branch without it puts the old value back`;

  if (opts.dryRun) {
    say(`dry run: rotating ${what} on stack ${stack} would run:`);
    say(`  1. pulumi config set --secret ${key} --stack ${stack}   (the value on standard input)`);
    deploySteps.forEach((step, i) => say(`  ${i + 2}. ${step}`));
    say(`  5. ${commit}`);
    say(`  6. by hand, once 3 and 4 pass: ${revokeText}`);
    return EXIT.done;
  }

  const value = await readSecretValue(
    io.stdin ?? (process.stdin as SecretInput),
    `New value of ${key} (hidden): `,
    io.stderr,
  );
  if (value === undefined) return bad("aborted; nothing changed");
  if (value === "") return bad("the new value is empty; nothing changed");
  if (value !== value.trim())
    return bad("the new value starts or ends with white space (a copy slip?); nothing changed");
  // The config validation would refuse a weak value at the next preview; refusing it here sets nothing at all.
  const weak = secretStrengthProblem(key, value);
  if (weak) return bad(`the new value of ${key} ${weak}; nothing changed`);
  const current = await pulumi(["config", "get", key, "--stack", stack], {});
  if (current.code === 0 && current.stdout.replace(/\r?\n$/, "") === value)
    return bad(`the new value of ${key} equals the current one: nothing to rotate (was the new value handed over?)`);

  say(`1/5 setting ${what} on stack ${stack}`);
  const set = await pulumi(["config", "set", "--secret", key, "--stack", stack], { stdin: value });
  if (set.code !== 0)
    return failed(
      `pulumi config set failed (exit ${set.code}): ${set.stderr.trim()}\nNothing was deployed; keep the old value.`,
    );
  if (opts.printOnly) {
    say(`the new value is set in Pulumi.${stack}.yaml; now run (or merge it for deploy.yml to run):`);
    for (const step of deploySteps) say(`  ${step}`);
    say(`then ${commit}; and once the health checks pass, ${revokeText}`);
    return EXIT.done;
  }

  say(`2/5 pulumi ${up.join(" ")} (variables, then the agent's and the frontend's redeploys, health-gated)`);
  const updated = await pulumi(up, { show: io.stderr });
  if (updated.code !== 0)
    return failed(
      `pulumi up failed (exit ${updated.code}). The new value is set but not (fully) deployed: fix the cause and run pulumi ${up.join(" ")} again. Do NOT revoke the old value yet.`,
    );
  say(`3/5 pulumi ${refresh.join(" ")} (the live services match the stack: no drift)`);
  const drift = await pulumi(refresh, { show: io.stderr });
  if (drift.code !== 0)
    return failed(
      `pulumi ${refresh.join(" ")} failed (exit ${drift.code}${drift.code === 7 ? ": drift" : ""}). The live services do not match the stack: find out why before going on. Do NOT revoke the old value yet.`,
    );
  say(`4/5 health checks of stack ${stack} (up to ${wait} s)`);
  const outputs = await pulumi(["stack", "output", "--json", "--stack", stack], {});
  if (outputs.code !== 0)
    return failed(`pulumi stack output failed (exit ${outputs.code}); check health by hand: ${healthCmd}`);
  const healthy = await health(["--outputs", "-", "--wait", String(wait)], {
    stdout: io.stdout,
    stderr: io.stderr,
    stdin: (async function* () {
      yield outputs.stdout;
    })(),
    env,
  });
  if (healthy !== 0)
    return failed(
      "the stack is not healthy after the rotation. Do NOT revoke the old value; see docs/RUNBOOK.md, Rollback procedures.",
    );
  say(`5/5 deployed, no drift, and healthy. What only a person can do now:`);
  say(`  - ${commit}`);
  say(`  - ${revokeText}`);
  return EXIT.done;
}

if (require.main === module) runScript("rotate", main, { code: EXIT.failed, show: "kind" });
