/**
 * `pulumi preview` of both stacks (the pull request's command, through the real engine and providers) against
 * `npm run plan` (the offline synth and policy run of both stacks), measured in one run and printed as a ratio.
 */
import * as assert from "node:assert/strict";
import { afterUp, ci, runStep, suite } from "./context";
import { changesOf, ROOT, spawnText, textOf } from "./harness";
import { resourceCount } from "./production";

export function registerCompareTests(): void {
  describe("pulumi preview against npm run plan", function () {
    before(() => suite().metrics.startPhase("pulumi preview of both stacks against npm run plan"));

    it("measures `pulumi preview` of both stacks and `npm run plan` in one run", async function () {
      const s = afterUp("production", "staging");
      let previewMs = 0;
      for (const stack of ["production", "staging"] as const) {
        const run = await s.metrics.measure(`preview (no change), ${stack}`, () => runStep(ci(stack).preview));
        assert.equal(run.code, 0, textOf(run));
        assert.deepEqual(changesOf(run), { same: resourceCount[stack] });
        previewMs += run.ms;
      }
      const plan = await s.metrics.measure("npm run plan (both stacks, offline)", async () => {
        const started = Date.now();
        const r = await spawnText("npm", ["run", "--silent", "plan"], {
          cwd: ROOT,
          env: Object.fromEntries(Object.entries(process.env).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]]))),
        });
        return { ...r, ms: Date.now() - started };
      });
      assert.equal(plan.code, 0, textOf(plan));
      s.metrics.note(
        `pulumi preview of both stacks ${(previewMs / 1000).toFixed(1)} s / npm run plan ${(plan.ms / 1000).toFixed(1)} s` +
          ` = ${(previewMs / plan.ms).toFixed(2)}x`,
      );
    });
  });
}
