// `npx ts-node --transpile-only ops/vercel-rollback.ts [--project-id ID] [--deployment-id ID] [--team-id ID]
//   [--reason TEXT] [--no-rebuild] [--build-timeout S] [--dry-run]`: points the production domains of the Vercel
// project back at a previous READY production deployment (runbook: Rollback Procedures, Vercel Rollback), then
// rebuilds that deployment with the project's current variables and promotes the rebuild: an Instant Rollback serves
// the old build with the variables it was built with, so a secret rotated out since would be back in service.
// The token comes from env VERCEL_TOKEN only: on the command line it would show in `ps` and in the shell history.
import { badInput, type CliIo, command, hideOptionValues, parse, reasonOf, runScript, seconds } from "../lib/cli";
import { redact, ServiceError } from "../providers/http";
import { VercelClient, type VercelDeployment } from "../providers/vercel/client";
import { waitUntilReady } from "../providers/vercel/deployments";

/** Exit codes of the rollback tool. */
export const EXIT = { done: 0, failed: 1, badInput: 2 } as const;

interface CliOptions {
  projectId?: string;
  deploymentId?: string;
  teamId?: string;
  reason?: string;
  /** False with `--no-rebuild`. */
  rebuild: boolean;
  buildTimeout: number;
  dryRun: boolean;
}

/** Vercel ids are short ASCII words (`prj_…`, `dpl_…`, `team_…`); anything else is a typo or a pasted URL. */
const ID = /^[A-Za-z0-9_.-]{1,128}$/;

function parseArgs(argv: readonly string[], io: CliIo, token: string | undefined): CliOptions | number {
  const scrub = (text: string) => hideOptionValues(redact(text, token ? [token] : []));
  const program = command("vercel-rollback", io, scrub)
    .description("Roll the Vercel production deployment back (token from env VERCEL_TOKEN).")
    .option("--project-id <id>", "the Vercel project id, prj_… (default $VERCEL_PROJECT_ID)")
    .option(
      "--deployment-id <id>",
      "the deployment to roll back to, dpl_… (default: the previous READY production one)",
    )
    .option("--team-id <id>", "the team that owns the project: team_… or its slug (default $VERCEL_TEAM_ID)")
    .option("--reason <text>", "why, recorded by Vercel with the rollback")
    .option(
      "--no-rebuild",
      "keep the old build with its old variables (only when the current variables are the problem)",
    )
    .option("--build-timeout <seconds>", "how long the rebuild may take to become READY", seconds(0, 7200), 900)
    .option("--dry-run", "only say which deployment would be restored", false);
  return parse<CliOptions>(program, argv);
}

/**
 * Chooses the rollback target from READY production deployments (newest first): the current one is the newest,
 * the target the newest older one that Vercel does not rule out as a rollback candidate.
 * @returns the choice, or undefined when there is no previous deployment to go back to.
 */
export function choosePrevious(
  deployments: readonly VercelDeployment[],
): { current: VercelDeployment; previous: VercelDeployment } | undefined {
  const [current, ...older] = deployments;
  if (!current) return undefined;
  const previous = older.find((d) => d.id !== current.id && d.isRollbackCandidate !== false);
  return previous ? { current, previous } : undefined;
}

function describe(d: VercelDeployment): string {
  const parts = [d.id];
  if (d.createdAt !== undefined) parts.push(`created ${new Date(d.createdAt).toISOString()}`);
  if (d.commitSha) parts.push(`commit ${d.commitSha.slice(0, 12)}`);
  if (d.url) parts.push(d.url);
  return parts.join(", ");
}

/**
 * Rebuilds the restored deployment (same source, production target) with the project's current variables, waits for
 * READY, and promotes it, as the frontend redeploy does.
 * A promote also ends the Instant Rollback's pin, as Vercel's "To undo a rollback, promote a deployment" says.
 */
async function rebuild(
  client: VercelClient,
  r: { projectId: string; target: string; timeoutMs: number },
  io: CliIo,
): Promise<number> {
  const restored = await client.getDeployment(r.target);
  if (!restored)
    throw new ServiceError(`Vercel get deployment failed: ${r.target} not found`, "Vercel", "get deployment");
  io.stdout(`rebuilding ${r.target} with the project's current variables (an Instant Rollback keeps the old ones)\n`);
  try {
    const created = await client.redeploy({ ...restored, target: "production" }, restored.name ?? r.projectId);
    await waitUntilReady(client, created.id, {
      timeoutMs: r.timeoutMs,
      pollMs: 5000,
      log: (line) => io.stdout(`${line}\n`),
      fail: (message) => new ServiceError(message, "Vercel", "redeploy"),
      sleep: io.sleep,
    });
    await client.promote(r.projectId, created.id);
    io.stdout(`promoted ${created.id}, ${r.target} rebuilt with the current variables, to the production domains\n`);
    return EXIT.done;
  } catch (err) {
    io.stderr(
      `vercel-rollback: the rollback took effect, but production serves the old build with the variables it was built with ` +
        `(a rotated-out secret may be back in service); rebuild it by hand: vercel redeploy ${r.target}, then vercel promote\n`,
    );
    throw err;
  }
}

/**
 * Runs the rollback tool.
 * @param argv - the arguments after the script name.
 * @param io - output streams, environment and (for tests) the retry wait.
 * @returns the exit code: 0 done (or dry run), 1 the rollback failed or has no target, 2 bad input.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  const parsed = parseArgs(argv, io, env.VERCEL_TOKEN);
  if (typeof parsed === "number") return parsed;
  const bad = badInput("vercel-rollback", io);
  const token = env.VERCEL_TOKEN?.trim();
  if (!token) return bad("VERCEL_TOKEN is not set (the token is read from the environment only)");
  const projectId = parsed.projectId ?? env.VERCEL_PROJECT_ID;
  const teamId = parsed.teamId ?? (env.VERCEL_TEAM_ID || undefined);
  if (!projectId) return bad("--project-id is required (or set VERCEL_PROJECT_ID)");
  for (const [flag, value] of [
    ["--project-id", projectId],
    ["--deployment-id", parsed.deploymentId],
    ["--team-id", teamId],
  ] as const) {
    if (value !== undefined && !ID.test(value)) return bad(`${flag}: expected a Vercel id such as prj_…`);
  }

  const client = new VercelClient({
    token,
    team: teamId,
    baseUrl: env.VERCEL_API_URL || undefined,
    sleep: io.sleep,
    settings: { token: "VERCEL_TOKEN", team: "--team-id" },
  });
  try {
    let target = parsed.deploymentId;
    if (target === undefined) {
      const choice = choosePrevious(await client.listReady(projectId, "production"));
      if (!choice) {
        io.stderr(
          `vercel-rollback: no previous READY production deployment of ${projectId} to roll back to; ` +
            "pass --deployment-id, or redeploy a known good commit\n",
        );
        return EXIT.failed;
      }
      io.stdout(`current production deployment: ${describe(choice.current)}\n`);
      io.stdout(`previous production deployment: ${describe(choice.previous)}\n`);
      target = choice.previous.id;
    }
    if (parsed.dryRun) {
      io.stdout(`dry run: would roll ${projectId} back to ${target}\n`);
      return EXIT.done;
    }
    await client.rollback(projectId, target, parsed.reason);
    io.stdout(`rolled the production domains of ${projectId} back to ${target}\n`);
    if (!parsed.rebuild) {
      io.stdout(`${target} not rebuilt (--no-rebuild): it runs with the variables it was built with\n`);
      return EXIT.done;
    }
    return await rebuild(client, { projectId, target, timeoutMs: parsed.buildTimeout * 1000 }, io);
  } catch (err) {
    io.stderr(`vercel-rollback: ${reasonOf(err)}\n`);
    return EXIT.failed;
  }
}

if (require.main === module) runScript("vercel-rollback", main, { code: EXIT.failed, show: "kind" });
