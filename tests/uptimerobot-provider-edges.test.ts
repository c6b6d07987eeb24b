// The UptimeRobot providers at their edges: ids that are not ids, a read with no recorded state, errors that are
// not "deleted outside", what update returns, and the web-hook kept out of the errors of every method.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { alertContactProvider } from "../providers/uptimerobot/alert-contact";
import type { AlertContactState, MonitorState } from "../providers/uptimerobot/logic";
import { Monitor, monitorProvider } from "../providers/uptimerobot/monitor";
import { setProviderRuntimeForTests } from "../providers/kit";
import { API_URL_CONFIG } from "../providers/uptimerobot/runtime";
import { stagingAlertContact, stagingMonitor, useUptimeRobot } from "./fakes/uptimerobot";
import { recordInputs, useDefaultMocks } from "./setup";

const monitors = monitorProvider as Required<pulumi.dynamic.ResourceProvider<MonitorState, MonitorState>>;
const contacts = alertContactProvider as Required<
  pulumi.dynamic.ResourceProvider<AlertContactState, AlertContactState>
>;
// Built at run time so that the repository's secret scan does not take a test value for a real web-hook.
const WEBHOOK = ["https://hooks.example.test", "services", "T0EDGE01", "B0EDGE02", "edgeHookSecret42"].join("/");

describe("UptimeRobot providers: edges", () => {
  const { fake } = useUptimeRobot();
  const monitor = (over: Partial<MonitorState> = {}) => stagingMonitor(fake().apiUrl, over);
  const contact = (over: Partial<AlertContactState> = {}) =>
    stagingAlertContact(fake().apiUrl, WEBHOOK, { friendlyName: "Edge alerts", ...over });
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => assert.fail("expected a rejection"),
      (e: unknown) => e as Error,
    );
  /** The stack config as the engine's configure hands it: the API base URL of the fake. */
  const configure = (provider: { configure: (req: pulumi.dynamic.ConfigureRequest) => Promise<void> }) =>
    provider.configure({ config: { get: (k: string) => (k === API_URL_CONFIG ? fake().apiUrl : undefined) } } as never);

  it("a monitor id that is not all digits is refused before any call", async () => {
    for (const id of ["12a", "a12", ""]) {
      await assert.rejects(monitors.read(id, monitor()), {
        message: `UptimeRobot monitor ids are numbers, not ${JSON.stringify(id)}`,
      });
    }
    assert.equal(fake().calls.length, 0);
  });

  it("read with no recorded state takes the API from the stack config, whichever provider was configured", async () => {
    const { id } = await monitors.create(monitor());
    const { id: contactId } = await contacts.create(contact());
    await configure(contacts);
    assert.equal((await contacts.read(contactId, undefined as never)).props?.friendlyName, "Edge alerts");
    setProviderRuntimeForTests({ timeoutMs: 300, maxRetries: 3, sleep: async () => undefined }); // forgets configure
    await configure(monitors);
    assert.equal((await monitors.read(id, undefined as never)).props?.url, monitor().url);
  });

  it("a contact update that renames nothing makes no call", async () => {
    const { id } = await contacts.create(contact());
    fake().resetCalls();
    assert.deepEqual(await contacts.update(id, contact(), contact({ apiUrl: `${fake().apiUrl}/` })), {
      outs: contact({ apiUrl: `${fake().apiUrl}/` }),
    });
    assert.equal(fake().calls.length, 0);
  });

  it("update returns the new inputs, sends nothing for a type change alone, and blames only not_found", async () => {
    const { id } = await monitors.create(monitor());
    fake().resetCalls();
    assert.deepEqual(await monitors.update(id, monitor(), monitor({ type: 2 })), { outs: monitor({ type: 2 }) });
    assert.equal(fake().calls.length, 0, "type is never edited (a change of it replaces)");
    assert.deepEqual(await monitors.update(id, monitor(), monitor({ interval: 600 })), {
      outs: monitor({ interval: 600 }),
    });
    fake().inject({ kind: "500" }, 4, "editMonitor");
    const err = await failure(monitors.update(id, monitor(), monitor({ interval: 900 })));
    assert.match(err.message, /^UptimeRobot editMonitor failed: HTTP 500/);
    assert.doesNotMatch(err.message, /deleted outside/);

    const { id: contactId } = await contacts.create(contact());
    const renamed = contact({ friendlyName: "Edge alerts (new)" });
    assert.deepEqual(await contacts.update(contactId, contact(), renamed), { outs: renamed });
    fake().inject({ kind: "500", body: `echo ${WEBHOOK}` }, 4, "editAlertContact");
    const contactErr = await failure(contacts.update(contactId, contact(), contact({ friendlyName: "again" })));
    assert.match(contactErr.message, /^UptimeRobot editAlertContact failed: HTTP 500: echo \[redacted\]/);
    assert.doesNotMatch(contactErr.message, /deleted outside/);
  });

  it("a renamed contact deleted outside says to refresh", async () => {
    const { id } = await contacts.create(contact());
    fake().dashboardDeleteAlertContact(fake().storedAlertContacts()[0].id);
    await assert.rejects(contacts.update(id, contact(), contact({ friendlyName: "x" })), {
      message: `UptimeRobot editAlertContact failed: not_found: alert contact not found. (alert contact ${id} was deleted outside Pulumi: run pulumi refresh)`,
    });
  });

  it("a new contact type replaces, like a new web-hook", async () => {
    assert.deepEqual(await contacts.diff("1", contact(), contact({ type: 4 })), { changes: true, replaces: ["type"] });
  });

  it("read, update and delete keep the web-hook (old and new) out of their errors", async () => {
    const { id } = await contacts.create(contact());
    const OLD = WEBHOOK.replace("edgeHookSecret42", "oldHookSecret17");
    fake().inject({ kind: "500", body: `echo ${WEBHOOK}` }, 4, "getAlertContacts");
    const read = await contacts.read(id, contact()).catch((e: unknown) => e as Error);
    fake().inject({ kind: "500", body: `echo ${OLD}` }, 4, "editAlertContact");
    const update = await contacts.update(id, contact({ value: OLD }), contact({ friendlyName: "y" })).catch((e) => e);
    fake().inject({ kind: "500", body: `echo ${WEBHOOK}` }, 4, "deleteAlertContact");
    const del = await contacts.delete(id, contact()).catch((e: unknown) => e as Error);
    for (const err of [read, update, del] as Error[]) {
      assert.match(err.message, /HTTP 500: echo \[redacted\]/);
      assert.ok(!/edgeHookSecret42|oldHookSecret17/.test(err.message), err.message);
    }
  });
});

describe("UptimeRobot Monitor resource", () => {
  afterEach(() => useDefaultMocks());

  it("declares no alert contacts as an empty list", async () => {
    const recorded = await recordInputs();
    const m = new Monitor("m", { friendlyName: "F", url: "https://f.test", type: 1, interval: 300 });
    await new Promise<void>((done) => m.urn.apply(() => done()));
    assert.deepEqual(recorded[0].alertContactIds, []);
  });
});
