/**
 * Unique secrets across environments in the runbook's setup (docs/RUNBOOK.md, Initial setup step 5): staging is given
 * `chef-chopsky:vercelProjectId`, so that no staging credential needs access to the production stack. Production's
 * `pulumi up` has published its fingerprints as the repository variable CHEF_CHOPSKY_PRODUCTION_FINGERPRINTS
 * (lib/published-fingerprints.ts, through the real GitHub provider and the fake's variables endpoints); staging's
 * preview reads it with staging's own GitHub token and fails on a secret it shares with production, naming it, and
 * passes with its own.
 */
import * as assert from "node:assert/strict";
import { FINGERPRINTS_VARIABLE, publishedKeys } from "../../lib/published-fingerprints";
import { afterUp, ci, outputsOf, runStep, suite } from "./context";
import { REPOSITORY } from "./fakes";
import { succeeded, textOf } from "./harness";

const SHARED = "chef-chopsky:openaiApiKey";
const PROJECT_ID = "chef-chopsky:vercelProjectId";

export function registerPublishedFingerprintTests(): void {
  describe("unique secrets: staging without access to production compares with production's published fingerprints", function () {
    before(() => suite().metrics.startPhase("published fingerprints: staging's check in the runbook's setup"));

    it("production's up published its fingerprints as a repository variable: fingerprints only, no value", async function () {
      const s = afterUp("production");
      const value = s.fakes.github.variableValue(REPOSITORY, FINGERPRINTS_VARIABLE);
      assert.ok(value !== undefined, `${FINGERPRINTS_VARIABLE} is in the repository`);
      const record = JSON.parse(value) as { keyId: string; secrets: Record<string, { fingerprint: string }> };
      assert.deepEqual(Object.keys(record.secrets).sort(), publishedKeys());
      for (const [key, v] of Object.entries(s.secrets.production)) assert.ok(!value.includes(v), `${key}'s value`);
    });

    it("staging given vercelProjectId, with production's OpenAI key: the preview fails naming it; with its own: passes", async function () {
      const s = afterUp("production", "staging");
      const { engine, fakes } = s;
      const own = s.secrets.staging[SHARED];
      const projectId = String((await outputsOf("production")).vercelProjectId);
      const set = (key: string, value: string, secret: boolean) =>
        engine.run(["config", "set", ...(secret ? ["--secret"] : []), key, "--stack", "staging", "--non-interactive"], {
          stdin: value,
        });
      succeeded(await set(PROJECT_ID, projectId, false));
      succeeded(await set(SHARED, s.secrets.production[SHARED], true));
      try {
        const failed = await s.metrics.measure("preview, a secret shared with production (pull-request.yml)", () =>
          runStep(ci("staging").preview),
        );
        assert.notEqual(failed.code, 0, "the preview fails");
        const text = textOf(failed);
        assert.match(
          text,
          /staging uses production secret values: chef-chopsky:openaiApiKey \(equal to production's chef-chopsky:openaiApiKey\)/,
        );
        assert.ok(!text.includes(s.secrets.production[SHARED]), "the value is not in the output");
        // The measure resets the fakes' call logs: what is logged now is this preview's.
        assert.equal(fakes.github.count({ operation: "listRepoVariables" }), 1, "one list call per preview");
        assert.equal(failed.calls.github.writes, 0, "a preview writes nothing");
        succeeded(await set(SHARED, own, true));
        const passed = await s.metrics.measure("preview, staging's own secrets, vercelProjectId set", () =>
          runStep(ci("staging").preview),
        );
        assert.equal(passed.code, 0, textOf(passed));
        assert.doesNotMatch(textOf(passed), /production secret values|not compared with production/);
      } finally {
        succeeded(await set(SHARED, own, true));
        succeeded(await engine.run(["config", "rm", PROJECT_ID, "--stack", "staging"]));
      }
    });
  });
}
