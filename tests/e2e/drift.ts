/**
 * Drift, as someone makes it in each service's dashboard (Vercel through its stand-in, GitHub, Railway, Supabase,
 * UptimeRobot), caught by the drift workflow's `pulumi refresh --preview-only --expect-no-changes` (exit 7, naming
 * each resource) and repaired by `pulumi up --refresh` (the remedy its alert names), after which the check passes.
 */
import * as assert from "node:assert/strict";
import { monitorName } from "../../components/monitoring";
import { afterUp, ci, outputsOf, runStep } from "./context";
import { assertHoldsDeclared } from "./expected";
import { REPOSITORY } from "./fakes";
import { type CliRun, textOf } from "./harness";
import { supabaseRef } from "./project";
import { assertAges, OLD } from "./secrets";

const STACK = "production";
/** `pulumi refresh --expect-no-changes` found changes (cmdutil.ExitNoChanges); drift.yml alerts "DRIFT" on it. */
export const DRIFT_EXIT = 7;
/** What someone pasted into the agent's OPENAI_API_KEY in Railway's dashboard: secret too, never to be shown. */
export const DRIFTED_OPENAI_KEY = "sk-proj-pastedByHandInTheDashboard9876543210abcdef";

const N = `chef-chopsky-${STACK}`;
/** The resources the drift touches, what refresh must plan for each, and the service it lives in. */
const DRIFTED = [
  { name: `${N}-frontend-env-production-next-public-agent-url`, op: "update", service: "Vercel" },
  { name: `${N}-github-branch-main`, op: "update", service: "GitHub" },
  { name: `${N}-agent-variables`, op: "update", service: "Railway" },
  { name: `${N}-supabase-auth-settings`, op: "update", service: "Supabase" },
  { name: `${N}-monitoring-frontend`, op: "update", service: "UptimeRobot (edited)" },
  { name: `${N}-monitoring-agent`, op: "delete", service: "UptimeRobot (deleted)" },
] as const;

/** What refresh found for every resource that drifted (its outputs event's op: update or delete), by name. */
function plannedOps(run: CliRun): Record<string, string> {
  const ops: Record<string, string> = {};
  for (const e of run.events) {
    const meta = e.resOutputsEvent?.metadata;
    if (meta && meta.op !== "same") ops[meta.urn.split("::").at(-1) ?? meta.urn] = meta.op;
  }
  return ops;
}

export function registerDriftTests(): void {
  describe("drift made in each service, found by refresh, repaired by up --refresh", function () {
    before(function () {
      const s = afterUp(STACK);
      s.metrics.startPhase("drift: refresh, up --refresh, refresh");
      const { vercel, github, railway, supabase, uptime } = s.fakes;
      const project = vercel.projects.project("chef-chopsky");
      if (!project) throw new Error("no Vercel project");
      vercel.projects.editVariable(
        project.id,
        { key: "NEXT_PUBLIC_AGENT_URL", target: "production" },
        { value: "https://agent.example.invalid" },
      );
      // Production made deployable from another branch than main: the drift that matters most in GitHub.
      github.renameBranchPolicyByHand(REPOSITORY, STACK, "main", "release/*");
      railway.production.setVariable("OPENAI_API_KEY", DRIFTED_OPENAI_KEY);
      // The allow list changed (managed), and a setting this stack does not manage (kept as it is).
      supabase[STACK].setConfig(
        { uri_allow_list: "https://chef-chopsky.example.invalid", jwt_exp: 7200 },
        supabaseRef(STACK),
      );
      const monitor = (role: "frontend" | "agent") => {
        const m = uptime.storedMonitors().find((x) => x.friendly_name === monitorName(STACK, role));
        if (!m) throw new Error(`no ${role} monitor`);
        return m;
      };
      uptime.dashboardEditMonitor(monitor("frontend").id, { interval: 1800 });
      uptime.dashboardDeleteMonitor(monitor("agent").id);
    });

    it(`drift.yml's refresh fails with exit ${DRIFT_EXIT}, names every drifted resource, writes nothing`, async function () {
      const s = afterUp(STACK);
      const run = await s.metrics.measure("refresh --expect-no-changes, drifted (drift.yml)", () =>
        runStep(ci(STACK).refresh),
      );
      assert.equal(run.code, DRIFT_EXIT, textOf(run));
      const text = textOf(run);
      const ops = plannedOps(run);
      for (const d of DRIFTED) {
        assert.equal(ops[d.name], d.op, `${d.service}: ${d.name} ${d.op} planned (planned: ${JSON.stringify(ops)})`);
        assert.ok(text.includes(d.name), `${d.service}: the output names ${d.name}`);
      }
      assert.equal(Object.keys(ops).length, DRIFTED.length, `nothing else drifted: ${JSON.stringify(ops)}`);
      for (const v of [...Object.values(s.secrets[STACK]), DRIFTED_OPENAI_KEY])
        assert.ok(!text.includes(v), "the refresh output shows no secret value, declared or drifted");
      for (const [name, c] of Object.entries(run.calls)) assert.equal(c.writes, 0, `refresh wrote to ${name}`);
    });

    it("pulumi up --refresh repairs it: the declared values back, the deleted monitor re-created, no redeploy", async function () {
      const s = afterUp(STACK);
      const up = ci(STACK).up;
      const run = await s.metrics.measure("up --refresh: repair", () => runStep(up, [...up.argv, "--refresh"]));
      assert.equal(run.code, 0, textOf(run));
      assertHoldsDeclared(STACK, s, await outputsOf(STACK));
      assert.equal(
        s.fakes.supabase[STACK].config(supabaseRef(STACK)).jwt_exp,
        7200,
        "an unmanaged setting is left as it is",
      );
      const writes = Object.fromEntries(
        Object.entries(run.calls).flatMap(([name, c]) => (c.writes ? [[name, [...c.writeOps].sort()]] : [])),
      );
      assert.deepEqual(Object.keys(writes).sort(), [
        "github",
        "railway (production)",
        "supabase (production)",
        "uptimerobot",
        "vercel",
      ]);
      // The agent's config holds the commit the state holds (agent.ts set it back after the rollback): no redeploy
      // over the rollback.
      assert.deepEqual(writes["railway (production)"], ["variableCollectionUpsert"], "no redeploy");
      assert.deepEqual(writes.uptimerobot, ["editMonitor", "newMonitor"]);
      assert.equal(writes["supabase (production)"].length, 1);
    });

    it("then drift.yml's refresh passes, and the secret record keeps its dates", async function () {
      const s = afterUp(STACK);
      const run = await s.metrics.measure("refresh --expect-no-changes, repaired", () => runStep(ci(STACK).refresh));
      assert.equal(run.code, 0, textOf(run));
      for (const [name, c] of Object.entries(run.calls)) assert.equal(c.writes, 0, `refresh wrote to ${name}`);
      await assertAges(STACK, () => OLD); // refresh (and the repair) kept the secret record's dates
    });
  });
}
