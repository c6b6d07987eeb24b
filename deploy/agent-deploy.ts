// `agent-deploy deploy|redeploy|rollback|status [options]`: deploys the agent's configured commit to Railway and
// waits for the deployment to succeed and for `<agent URL>/health` to answer 200; redeploys the live deployment
// when the variables it carries changed (a rotated secret); rolls back to the previous successful deployment with
// the current variables; or shows the live deployment. Pulumi runs `deploy` (with agentCommit) or `redeploy`
// (without) through `local.Command` (components/agent.ts).
// Settings come from options or the environment; the Railway token only from the environment (RAILWAY_TOKEN).
// Exit 0 ok, 1 the deploy (or rollback) failed or the agent is unhealthy, 2 bad input. Never prints a token.
import { type CliIo, command, parse, runScript } from "../lib/cli";
import { redact, ServiceError } from "../providers/http";
import { RailwayClient, type RailwayClientOptions } from "../providers/railway/client";
import { rollback } from "./agent-deploy/rollback";
import { deploy, redeploy, type RunContext, status } from "./agent-deploy/run";
import { type CliSettings, readSettings, SOURCES } from "./agent-deploy/settings";
import { DeployFailure } from "./agent-deploy/wait";

/** Exit codes of the deploy tool. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** What {@link main} reads and writes, so that tests run it in-process. */
export interface AgentDeployIo extends CliIo {
  /** Injected for tests and the benchmark: retry settings of the Railway client. */
  client?: Pick<RailwayClientOptions, "maxRetries" | "baseDelayMs" | "maxDelayMs" | "timeoutMs">;
}

type Action = "deploy" | "redeploy" | "rollback" | "status";

interface Parsed {
  action: Action;
  cli: CliSettings;
  json: boolean;
}

function parseArgs(argv: readonly string[], io: AgentDeployIo): Parsed | number {
  let parsed: Parsed | undefined;
  const program = command("agent-deploy", io).description(
    "Deploy, roll back or inspect the Chef Chopsky agent on Railway.",
  );
  const describe: Record<Action, string> = {
    deploy: "deploy the commit (or redeploy it when the variables changed), wait for SUCCESS and /health",
    redeploy: "redeploy the live deployment when the variables changed since the last run, then wait likewise",
    rollback: "roll back to the previous successful deployment with the current variables, then wait likewise",
    status: "show the latest deployment and probe /health",
  };
  for (const action of Object.keys(describe) as Action[]) {
    const sub = program.command(action).description(describe[action]).exitOverride();
    for (const [key, [flag, variable, value]] of Object.entries(SOURCES)) {
      if (key === "commit" && action !== "deploy") continue;
      if (key === "variablesFingerprint" && action !== "deploy" && action !== "redeploy") continue;
      sub.option(`${flag} <${value}>`, `default $${variable}`);
    }
    sub.option("--json", "print the result as JSON on stdout (progress goes to stderr)", false);
    sub.action((opts: CliSettings & { json: boolean }) => {
      const { json, ...cli } = opts;
      parsed = { action, cli, json };
    });
  }
  const code = parse(program, argv);
  if (typeof code === "number") return code;
  if (!parsed) {
    io.stderr("agent-deploy: expected a command: deploy, redeploy, rollback or status\n");
    return EXIT.badInput;
  }
  return parsed;
}

/**
 * Runs the deploy tool.
 * @param argv - the arguments after the script name, e.g. `["deploy", "--json"]`.
 * @returns the exit code: 0 ok, 1 failed, 2 bad input.
 */
export async function main(argv: readonly string[], io: AgentDeployIo): Promise<number> {
  const env = io.env ?? process.env;
  // Last line of defence: whatever is written, the tokens of the environment are scrubbed from it.
  const secrets = [env.RAILWAY_TOKEN ?? "", env.RAILWAY_API_TOKEN ?? ""];
  const out = (text: string) => io.stdout(redact(text, secrets));
  const err = (text: string) => io.stderr(redact(text, secrets));
  const parsed = parseArgs(argv, { ...io, stdout: out, stderr: err });
  if (typeof parsed === "number") return parsed;

  const needs =
    parsed.action === "deploy"
      ? (["commit", "agentUrl"] as const)
      : parsed.action === "rollback"
        ? (["agentUrl"] as const)
        : [];
  const read = readSettings(parsed.cli, env, needs);
  if (!read.ok) {
    for (const p of read.problems) err(`agent-deploy: ${p}\n`);
    return EXIT.badInput;
  }
  const { settings } = read;
  const client = new RailwayClient({ credentials: settings.credentials, apiUrl: settings.apiUrl, ...io.client });
  const progress = parsed.json ? err : out;
  const ctx: RunContext = {
    client,
    settings,
    pollMs: settings.pollMs,
    sleep: io.sleep,
    log: (line) => progress(`agent-deploy: ${line}\n`),
  };

  try {
    if (parsed.action === "status") {
      const s = await status(ctx);
      if (parsed.json) out(`${JSON.stringify(s)}\n`);
      else
        out(
          `latest deployment ${s.deploymentId ?? "none"}: ${s.status ?? "-"} (commit ${s.commit ?? "unknown"})${s.health ? `; /health: ${s.health}` : ""}\n`,
        );
      return s.ok ? EXIT.ok : EXIT.failed;
    }
    const previous = env.PULUMI_COMMAND_STDOUT;
    const result =
      parsed.action === "deploy"
        ? await deploy(ctx, previous)
        : parsed.action === "redeploy"
          ? await redeploy(ctx, previous)
          : await rollback(ctx);
    if (parsed.json) out(`${JSON.stringify(result)}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof DeployFailure || e instanceof ServiceError) {
      err(`agent-deploy: ${parsed.action} failed: ${e.message}\n`);
      if (parsed.action === "deploy")
        err("agent-deploy: to go back to the previous successful deployment, run: agent-deploy rollback\n");
      return EXIT.failed;
    }
    throw e;
  }
}

if (require.main === module) {
  const scrub = (text: string) => redact(text, [process.env.RAILWAY_TOKEN ?? "", process.env.RAILWAY_API_TOKEN ?? ""]);
  runScript("agent-deploy", main, { code: EXIT.failed, show: "message", scrub });
}
