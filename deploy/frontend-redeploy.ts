// `frontend-redeploy [--json]`: when the keyed fingerprint of the frontend's Vercel variables changed since the
// previous run (Pulumi passes its JSON result back as PULUMI_COMMAND_STDOUT), rebuilds the deployment they affect
// and waits until it is READY, served by the frontend's URL and answering 200. Pulumi runs it through
// `local.Command` (components/frontend.ts) after the variables are written. Settings come from the environment
// (deploy/frontend-redeploy/run.ts); the token from VERCEL_TOKEN (or the provider's VERCEL_API_TOKEN) only.
// Exit 0 ok, 1 the redeploy failed, 2 bad input. Never prints the token.
import { type CliIo, runScript } from "../lib/cli";
import { redact, ServiceError } from "../providers/http";
import { DeployFailure } from "./agent-deploy/wait";
import { readSettings, redeployFrontend } from "./frontend-redeploy/run";
import { VercelClient } from "../providers/vercel/client";

/** Exit codes of the redeploy tool. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/**
 * Runs the redeploy tool.
 * @param argv - the arguments after the script name: `[]` or `["--json"]`.
 * @returns the exit code: 0 ok, 1 failed, 2 bad input.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  const token = (env.VERCEL_TOKEN || env.VERCEL_API_TOKEN || "").trim();
  const out = (text: string) => io.stdout(redact(text, [token]));
  const err = (text: string) => io.stderr(redact(text, [token]));
  const unknown = argv.filter((a) => a !== "--json");
  if (unknown.length > 0) {
    err(`frontend-redeploy: unknown argument(s): ${unknown.length} (only --json is accepted)\n`);
    return EXIT.badInput;
  }
  const json = argv.includes("--json");
  const read = readSettings(env);
  if (!read.ok) {
    for (const p of read.problems) err(`frontend-redeploy: ${p}\n`);
    return EXIT.badInput;
  }
  const client = token
    ? new VercelClient({
        token,
        team: env.VERCEL_TEAM || undefined,
        baseUrl: env.VERCEL_API_URL || undefined,
        sleep: io.sleep,
      })
    : undefined;
  const progress = json ? err : out;
  try {
    const result = await redeployFrontend(
      { client, settings: read.settings, sleep: io.sleep, log: (line) => progress(`frontend-redeploy: ${line}\n`) },
      env.PULUMI_COMMAND_STDOUT,
    );
    if (json) out(`${JSON.stringify(result)}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof DeployFailure || e instanceof ServiceError) {
      err(`frontend-redeploy: failed: ${e.message}\n`);
      return EXIT.failed;
    }
    throw e;
  }
}

if (require.main === module) {
  const scrub = (text: string) => redact(text, [process.env.VERCEL_TOKEN || process.env.VERCEL_API_TOKEN || ""]);
  runScript("frontend-redeploy", main, { code: EXIT.failed, show: "message", scrub });
}
