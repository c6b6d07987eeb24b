// The monitor dynamic provider against the fake API: every method, every fault, adoption instead of duplicates.
import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { unknownValue as UNKNOWN } from "@pulumi/pulumi/runtime/rpc";
import { ServiceError } from "../providers/http";
import type { MonitorState } from "../providers/uptimerobot/logic";
import { monitorProvider } from "../providers/uptimerobot/monitor";
import { stagingMonitor, useUptimeRobot } from "./fakes/uptimerobot";

const p = monitorProvider as Required<pulumi.dynamic.ResourceProvider<MonitorState, MonitorState>>;

describe("UptimeRobot monitor provider", () => {
  const { fake, waits } = useUptimeRobot();
  const inputs = (over: Partial<MonitorState> = {}) => stagingMonitor(fake().apiUrl, over);
  const ops = () => fake().calls.map((c) => `${c.operation}${c.fault ? `(${c.fault})` : ""}`);
  // A slowed write is applied after the client gave up; let it land before looking at the store.
  const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

  describe("check", () => {
    it("accepts valid inputs and drops keyword fields from an HTTP monitor", async () => {
      const result = await p.check(inputs(), inputs({ keywordType: 2, keywordValue: "ok" }));
      assert.deepEqual(result.failures, []);
      assert.deepEqual(result.inputs, inputs());
    });

    it("names each invalid field", async () => {
      const bad = inputs({ url: "ftp://x", interval: 10, type: 3, friendlyName: " ", alertContactIds: ["x"] });
      const { failures } = await p.check(inputs(), bad);
      assert.deepEqual(failures?.map((f) => f.property).sort(), [
        "alertContactIds",
        "friendlyName",
        "interval",
        "type",
        "url",
      ]);
      const keyword = await p.check(inputs(), inputs({ type: 2 }));
      assert.deepEqual(
        keyword.failures?.map((f) => f.property),
        ["keywordType", "keywordValue"],
      );
    });

    it("does not judge values unknown during preview", async () => {
      const { failures } = await p.check(inputs(), inputs({ url: UNKNOWN, alertContactIds: [UNKNOWN] }));
      assert.deepEqual(failures, []);
    });
  });

  describe("create", () => {
    it("searches once, then creates: two calls", async () => {
      const result = await p.create(inputs({ alertContactIds: [] }));
      assert.deepEqual(ops(), ["getMonitors", "newMonitor"]);
      const [stored] = fake().storedMonitors();
      assert.equal(result.id, String(stored.id));
      assert.equal(new URLSearchParams(fake().calls[0].body).get("search"), inputs().url);
    });

    it("adopts a monitor with the same name and URL, editing it to the declared values", async () => {
      const [id] = fake().seedMonitors([{ friendly_name: inputs().friendlyName, url: inputs().url, type: 1 }]);
      const result = await p.create(inputs({ interval: 600 }));
      assert.equal(result.id, String(id));
      assert.deepEqual(ops(), ["getMonitors", "editMonitor"]);
      assert.equal(fake().storedMonitors().length, 1);
      assert.equal(fake().storedMonitors()[0].interval, 600);
    });

    it("adopts without a write when the existing monitor already matches", async () => {
      fake().seedMonitors([{ friendly_name: inputs().friendlyName, url: inputs().url, type: 1 }]);
      await p.create(inputs());
      assert.deepEqual(ops(), ["getMonitors"]);
    });

    it("a lost reply: looks again and adopts the monitor the lost call created (exactly one)", async () => {
      fake().inject({ kind: "lost" }, 1, "newMonitor");
      const result = await p.create(inputs());
      assert.deepEqual(ops(), ["getMonitors", "newMonitor(lost)", "getMonitors"]);
      assert.deepEqual(
        fake()
          .storedMonitors()
          .map((m) => String(m.id)),
        [result.id],
      );
    });

    it("a lost reply and a failed look: the up fails, the retried create adopts (exactly one)", async () => {
      const afterCreate = (op: string) => op === "getMonitors" && fake().count({ operation: "newMonitor" }) > 0;
      fake().inject({ kind: "lost" }, 1, "newMonitor").inject({ kind: "500" }, 4, afterCreate);
      await assert.rejects(p.create(inputs()), (err: unknown) => err instanceof ServiceError && err.ambiguous);
      const retried = await p.create(inputs());
      assert.deepEqual(
        fake()
          .storedMonitors()
          .map((m) => String(m.id)),
        [retried.id],
      );
      assert.equal(fake().count({ operation: "newMonitor" }), 1);
    });

    it("a reply slower than the timeout: never two monitors", async () => {
      fake().inject({ kind: "slow", delayMs: 500 }, 1, "newMonitor");
      const result = await p.create(inputs());
      await settle();
      assert.deepEqual(
        fake()
          .storedMonitors()
          .map((m) => String(m.id)),
        [result.id],
      );
    });

    it("a 500 on newMonitor (not applied): looks, finds nothing, creates once more", async () => {
      fake().inject({ kind: "500" }, 1, "newMonitor");
      await p.create(inputs());
      assert.deepEqual(ops(), ["getMonitors", "newMonitor(500)", "getMonitors", "newMonitor"]);
      assert.equal(fake().storedMonitors().length, 1);
    });

    it("a burst of plain-text 429s: completes, waiting as told", async () => {
      fake().inject({ kind: "429", retryAfterSeconds: 2 }, 3);
      await p.create(inputs());
      assert.deepEqual(waits, [2000, 2000, 2000]);
      assert.equal(fake().storedMonitors().length, 1);
    });
  });

  describe("read, diff, update, delete", () => {
    const created = async (over: Partial<MonitorState> = {}) => {
      const result = await p.create(inputs(over));
      fake().resetCalls();
      return result;
    };

    it("read returns the live declared fields with one call (monitors=ID), no status", async () => {
      const { id } = await created();
      const read = await p.read(id, inputs());
      assert.deepEqual(read, { id, props: inputs() });
      assert.deepEqual(ops(), ["getMonitors"]);
      assert.equal(new URLSearchParams(fake().calls[0].body).get("monitors"), id);
    });

    it("read reports a monitor deleted in the dashboard as gone", async () => {
      const { id } = await created();
      fake().dashboardDeleteMonitor(Number(id));
      assert.deepEqual(await p.read(id, inputs()), { id: undefined });
    });

    it("read + diff see a monitor edited in the dashboard as drift, and update puts it back", async () => {
      const { id } = await created();
      fake().dashboardEditMonitor(Number(id), { interval: 60, friendly_name: "renamed", status: 0 });
      const read = await p.read(id, inputs());
      assert.equal(read.props?.interval, 60);
      const diff = await p.diff(id, read.props!, inputs());
      assert.deepEqual(diff, { changes: true, replaces: [] });
      fake().resetCalls();
      await p.update(id, read.props!, inputs());
      assert.deepEqual(ops(), ["editMonitor"]);
      assert.deepEqual(Object.fromEntries(new URLSearchParams(fake().calls[0].body)), {
        api_key: fake().apiKey,
        format: "json",
        id,
        friendly_name: inputs().friendlyName,
        interval: "300",
      });
      assert.equal(fake().storedMonitors()[0].interval, 300);
    });

    it("diff makes no call; unchanged inputs are no change, leading zeros included", async () => {
      const olds = inputs({ alertContactIds: ["0457", "0458"] });
      assert.deepEqual(await p.diff("1", olds, inputs({ alertContactIds: ["458", "457"] })), {
        changes: false,
        replaces: [],
      });
      assert.deepEqual(await p.diff("1", olds, inputs({ alertContactIds: ["457"] })), { changes: true, replaces: [] });
      assert.deepEqual(await p.diff("1", inputs(), inputs({ type: 2, keywordType: 2, keywordValue: "ok" })), {
        changes: true,
        replaces: ["type"],
      });
      const slash = inputs({ url: `${inputs().url}/` });
      assert.deepEqual(
        await p.diff("1", slash, inputs()),
        { changes: false, replaces: [] },
        "URL normalized by the API",
      );
      assert.equal(fake().calls.length, 0);
    });

    it("update edits in place; a change of apiUrl alone writes nothing", async () => {
      const { id } = await created();
      await p.update(id, inputs(), inputs({ apiUrl: `${fake().apiUrl}/` }));
      assert.equal(fake().calls.length, 0);
      await p.update(id, inputs(), inputs({ url: "https://chef-chopsky-git-staging.vercel.app/login" }));
      assert.equal(fake().storedMonitors()[0].url, "https://chef-chopsky-git-staging.vercel.app/login");
    });

    it("update of a monitor deleted outside says to refresh", async () => {
      const { id } = await created();
      fake().dashboardDeleteMonitor(Number(id));
      await assert.rejects(p.update(id, inputs(), inputs({ interval: 600 })), /not_found.*run pulumi refresh/);
    });

    it("delete removes the monitor; a monitor already gone is deleted too", async () => {
      const { id } = await created();
      await p.delete(id, inputs());
      assert.deepEqual(fake().storedMonitors(), []);
      await p.delete(id, inputs());
      assert.deepEqual(ops(), ["deleteMonitor", "deleteMonitor"]);
    });

    it("a keyword monitor round-trips its keyword fields", async () => {
      const keyword = {
        type: 2,
        keywordType: 2,
        keywordValue: "ok",
        url: "https://chef-chopsky-staging.up.railway.app/health",
      };
      const { id } = await created(keyword);
      const read = await p.read(id, inputs(keyword));
      assert.deepEqual(read.props, inputs(keyword));
      assert.deepEqual(await p.diff(id, read.props!, inputs(keyword)), { changes: false, replaces: [] });
    });
  });
});
