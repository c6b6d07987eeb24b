// Rotation reaches the services in the same `pulumi up`: under the mock runtime, the real program gives the agent's
// and the frontend's redeploy commands a keyed fingerprint of exactly the values each one carries. It changes when
// one of those values changes and only then, it is the same on every run, and it never contains a value (every
// value below is a registered placeholder, which the synth refuses to find in plaintext anywhere).
import * as assert from "node:assert/strict";
import { runProgram, type SynthResult } from "../dev/synth/index";
import { configFor, ofType } from "./harness";

type Stack = "production" | "staging";
interface Triggers {
  agent: string;
  frontend: string;
}

/** The stack's config with some secrets given new values (each a placeholder the synth checks for leaks). */
async function synthWith(stack: Stack, secrets: Record<string, string>): Promise<SynthResult> {
  const offline = configFor(stack);
  for (const [key, value] of Object.entries(secrets)) {
    offline.config[key] = value;
    if (!offline.secretKeys.includes(key)) offline.secretKeys.push(key);
    offline.placeholders.push(value);
  }
  return runProgram(offline);
}

/** The redeploy triggers of a synth: the fingerprint each redeploy command runs with. */
function triggersOf(result: SynthResult, stack: Stack): Triggers {
  const commands = ofType(result, "command:local:Command");
  const env = (name: string) => {
    const c = commands.find((r) => r.name === `chef-chopsky-${stack}-${name}`);
    assert.ok(c, `no command ${name}`);
    assert.ok(!c.secretInputs.some((p) => p.endsWith("FINGERPRINT")), "the fingerprint is shown in plain");
    return c.inputs.environment as Record<string, string>;
  };
  const t = {
    agent: env("agent-redeploy").AGENT_VARIABLES_FINGERPRINT,
    frontend: env("frontend-redeploy").FRONTEND_VARIABLES_FINGERPRINT,
  };
  for (const v of Object.values(t)) assert.match(v, /^hmac-sha256:[0-9a-f]{64}$/);
  return t;
}

const value = (label: string) => `rotation-test-value-${label}-${"x".repeat(24)}`;

describe("rotation triggers (mock runtime)", function () {
  this.timeout(60_000);

  for (const stack of ["production", "staging"] as const) {
    describe(stack, () => {
      let base: Triggers;
      before(async () => {
        base = triggersOf(await synthWith(stack, {}), stack);
      });
      const changed = async (key: string) => triggersOf(await synthWith(stack, { [key]: value(key) }), stack);

      it("the same values give the same triggers (deterministic)", async () => {
        assert.deepEqual(triggersOf(await synthWith(stack, {}), stack), base);
      });

      const cases: [string, boolean, boolean][] = [
        ["chef-chopsky:openaiApiKey", true, false],
        ["chef-chopsky:supabaseSecretKey", true, true],
        ["chef-chopsky:supabasePublishableKey", false, true],
        ["chef-chopsky:sentryDsn", true, true],
        ["chef-chopsky:uptimeRobotApiKey", false, false],
        ["chef-chopsky:railwayToken", false, false],
        ...(stack === "production"
          ? ([["chef-chopsky:langchainApiKey", true, false]] as [string, boolean, boolean][])
          : []),
      ];
      for (const [key, agent, frontend] of cases) {
        it(`${key}: the agent's trigger ${agent ? "changes" : "stays"}, the frontend's ${frontend ? "changes" : "stays"}`, async () => {
          const t = await changed(key);
          assert.equal(t.agent !== base.agent, agent, "agent");
          assert.equal(t.frontend !== base.frontend, frontend, "frontend");
          assert.ok(!JSON.stringify(t).includes(value(key)));
        });
      }

      it("the digest is keyed: another fingerprint key gives other triggers for the same values", async () => {
        const t = await changed("chef-chopsky:secretFingerprintKey");
        assert.notEqual(t.agent, base.agent);
        assert.notEqual(t.frontend, base.frontend);
      });
    });
  }

  it("the redeploy commands run after the variables they carry, with the tokens only in their environment", async () => {
    const result = await synthWith("staging", {});
    const commands = ofType(result, "command:local:Command");
    const agent = commands.find((c) => c.name === "chef-chopsky-staging-agent-redeploy")!;
    const frontend = commands.find((c) => c.name === "chef-chopsky-staging-frontend-redeploy")!;
    assert.ok(agent.options.dependencies?.some((d) => d.includes("ServiceVariables")));
    const staged = (frontend.options.dependencies ?? []).filter((d) => d.includes("ProjectEnvironmentVariable"));
    assert.equal(staged.length, 6, "the six variables of the staging branch");
    assert.ok(staged.every((d) => d.includes("preview-staging-")));
    assert.deepEqual(agent.secretInputs, ["environment.RAILWAY_TOKEN"]);
    assert.deepEqual(frontend.secretInputs, ["environment.VERCEL_TOKEN"]);
    assert.equal((frontend.inputs.environment as Record<string, string>).FRONTEND_GIT_BRANCH, "staging");
    assert.equal((frontend.inputs.environment as Record<string, string>).FRONTEND_TARGET, "preview");
    for (const c of [agent, frontend]) {
      assert.deepEqual(c.options.additionalSecretOutputs, ["stdout", "stderr"]);
      assert.equal(c.inputs.triggers, undefined, "a trigger would replace the command and lose its previous output");
      assert.ok(!/TOKEN|placeholder/.test(String(c.inputs.create)));
    }
  });
});
