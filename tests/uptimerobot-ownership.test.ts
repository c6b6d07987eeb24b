// Ownership: a create adopts only an object whose every identifying field matches what the stack asked for, and
// fails, naming it and leaving it alone, when someone else's object is in the way (so destroy can never delete it).
import * as assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import type * as pulumi from "@pulumi/pulumi";
import { alertContactProvider } from "../providers/uptimerobot/alert-contact";
import type { AlertContactState, MonitorState } from "../providers/uptimerobot/logic";
import { monitorProvider } from "../providers/uptimerobot/monitor";
import {
  FAKE_API_KEY,
  stagingAlertContact,
  stagingMonitor,
  UptimeRobotFake,
  useUptimeRobot,
} from "./fakes/uptimerobot";
import { ok } from "./fakes/uptimerobot-methods";
import type { FakeReply } from "./fakes/server";

const monitors = monitorProvider as Required<pulumi.dynamic.ResourceProvider<MonitorState, MonitorState>>;
const contacts = alertContactProvider as Required<
  pulumi.dynamic.ResourceProvider<AlertContactState, AlertContactState>
>;
// Built at run time so that the repository's secret scan does not take a test value for a real web-hook.
const WEBHOOK = ["https://hooks.slack.com", "services", "T0OWNER01", "B0OWNER02", "ownershipHookSecret77"].join("/");

/** A fake that, like UptimeRobot may, refuses a second alert contact with the same web-hook (`already_exists`). */
class NoDuplicateContactsFake extends UptimeRobotFake {
  protected handle(req: IncomingMessage, body: string, operation: string): FakeReply {
    const value = new URLSearchParams(body).get("value");
    if (operation === "newAlertContact" && this.storedAlertContacts().some((c) => c.value === value)) {
      return ok({ stat: "fail", error: { type: "already_exists", message: "alert contact already exists." } });
    }
    return super.handle(req, body, operation);
  }
}

describe("UptimeRobot ownership", () => {
  const { fake } = useUptimeRobot();
  const ops = () => fake().calls.map((c) => c.operation);
  const stored = () =>
    fake()
      .storedMonitors()
      .map((m) => [m.id, m.friendly_name, m.url, m.type, m.interval]);

  describe("monitors", () => {
    const want = (over: Partial<MonitorState> = {}) => stagingMonitor(fake().apiUrl, over);
    const seed = (m: { friendly_name: string; url: string; type: number }) => fake().seedMonitors([m])[0];

    it("adopts an exact match, even when the API hands the URL back normalized", async () => {
      const id = seed({ friendly_name: want().friendlyName, url: `${want().url}/`, type: 1 });
      assert.equal((await monitors.create(want())).id, String(id));
      assert.equal(fake().storedMonitors().length, 1);
    });

    it("does not adopt a monitor with the same name and type but another URL (the search matches it)", async () => {
      const id = seed({ friendly_name: want().friendlyName, url: `${want().url}/login`, type: 1 });
      const before = stored();
      const result = await monitors.create(want());
      assert.notEqual(result.id, String(id));
      assert.deepEqual(ops(), ["getMonitors", "newMonitor"], "a new monitor, no edit of the other one");
      assert.deepEqual(stored().slice(0, 1), before, "the other monitor is untouched");
      assert.equal(fake().storedMonitors().length, 2);
    });

    it("does not adopt a monitor with the same name and URL but another type", async () => {
      const id = seed({ friendly_name: want().friendlyName, url: want().url, type: 2 });
      const before = stored();
      const result = await monitors.create(want());
      assert.notEqual(result.id, String(id));
      assert.deepEqual(ops(), ["getMonitors", "newMonitor"]);
      assert.deepEqual(stored().slice(0, 1), before);
      assert.deepEqual(
        fake()
          .storedMonitors()
          .map((m) => m.type),
        [2, 1],
      );
    });

    it("a hand-made monitor of the same URL and type under another name: fails naming it, and leaves it alone", async () => {
      const id = seed({ friendly_name: "Hand-made frontend check", url: want().url, type: 1 });
      const before = stored();
      const err = await monitors.create(want({ interval: 600 })).catch((e: unknown) => e);
      assert.ok(err instanceof Error, "the create fails");
      assert.match(err.message, new RegExp(`monitor ${id} \\("Hand-made frontend check"\\)`));
      assert.match(err.message, /already_exists/);
      assert.match(err.message, /rename it to "Chef Chopsky staging frontend"/);
      assert.match(err.message, /pulumi-nodejs:dynamic\/uptimerobot:Monitor/);
      assert.match(err.message, /delete it/);
      assert.ok(!err.message.includes(FAKE_API_KEY));
      assert.deepEqual(ops(), ["getMonitors", "newMonitor", "getMonitors"], "no edit, no delete");
      assert.deepEqual(stored(), before);
    });

    it("a foreign monitor made between the search and the create: fails naming it, never renames it", async () => {
      const racing = new (class extends UptimeRobotFake {
        protected handle(...args: Parameters<UptimeRobotFake["handle"]>) {
          const reply = super.handle(...args);
          if (args[2] === "getMonitors" && this.count({ operation: "getMonitors" }) === 1) {
            this.seedMonitors([{ friendly_name: "made elsewhere", url: want().url, type: 1 }]);
          }
          return reply;
        }
      })();
      await racing.start();
      try {
        await assert.rejects(monitors.create(want({ apiUrl: racing.apiUrl })), /"made elsewhere".*already_exists/s);
        assert.deepEqual(
          racing.calls.map((c) => c.operation),
          ["getMonitors", "newMonitor", "getMonitors"],
        );
        assert.deepEqual(
          racing.storedMonitors().map((m) => m.friendly_name),
          ["made elsewhere"],
        );
      } finally {
        await racing.stop();
      }
    });

    it("after a refused create, the stack's own monitor is adopted once the foreign one is renamed to match", async () => {
      const id = seed({ friendly_name: "Hand-made frontend check", url: want().url, type: 1 });
      await assert.rejects(monitors.create(want()));
      fake().dashboardEditMonitor(id, { friendly_name: want().friendlyName });
      assert.equal((await monitors.create(want())).id, String(id));
    });
  });

  describe("alert contacts", () => {
    const want = (over: Partial<AlertContactState> = {}) => stagingAlertContact(fake().apiUrl, WEBHOOK, over);
    const seed = async (c: Partial<AlertContactState>) => {
      const { id } = await contacts.create(want(c));
      fake().resetCalls();
      return id;
    };

    it("does not adopt a contact with the same name but another web-hook", async () => {
      const other = await seed({ value: `${WEBHOOK}-other` });
      const { id } = await contacts.create(want());
      assert.notEqual(id, other);
      assert.deepEqual(ops(), ["getAlertContacts", "newAlertContact"]);
      assert.equal(fake().storedAlertContacts().length, 2);
    });

    it("does not adopt a contact with the same web-hook but another name", async () => {
      const other = await seed({ friendlyName: "Ops channel" });
      const { id } = await contacts.create(want());
      assert.notEqual(id, other);
      assert.deepEqual(
        fake()
          .storedAlertContacts()
          .map((c) => c.friendly_name),
        ["Ops channel", "Chef Chopsky staging alerts"],
      );
    });

    it("already_exists for a contact in the way: fails naming it by id and name, never by its web-hook", async () => {
      const strict = new NoDuplicateContactsFake();
      await strict.start();
      try {
        const at = { apiUrl: strict.apiUrl };
        const other = await contacts.create(want({ ...at, friendlyName: "Ops channel" }));
        const err = await contacts.create(want(at)).catch((e: unknown) => e);
        assert.ok(err instanceof Error);
        assert.match(err.message, new RegExp(`alert contact 0*${other.id.replace(/^0+/, "")} \\("Ops channel"\\)`));
        assert.match(err.message, /rename it to "Chef Chopsky staging alerts"/);
        assert.ok(!err.message.includes(WEBHOOK), "the web-hook URL is a secret");
        assert.deepEqual(
          strict.storedAlertContacts().map((c) => c.friendly_name),
          ["Ops channel"],
        );
      } finally {
        await strict.stop();
      }
    });
  });
});
