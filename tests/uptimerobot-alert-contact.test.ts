// The web-hook alert-contact dynamic provider against the fake API; the web-hook URL never shows in an error.
import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { alertContactProvider } from "../providers/uptimerobot/alert-contact";
import { sameContactId } from "../providers/uptimerobot/client";
import type { AlertContactState } from "../providers/uptimerobot/logic";
import { API_KEY_ENV } from "../providers/uptimerobot/runtime";
import { stagingAlertContact, useUptimeRobot } from "./fakes/uptimerobot";

const p = alertContactProvider as Required<pulumi.dynamic.ResourceProvider<AlertContactState, AlertContactState>>;
const WEBHOOK = "https://hooks.example.test/services/T000/B000/secret-token-1234";

describe("UptimeRobot alert contact provider", () => {
  const { fake, waits } = useUptimeRobot();
  const inputs = (over: Partial<AlertContactState> = {}) => stagingAlertContact(fake().apiUrl, WEBHOOK, over);
  const ops = () => fake().calls.map((c) => `${c.operation}${c.fault ? `(${c.fault})` : ""}`);
  const created = async () => {
    const result = await p.create(inputs());
    fake().resetCalls();
    return result;
  };

  it("check names invalid fields without quoting the web-hook", async () => {
    const { failures } = await p.check(inputs(), inputs({ type: 2, value: "not a url secret-token-1234" }));
    assert.deepEqual(
      failures?.map((f) => f.property),
      ["type", "value"],
    );
    assert.ok(!JSON.stringify(failures).includes("secret-token-1234"));
    assert.deepEqual((await p.check(inputs(), inputs())).failures, []);
  });

  it("create searches once, then creates; the id is a string", async () => {
    const { id, outs } = await p.create(inputs());
    assert.deepEqual(ops(), ["getAlertContacts", "newAlertContact"]);
    assert.equal(typeof id, "string");
    assert.deepEqual(outs, inputs());
    assert.equal(fake().storedAlertContacts().length, 1);
  });

  it("create adopts a contact with the same name and value, with no write", async () => {
    const first = await created();
    const again = await p.create(inputs());
    // newAlertContact answered 457, the list says "0457": the same contact (ids compare as numbers).
    assert.ok(sameContactId(again.id, first.id), `${again.id} vs ${first.id}`);
    assert.deepEqual(ops(), ["getAlertContacts"]);
  });

  it("a lost reply: looks again and adopts (exactly one contact)", async () => {
    fake().inject({ kind: "lost" }, 1, "newAlertContact");
    const { id } = await p.create(inputs());
    assert.deepEqual(ops(), ["getAlertContacts", "newAlertContact(lost)", "getAlertContacts"]);
    assert.deepEqual(
      fake()
        .storedAlertContacts()
        .map((c) => c.id),
      [id],
    );
  });

  it("a 429 burst with plain-text bodies completes, waiting as told", async () => {
    fake().inject({ kind: "429", retryAfterSeconds: 1 }, 2, "newAlertContact");
    await p.create(inputs());
    assert.deepEqual(waits, [1000, 1000]);
    assert.equal(fake().storedAlertContacts().length, 1);
  });

  it("errors never show the web-hook URL or the API key", async () => {
    fake().inject({ kind: "500", body: `upstream said ${WEBHOOK}` }, 8);
    const err = await p.create(inputs()).catch((e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.match(err.message, /^UptimeRobot getAlertContacts failed: HTTP 500/);
    assert.ok(!err.message.includes(WEBHOOK) && !err.message.includes(process.env[API_KEY_ENV] ?? "?"));
  });

  it("read returns the live fields; a contact deleted in the dashboard is gone", async () => {
    const { id } = await created();
    assert.deepEqual(await p.read(id, inputs()), { id, props: inputs() });
    assert.deepEqual(ops(), ["getAlertContacts"]);
    fake().dashboardDeleteAlertContact(fake().storedAlertContacts()[0].id);
    assert.deepEqual(await p.read(id, inputs()), { id: undefined });
  });

  it("diff: a new web-hook replaces, a new name updates, nothing else is a change", async () => {
    assert.deepEqual(await p.diff("1", inputs(), inputs()), { changes: false, replaces: [] });
    assert.deepEqual(await p.diff("1", inputs(), inputs({ value: `${WEBHOOK}2` })), {
      changes: true,
      replaces: ["value"],
    });
    assert.deepEqual(await p.diff("1", inputs(), inputs({ friendlyName: "x" })), { changes: true, replaces: [] });
    assert.equal(fake().calls.length, 0);
  });

  it("update renames in place", async () => {
    const { id } = await created();
    await p.update(id, inputs(), inputs({ friendlyName: "Chef Chopsky staging alerts (new)" }));
    assert.deepEqual(ops(), ["editAlertContact"]);
    assert.equal(fake().storedAlertContacts()[0].friendly_name, "Chef Chopsky staging alerts (new)");
  });

  it("delete removes the contact; one already gone is deleted too", async () => {
    const { id } = await created();
    await p.delete(id, inputs());
    await p.delete(id, inputs());
    assert.deepEqual(ops(), ["deleteAlertContact", "deleteAlertContact"]);
    assert.deepEqual(fake().storedAlertContacts(), []);
  });
});
