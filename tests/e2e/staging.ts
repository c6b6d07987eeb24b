/**
 * Staging, on the same backend as production: its secrets, the pull request's preview with the policy pack, and the
 * deploy's up, which finds production's Vercel project through the StackReference and writes only its preview
 * variables (the staging branch's, and every other branch's for the feature environments) into it.
 */
import * as assert from "node:assert/strict";
import { afterUp, ci, outputsOf, runStep, suite } from "./context";
import { assertHoldsDeclared } from "./expected";
import { REPOSITORY } from "./fakes";
import { changesOf, textOf } from "./harness";
import { cleanPreview, resourceCount } from "./production";
import { initStack } from "./project";

export function registerStagingTests(): void {
  describe("staging: production's Vercel project, previews and feature branches", function () {
    before(() => suite().metrics.startPhase("staging: init, config, preview, up"));

    it("stack init and every secret of staging; the pull request's preview passes the policy pack", async function () {
      const s = suite();
      await s.metrics.measure(
        `stack init + config set --secret × ${Object.keys(s.secrets.staging).length}`,
        async () => {
          await initStack(s.engine, "staging", s.secrets.staging);
          return { code: 0 };
        },
      );
      resourceCount.staging = await cleanPreview("staging");
    });

    it("pulumi up (deploy.yml): writes into production's project, found through the StackReference", async function () {
      const s = afterUp("production");
      const projectsBefore = s.fakes.vercel.projects.projects().length;
      const run = await s.metrics.measure("up #1: create, deploy (deploy.yml)", () => runStep(ci("staging").up));
      assert.equal(run.code, 0, textOf(run));
      assert.deepEqual(changesOf(run), { create: resourceCount.staging });
      const [production, staging] = [await outputsOf("production"), await outputsOf("staging")];
      assert.equal(staging.vercelProjectId, production.vercelProjectId, "staging reports production's project");
      assert.equal(s.fakes.vercel.projects.projects().length, projectsBefore, "staging created no project");
      assertHoldsDeclared("staging", s, staging);
      // The feature environments: previews of feat/* and feature/* branches may deploy to staging.
      assert.deepEqual(s.fakes.github.branchPatterns(REPOSITORY, "staging"), ["feat/*", "feature/*", "staging"]);
      assertHoldsDeclared("production", s, production); // untouched by staging
      s.upDone.add("staging");
    });
  });
}
