/**
 * The engine suite: the staging program (Database, Agent, Monitoring; see program.ts for what is left out and why)
 * on the real Pulumi CLI, a file backend with passphrase secrets, and the local fakes. The tests run in order and
 * share one stack: preview and up, a no-change up, a clean refresh (here), the policy pack (policy.ts), drift and
 * its repair (drift.ts), the state's secrets and destroy (teardown.ts).
 */
import * as assert from "node:assert/strict";
import {
  afterFirstUp,
  assertFakesHoldDeclared,
  context,
  HAND_SET,
  monitorNamed,
  setContext,
  unmanagedAuth,
} from "./context";
import { registerDriftTests } from "./drift";
import { createStack, freshStateDir, POLICY_PACK, processesOf, removeStateDir, requireCli } from "./harness";
import { Metrics, resultOf } from "./ops";
import { registerPolicyTests } from "./policy";
import { declared, type Fakes, SECRETS, STACK, startFakes, stagingProgram, stopFakes, SUPABASE_REF } from "./program";
import { registerTeardownTests } from "./teardown";

/** Dynamic resources and components of the program, and the stack itself. */
const RESOURCES = 9;

/** Every state dir the suite makes (this file's and the policy tests'), removed by the root `after`. */
const stateDirs: string[] = [];

describe("engine: the staging program on the real Pulumi CLI", function () {
  let fakes: Fakes | undefined;
  const metrics = new Metrics(() => ({ ...(fakes ?? {}) }));

  before(async function () {
    requireCli(); // first: without the engine, fail at once with what to run
    fakes = await startFakes();
    fakes.railway.setVariable(HAND_SET.name, HAND_SET.value);
    const authBefore = fakes.supabase.config(SUPABASE_REF);
    const stateDir = freshStateDir("engine");
    stateDirs.push(stateDir);
    const stack = await createStack(stateDir, STACK, stagingProgram(fakes), { secret: { ...SECRETS } });
    setContext({ fakes, stack, stateDir, metrics, authBefore });
  });

  after(async function () {
    const dirs = [...stateDirs];
    // A plugin may take a moment to exit after its CLI did: give them 3 s before calling it a leak.
    let leaked = dirs.flatMap((d) => processesOf(d));
    for (let waited = 0; leaked.length > 0 && waited < 3000; waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
      leaked = dirs.flatMap((d) => processesOf(d));
    }
    for (const pid of leaked) {
      try {
        process.kill(pid, "SIGKILL"); // started by this suite's CLI runs (their PULUMI_HOME is ours)
      } catch {
        // already gone
      }
    }
    await stopFakes(fakes);
    for (const d of dirs) removeStateDir(d);
    setContext(undefined);
    metrics.print();
    assert.deepEqual(leaked, [], "no CLI, provider or policy process of this suite is left running");
  });

  it("pulumi preview plans every resource, with the policy pack, and writes nothing", async function () {
    const { stack, fakes } = context();
    const rec = await metrics.run("preview (policy pack)", (h) => stack.preview({ policyPacks: [POLICY_PACK], ...h }));
    assert.deepEqual(resultOf(rec).changeSummary, { create: RESOURCES });
    for (const [name, c] of Object.entries(rec.calls)) assert.equal(c.writes, 0, `preview wrote to ${name}`);
    assert.equal(fakes.uptime.storedMonitors().length, 0, "preview created no monitor");
    assert.deepEqual(fakes.railway.vars(), { [HAND_SET.name]: HAND_SET.value }, "preview set no variable");
  });

  it("pulumi up creates exactly what the stack declares", async function () {
    const ctx = context();
    const { stack, fakes } = ctx;
    const rec = await metrics.run("up #1: create (policy pack)", (h) => stack.up({ policyPacks: [POLICY_PACK], ...h }));
    ctx.firstUp = rec;
    const up = resultOf(rec);
    assert.deepEqual(up.summary.resourceChanges, { create: RESOURCES });
    assertFakesHoldDeclared(fakes);
    assert.deepEqual(
      unmanagedAuth(fakes.supabase.config(SUPABASE_REF)),
      unmanagedAuth(ctx.authBefore),
      "no other Supabase auth setting was written",
    );
    // The stack outputs are the ids the fake gave out, and none of them is a secret.
    const want = declared();
    const contact = fakes.uptime.storedAlertContacts()[0];
    assert.deepEqual(
      {
        frontend: up.outputs.frontendMonitorId?.value,
        agent: up.outputs.agentMonitorId?.value,
        contact: String(up.outputs.alertContactId?.value).replace(/^0+/, ""),
      },
      {
        frontend: String(monitorNamed(fakes, want.monitors[0].name).id),
        agent: String(monitorNamed(fakes, want.monitors[1].name).id),
        contact: contact.id.replace(/^0+/, ""),
      },
    );
    for (const [k, v] of Object.entries(up.outputs)) assert.equal(v.secret, false, `output ${k} is not secret`);
  });

  it("a second pulumi up changes nothing and makes no write call", async function () {
    const { stack } = afterFirstUp();
    const rec = await metrics.run("up #2: no change", (h) => stack.up(h));
    assert.deepEqual(resultOf(rec).summary.resourceChanges, { same: RESOURCES });
    for (const [name, c] of Object.entries(rec.calls)) assert.equal(c.writes, 0, `a no-change up wrote to ${name}`);
  });

  it("pulumi refresh --preview-only --expect-no-changes passes after up (no false drift), reading every service", async function () {
    const { stack } = afterFirstUp();
    const rec = await metrics.run("refresh --preview-only --expect-no-changes", (h) =>
      stack.refresh({ previewOnly: true, expectNoChanges: true, ...h }),
    );
    resultOf(rec);
    for (const [name, c] of Object.entries(rec.calls)) {
      assert.ok(c.total > 0, `refresh read nothing from ${name}: its resources have no working read`);
      assert.equal(c.writes, 0, `refresh wrote to ${name}`);
    }
  });

  registerPolicyTests((dir) => stateDirs.push(dir));
  registerDriftTests();
  registerTeardownTests();
});
