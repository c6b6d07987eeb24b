/**
 * Drift: changes made in the services' dashboards (a monitor edited, one deleted, an agent variable changed, an
 * auth setting changed) make `pulumi refresh --preview-only --expect-no-changes` fail and name each resource;
 * `pulumi up --refresh` repairs them; the next refresh finds nothing.
 */
import * as assert from "node:assert/strict";
import { afterFirstUp, assertFakesHoldDeclared, monitorNamed } from "./context";
import { failureOf, resultOf } from "./ops";
import { declared, FRONTEND_URL, NAME, SECRETS, SUPABASE_REF } from "./program";

/** `pulumi refresh --expect-no-changes` found changes (cmdutil.ExitNoChanges). */
export const DRIFT_EXIT = 7;
/** The value someone pasted into the agent's OPENAI_API_KEY in Railway's dashboard: secret too, never shown. */
export const DRIFTED_OPENAI_KEY = "sk-proj-pastedByHandInTheDashboard9876543210";

/** The resources the drift touches, and what refresh must plan for each. */
const DRIFTED = [
  { name: `${NAME}-monitoring-frontend`, op: "update", what: "monitor edited" },
  { name: `${NAME}-monitoring-agent`, op: "delete", what: "monitor deleted" },
  { name: `${NAME}-agent-variables`, op: "update", what: "agent variable changed" },
  { name: `${NAME}-supabase-auth-settings`, op: "update", what: "auth setting changed" },
] as const;
const UNTOUCHED = `${NAME}-monitoring-alert-contact`;

function planned(text: string, name: string, op: string): boolean {
  return new RegExp(`(^|\\s)${name} ${op}(\\s|$)`, "m").test(text);
}

export function registerDriftTests(): void {
  describe("drift made in the services", function () {
    let deletedMonitorId = 0;

    before(function () {
      const { fakes } = afterFirstUp();
      const want = declared();
      const frontend = monitorNamed(fakes, want.monitors[0].name);
      fakes.uptime.dashboardEditMonitor(frontend.id, { interval: 1800, friendly_name: "Chef Chopsky (renamed)" });
      deletedMonitorId = monitorNamed(fakes, want.monitors[1].name).id;
      fakes.uptime.dashboardDeleteMonitor(deletedMonitorId);
      fakes.railway.setVariable("OPENAI_API_KEY", DRIFTED_OPENAI_KEY);
      // The previews dropped from the allow list (managed), and a setting this stack does not manage (kept).
      fakes.supabase.setConfig({ uri_allow_list: FRONTEND_URL, jwt_exp: 7200 }, SUPABASE_REF);
    });

    it(`refresh --preview-only --expect-no-changes fails (exit ${DRIFT_EXIT}) and names each drifted resource`, async function () {
      const { stack, metrics } = afterFirstUp();
      const rec = await metrics.run("refresh --expect-no-changes, drifted", (h) =>
        stack.refresh({ previewOnly: true, expectNoChanges: true, ...h }),
      );
      const failure = failureOf(rec);
      assert.equal(failure.exitCode, DRIFT_EXIT, failure.text);
      assert.match(failure.text, /no changes were expected for refresh but changes were proposed/);
      const text = `${failure.text}\n${rec.output}`;
      for (const d of DRIFTED) assert.ok(planned(text, d.name, d.op), `${d.what}: "${d.name} ${d.op}" in the output`);
      for (const op of ["update", "delete"]) assert.ok(!planned(text, UNTOUCHED, op), `${UNTOUCHED} did not drift`);
      const summary = rec.events.find((e) => e.summaryEvent)?.summaryEvent;
      assert.deepEqual(summary?.resourceChanges, { update: 3, delete: 1, same: 5 }, "the refresh's summary event");
      for (const v of [...Object.values(SECRETS), DRIFTED_OPENAI_KEY]) {
        assert.ok(!text.includes(v), "the refresh output shows no secret value, declared or drifted");
      }
      for (const [name, c] of Object.entries(rec.calls)) assert.equal(c.writes, 0, `refresh preview wrote to ${name}`);
    });

    it("pulumi up --refresh repairs it: declared values back, the deleted monitor re-created once", async function () {
      const { stack, fakes, metrics } = afterFirstUp();
      const rec = await metrics.run("up --refresh: repair", (h) => stack.up({ refresh: true, ...h }));
      const up = resultOf(rec);
      assert.deepEqual(up.summary.resourceChanges, { create: 1, update: 3, same: 5 });
      assertFakesHoldDeclared(fakes); // one monitor per name, values, contact, variables, auth settings
      const want = declared();
      const recreated = monitorNamed(fakes, want.monitors[1].name);
      assert.notEqual(recreated.id, deletedMonitorId, "the deleted monitor was created anew");
      assert.equal(up.outputs.agentMonitorId?.value, String(recreated.id), "the output holds the new monitor's id");
      assert.equal(fakes.supabase.config(SUPABASE_REF).jwt_exp, 7200, "an unmanaged auth setting is left as it is");
      // Only what drifted was written, and only the drifted keys.
      assert.deepEqual(rec.calls.uptime.writeOps.sort(), ["editMonitor", "newMonitor"]);
      assert.deepEqual(rec.calls.railway.writeOps, ["variableCollectionUpsert"]);
      assert.deepEqual(rec.calls.supabase.writeOps, ["PATCH auth config"]);
      const upsert = fakes.railway.calls.find((c) => c.write);
      const sent = (JSON.parse(upsert?.body ?? "{}") as { variables?: { input?: { variables?: object } } }).variables;
      assert.deepEqual(Object.keys(sent?.input?.variables ?? {}), ["OPENAI_API_KEY"], "only the drifted key upserted");
      const patch = fakes.supabase.calls.find((c) => c.write);
      assert.deepEqual(
        Object.keys(JSON.parse(patch?.body ?? "{}") as object),
        ["uri_allow_list"],
        "only the drifted key patched",
      );
    });

    it("a following refresh --preview-only --expect-no-changes passes", async function () {
      const { stack, metrics } = afterFirstUp();
      const rec = await metrics.run("refresh --expect-no-changes, repaired", (h) =>
        stack.refresh({ previewOnly: true, expectNoChanges: true, ...h }),
      );
      resultOf(rec);
      for (const [name, c] of Object.entries(rec.calls)) assert.equal(c.writes, 0, `refresh wrote to ${name}`);
    });
  });
}
