/**
 * The engine suite: the real `index.ts`, run by the Pulumi CLI and its Node.js language host from a copy of the
 * project, against local fakes of every service, on a `file://` backend with the passphrase secrets provider. The
 * phases run in order and share both stacks, as a user's stacks live: production (a new stack's config errors, its
 * secrets, preview, up with the agent deploy, a second up), staging (found production's Vercel project), the CLI
 * against `npm run plan`, health, the agent's deploys and rollback, drift and its repair, a rotation and the secret
 * record, the policy pack blocking a breach, the state's secrets, destroy. The workflows' own pulumi commands are used wherever CI runs one.
 */
import * as assert from "node:assert/strict";
import { setSuite, type Suite } from "./context";
import { HAND_SET } from "./expected";
import { type EngineFakes, services, startFakes, stopFakes } from "./fakes";
import { Engine, freshRunDir, processesOf, removeRunDir, requireEngine } from "./harness";
import { Metrics } from "./ops";
import { copyProject, secretValues, supabaseRef, writeStackFile } from "./project";
import { registerProductionTests } from "./production";
import { registerStagingTests } from "./staging";
import { registerCompareTests } from "./compare";
import { registerHealthTests } from "./health";
import { registerAgentTests } from "./agent";
import { registerDriftTests } from "./drift";
import { registerPolicyTests } from "./policy";
import { registerRotationTests } from "./secrets";
import { registerPublishedFingerprintTests } from "./published";
import { pluginCache, registerTeardownTests } from "./teardown";
import { STANDIN_API_ENV, STANDIN_ENV, STANDIN_MODE } from "../../dev/engine/standin-vercel/guard";

describe("engine: the real program under the real Pulumi CLI", function () {
  let fakes: EngineFakes | undefined;
  let runDir: string | undefined;
  const metrics = new Metrics(() => (fakes ? services(fakes) : {}));
  const pluginsAtStart = pluginCache();

  before(async function () {
    requireEngine(); // first: without the engine, fail at once with what to run
    metrics.startPhase("set-up: fakes, project copy");
    const secrets = { production: secretValues("production"), staging: secretValues("staging") };
    fakes = await startFakes(secrets, { production: supabaseRef("production"), staging: supabaseRef("staging") });
    // The alert web-hook is the local one (its secret path as the fixture's): the health alerts must reach it.
    for (const stack of ["production", "staging"] as const) {
      secrets[stack]["chef-chopsky:alertWebhookUrl"] = fakes.webhook.hookUrl;
      fakes.railway[stack].setVariable(HAND_SET.name, HAND_SET.value);
    }
    runDir = freshRunDir();
    const projectDir = copyProject(runDir);
    const engine = new Engine(runDir, projectDir, {
      [STANDIN_ENV]: STANDIN_MODE,
      [STANDIN_API_ENV]: fakes.vercel.url,
      // Read by deploy/agent-deploy.ts, which the command provider starts with the CLI's environment: the fakes
      // advance one status per poll, so a short poll makes a deploy take a second instead of twenty.
      AGENT_DEPLOY_POLL_MS: "200",
      // The frontend's redeploy tool (deploy/frontend-redeploy.ts, run by the command provider with the CLI's
      // environment) calls Vercel's REST API: here the fake's deployments endpoints.
      VERCEL_API_URL: fakes.vercel.url,
      // Anything that tries to leave the machine (a plugin download, a real API) is caught and fails the suite.
      ...fakes.outbound.env(),
      ...fakes.outbound.nodeEnv(runDir),
      // npm's own update check is not part of the project: without this it would be caught above.
      npm_config_update_notifier: "false",
    });
    for (const stack of ["production", "staging"] as const) writeStackFile(projectDir, stack, fakes);
    const s: Suite = {
      fakes,
      engine,
      metrics,
      runDir,
      projectDir,
      secrets,
      upDone: new Set(),
    };
    setSuite(s);
  });

  after(async function () {
    const dir = runDir;
    // A plugin may take a moment to exit after its CLI did: give them 3 s before calling it a leak.
    let leaked = dir ? processesOf(dir) : [];
    for (let waited = 0; leaked.length > 0 && waited < 3000; waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
      leaked = dir ? processesOf(dir) : [];
    }
    for (const pid of leaked) {
      try {
        process.kill(pid, "SIGKILL"); // started by this run's CLI (they carry its marker)
      } catch {
        // already gone
      }
    }
    await stopFakes(fakes);
    if (dir && !process.env.CHEF_CHOPSKY_KEEP_ENGINE_STATE) removeRunDir(dir);
    setSuite(undefined);
    metrics.print();
    assert.deepEqual(leaked, [], "no CLI, language host, provider or policy process of this suite is left running");
  });

  registerProductionTests();
  registerStagingTests();
  registerPublishedFingerprintTests();
  registerCompareTests();
  registerHealthTests();
  registerAgentTests();
  registerDriftTests();
  registerRotationTests();
  registerPolicyTests();
  registerTeardownTests(() => pluginsAtStart);
});
