/**
 * Health, as the workflows run it: deploy.yml writes `pulumi stack output --json` to a file and runs
 * `npm run health` on it; rollback.yml pipes `pulumi stack output --json` into `npm run health -- --outputs -`.
 * Both pass against the fakes' endpoints; then one endpoint fails: health exits 1 and the alert reaches the
 * web-hook the stack wrote into its GitHub environment (ALERT_WEBHOOK_URL, as the workflow step gets it).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { afterUp, ci, runStep, suite } from "./context";
import { succeeded, textOf } from "./harness";
import { withOption } from "./workflows";

export function registerHealthTests(): void {
  describe("health: stack outputs into npm run health", function () {
    before(() => suite().metrics.startPhase("health: stack output into npm run health"));

    for (const stack of ["production", "staging"] as const) {
      it(`deploy.yml on ${stack}: stack output to a file, health of it: exit 0, no alert`, async function () {
        const s = afterUp(stack);
        const cmds = ci(stack);
        succeeded(await s.metrics.measure(`stack output (deploy.yml), ${stack}`, () => runStep(cmds.stackOutput)));
        assert.ok(cmds.stackOutput.stdoutTo && fs.existsSync(cmds.stackOutput.stdoutTo), "the outputs file");
        const before = s.fakes.webhook.received.length;
        const run = await s.metrics.measure(`npm run health (deploy.yml), ${stack}`, () => runStep(cmds.health));
        assert.equal(run.code, 0, textOf(run));
        for (const check of [`${stack}-frontend`, `${stack}-agent`]) assert.match(run.stdout, new RegExp(check));
        assert.equal(s.fakes.webhook.received.length, before, "a healthy stack sends no alert");
      });
    }

    it("rollback.yml: pulumi stack output --json | npm run health -- --outputs - passes", async function () {
      const s = afterUp("production");
      const cmd = ci("production").outputsToHealth;
      const run = await s.metrics.measure("stack output | health (rollback.yml)", () => runStep(cmd));
      assert.equal(run.code, 0, textOf(run));
      assert.equal(run.piped?.code, 0, run.piped && textOf(run.piped));
    });

    it("one endpoint fails: health exits 1 and the web-hook fake receives the alert", async function () {
      const s = afterUp("production");
      const cmd = ci("production").outputsToHealth;
      if (!cmd.pipeTo) throw new Error(`${cmd.where}: no pipe into npm run health`);
      // The workflow waits up to 300 s for a failing check to recover; this one stays down, so do not wait.
      const failing = { ...cmd, pipeTo: withOption(cmd.pipeTo, "--wait", "0") };
      const before = s.fakes.webhook.received.length;
      s.fakes.site.failing.add("production");
      try {
        const run = await s.metrics.measure("stack output | health, frontend down", () => runStep(failing));
        assert.equal(run.piped?.code, 1, run.piped && textOf(run.piped));
      } finally {
        s.fakes.site.failing.delete("production");
      }
      const alerts = s.fakes.webhook.received.slice(before);
      assert.equal(alerts.length, 1, "one alert");
      const text = String((alerts[0].body as { text?: unknown }).text);
      assert.match(text, /Chef Chopsky production: UNHEALTHY, severity P1/);
      assert.match(text, /- production-frontend: .*HTTP 500/);
      assert.doesNotMatch(text, /production-agent/, "only the failing check is named");
    });
  });
}
