// The UptimeRobot client on the replies the API really gives besides the tidy ones: numbers as strings, nulls,
// keyword fields on HTTP monitors, odd log entries, envelopes without a type, pagination that stops early, and
// which calls are retried. Each case is a bug a reader of the client could introduce without another test failing.
import * as assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { UptimeRobotClient, sameContactId } from "../providers/uptimerobot/client";
import { isAmbiguous, isUptimeRobotError } from "../providers/uptimerobot/errors";
import { useFake, type FakeReply } from "./fakes/server";
import { FAKE_API_KEY, UptimeRobotFake } from "./fakes/uptimerobot";
import { ok } from "./fakes/uptimerobot-methods";

/** The fake API, except that a test may answer one operation itself (with the request's form). */
class CannedFake extends UptimeRobotFake {
  readonly canned = new Map<string, (form: URLSearchParams) => FakeReply>();
  protected handle(req: IncomingMessage, body: string, operation: string): FakeReply {
    const answer = this.canned.get(operation);
    return answer ? answer(new URLSearchParams(body)) : super.handle(req, body, operation);
  }
}

describe("UptimeRobot client: odd replies", () => {
  const fake = useFake(() => new CannedFake());
  const client = () =>
    new UptimeRobotClient({
      apiKey: FAKE_API_KEY,
      apiUrl: fake().apiUrl,
      timeoutMs: 300,
      maxRetries: 2,
      sleep: async () => undefined,
    });
  const answer = (operation: string, payload: Record<string, unknown> | ((f: URLSearchParams) => FakeReply)) =>
    fake().canned.set(operation, typeof payload === "function" ? payload : () => ok(payload));
  const form = (operation: string) => new URLSearchParams(fake().calls.find((c) => c.operation === operation)?.body);
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => assert.fail("expected a rejection"),
      (e: unknown) => e as Error,
    );

  it("compares alert-contact ids without leading zeros, and only leading ones", () => {
    assert.ok(sameContactId("0457", 457));
    assert.ok(sameContactId("00457", "457"));
    assert.ok(sameContactId("0", "000"));
    assert.ok(!sameContactId("4507", "457"), "a zero inside the id counts");
    assert.ok(!sameContactId("457", "4507"), "on either side");
    assert.ok(!sameContactId("457", "458"));
  });

  it("reads numbers sent as strings, nulls and junk as absent, keyword fields on keyword monitors only", async () => {
    answer("getMonitors", {
      stat: "ok",
      pagination: { total: 4 },
      monitors: [
        { id: "101", friendly_name: 7, url: "https://a.test", type: "2", status: "2", interval: "300" },
        { id: 102, friendly_name: null, url: "https://b.test", type: 1, status: null, interval: null },
        { id: 103, type: 1, interval: " ", keyword_type: 1, keyword_value: "up", alert_contacts: [{ id: "" }, null] },
        null,
      ],
    });
    const [a, b, c, d] = await client().getMonitors();
    assert.deepEqual(
      [a.id, a.friendlyName, a.type, a.status, a.interval],
      [101, "7", 2, 2, 300],
      "strings are numbers, numbers are strings where the field is text",
    );
    assert.deepEqual(
      [b.friendlyName, b.status, b.interval, b.alertContactIds],
      ["", 0, undefined, []],
      "null is absent, not 0 or 'null'; no contacts is none",
    );
    assert.deepEqual(
      [c.interval, c.keywordType, c.keywordValue, c.alertContactIds],
      [undefined, undefined, undefined, []],
      "a blank interval is absent; an HTTP monitor has no keyword; empty contact ids are dropped",
    );
    assert.deepEqual([d.id, d.url, d.type], [0, "", 0], "a null entry is an empty monitor, not a crash");
  });

  it("a non-numeric interval is absent, not NaN; a keyword monitor keeps its keyword", async () => {
    answer("getMonitors", {
      stat: "ok",
      pagination: { total: 1 },
      monitors: [
        { id: 9, type: 2, interval: "soon", keyword_type: "2", keyword_value: "Chef", alert_contacts: ["0457", 58] },
      ],
    });
    const [m] = await client().getMonitors();
    assert.equal(m.interval, undefined);
    assert.deepEqual([m.keywordType, m.keywordValue, m.alertContactIds], [2, "Chef", ["0457", "58"]]);
  });

  it("keeps log entries from the asked date on, drops malformed ones, joins a reason's parts", async () => {
    answer("getMonitors", {
      stat: "ok",
      pagination: { total: 1 },
      monitors: [
        {
          id: 5,
          type: 1,
          logs: [
            { type: 1, datetime: 2000, duration: "60", reason: { code: "503", detail: "" } },
            { type: 2, datetime: 1000, reason: { code: "200", detail: "OK" } },
            { type: 1, datetime: 999, reason: "text" },
            { datetime: 1500 },
            { type: 98 },
            "junk",
          ],
        },
      ],
    });
    const [all] = await client().getMonitors();
    assert.deepEqual(
      all.logs?.map((l) => l.datetime),
      [2000, 1000, 999],
      "without a date every well-formed entry stays",
    );
    const [m] = await client().getMonitors({ logsSince: 1000 });
    assert.deepEqual(m.logs, [
      { type: 1, datetime: 2000, duration: 60, reason: "503" },
      { type: 2, datetime: 1000, duration: undefined, reason: "200 OK" },
    ]);
    assert.ok(!("reason" in (all.logs?.[2] ?? {})), "a reason that is not an object is none");
    assert.equal(new URLSearchParams(fake().calls.at(-1)?.body).get("logs_start_date"), "1000");
  });

  it("getMonitor picks the one asked for even when the reply holds others", async () => {
    answer("getMonitors", { stat: "ok", pagination: { total: 2 }, monitors: [{ id: 1 }, { id: 2, url: "u2" }] });
    assert.equal((await client().getMonitor(2))?.url, "u2");
    assert.equal(form("getMonitors").get("monitors"), "2");
  });

  it("stops paging on an empty page or a reply without a total, and gives up after 200 pages", async () => {
    answer("getMonitors", { stat: "ok", pagination: { total: 500 }, monitors: [] });
    assert.deepEqual(await client().getMonitors(), []);
    answer("getMonitors", { stat: "ok", pagination: { total: 500 } });
    assert.deepEqual(await client().getMonitors(), [], "a page without its list is an empty page");
    answer("getAlertContacts", { stat: "ok", alert_contacts: [{ id: "1", status: "2", type: "5" }] });
    const [contact] = await client().getAlertContacts(["1", "2"]);
    assert.deepEqual([contact.status, contact.type], [2, 5]);
    assert.equal(form("getAlertContacts").get("alert_contacts"), "1-2");
    assert.equal(fake().calls.length, 3, "one call each");

    fake().resetCalls();
    answer("getMonitors", { stat: "ok", pagination: { total: 1e9 }, monitors: [{ id: 1 }] });
    const err = await failure(client().getMonitors());
    assert.equal(err.message, "UptimeRobot getMonitors failed: unexpected reply: more than 200 pages");
    assert.equal(fake().calls.length, 200);
  });

  it("getAlertContact asks for that one id", async () => {
    const id = await client().newAlertContact({ type: 5, value: "https://hook.test/x", friendlyName: "a" });
    assert.equal((await client().getAlertContact(id))?.friendlyName, "a");
    assert.equal(form("getAlertContacts").get("alert_contacts"), id);
  });

  it("a create whose reply has no id fails plainly (not as a maybe-applied write)", async () => {
    answer("newMonitor", { stat: "ok", monitor: { status: 1 } });
    const m = await failure(client().newMonitor({ friendlyName: "x", url: "https://x.test", type: 1 }));
    assert.equal(m.message, "UptimeRobot newMonitor failed: unexpected reply: no monitor id in the reply");
    assert.ok(!isAmbiguous(m) && !isUptimeRobotError(m));
    assert.deepEqual(
      [(m as { service?: string }).service, (m as { operation?: string }).operation],
      ["UptimeRobot", "newMonitor"],
    );
    for (const body of [{ stat: "ok" }, { stat: "ok", alertcontact: { id: "" } }, { stat: "ok", alertcontact: {} }]) {
      answer("newAlertContact", body);
      const c = await failure(client().newAlertContact({ type: 5, value: "https://h.test", friendlyName: "a" }));
      assert.equal(c.message, "UptimeRobot newAlertContact failed: unexpected reply: no alert contact id in the reply");
    }
    answer("newAlertContact", { stat: "ok", alert_contact: { id: 458 } });
    assert.equal(await client().newAlertContact({ type: 5, value: "https://h.test", friendlyName: "a" }), "458");
    answer("newAlertContact", { stat: "ok", alertcontact: { id: "0459" } });
    assert.equal(await client().newAlertContact({ type: 5, value: "https://h.test", friendlyName: "a" }), "0459");
  });

  it("judges the envelope: stat ok only below HTTP 400, a stat that is neither ok nor fail is unexpected", async () => {
    answer("getAlertContacts", () => ({ status: 400, body: JSON.stringify({ stat: "ok", alert_contacts: [] }) }));
    const bad = await failure(client().getAlertContacts());
    assert.equal(
      bad.message,
      "UptimeRobot getAlertContacts failed: unexpected reply: HTTP 400 without a stat envelope",
    );
    answer("getAlertContacts", { stat: "maybe" });
    const odd = await failure(client().getAlertContacts());
    assert.equal(
      odd.message,
      "UptimeRobot getAlertContacts failed: unexpected reply: HTTP 200 without a stat envelope",
    );
  });

  it("spells a failure: unknown_error without a type, the parameter, its value only when not secret", async () => {
    const fails = [
      [{}, "UptimeRobot getAlertContacts failed: unknown_error"],
      [{ type: "invalid_parameter", parameter_name: "interval" }, "failed: invalid_parameter: (parameter interval)"],
      [
        { type: "t", message: "m", parameter_name: "value", passed_value: "hook-secret" },
        "failed: t: m (parameter value)",
      ],
      [{ type: "t", parameter_name: "", passed_value: "p" }, "failed: t"],
      [{ type: "t", message: "m", parameter_name: "limit", passed_value: 9 }, 'failed: t: m (parameter limit = "9")'],
    ] as const;
    for (const [error, expected] of fails) {
      answer("getAlertContacts", { stat: "fail", error });
      const err = await failure(client().getAlertContacts());
      assert.ok(err.message.endsWith(expected), `${err.message} ends with ${expected}`);
      assert.ok(isUptimeRobotError(err, "type" in error ? error.type : "unknown_error"));
      assert.deepEqual(
        [err.name, err.operation, err.status, err.ambiguous],
        ["UptimeRobotError", "getAlertContacts", 200, false],
      );
    }
  });

  it("sends the monitor's contacts as id_0_0 joined by '-', and asks for JSON", async () => {
    const c = client();
    const ids = [
      await c.newAlertContact({ type: 5, value: "https://h.test/1", friendlyName: "a" }),
      await c.newAlertContact({ type: 5, value: "https://h.test/2", friendlyName: "b" }),
    ];
    await c.newMonitor({ friendlyName: "x", url: "https://x.test", type: 1, alertContactIds: ids });
    assert.equal(form("newMonitor").get("alert_contacts"), `${ids[0]}_0_0-${ids[1]}_0_0`);
    assert.equal(fake().calls[0].headers.accept, "application/json");
  });

  it("retries edits and deletes after a 500 (idempotent), never a create", async () => {
    const c = client();
    const id = await c.newMonitor({ friendlyName: "x", url: "https://x.test", type: 1 });
    const contact = await c.newAlertContact({ type: 5, value: "https://h.test/1", friendlyName: "a" });
    for (const [operation, run] of [
      ["editMonitor", () => c.editMonitor(id, { interval: 600 })],
      ["editAlertContact", () => c.editAlertContact(contact, { friendlyName: "b" })],
      ["deleteMonitor", () => c.deleteMonitor(id)],
      ["deleteAlertContact", () => c.deleteAlertContact(contact)],
    ] as const) {
      fake().inject({ kind: "500" }, 1, operation);
      await run();
      assert.equal(fake().count({ operation }), 2, operation);
    }
    fake().inject({ kind: "500" }, 1, "newMonitor");
    await failure(c.newMonitor({ friendlyName: "y", url: "https://y.test", type: 1 }));
    assert.equal(fake().count({ operation: "newMonitor" }), 2, "the first create, and the failed one once");
  });
});

describe("UptimeRobot errors", () => {
  it("an UptimeRobotError is named so, and recognised only when it is one", () => {
    const err = Object.assign(new Error("m"), { service: "UptimeRobot", errorType: "not_found" });
    assert.ok(isUptimeRobotError(err), "any type when none is asked");
    assert.ok(isUptimeRobotError(err, "not_found"));
    assert.ok(!isUptimeRobotError({ service: "UptimeRobot", errorType: "not_found" }, "not_found"), "not an Error");
    assert.ok(!isUptimeRobotError(Object.assign(new Error("m"), { errorType: "not_found" }), "not_found"));
    assert.ok(!isUptimeRobotError(Object.assign(new Error("m"), { service: "UptimeRobot" })), "no type");
    assert.ok(!isUptimeRobotError(Object.assign(new Error("m"), { service: "UptimeRobot", errorType: 1 })));
  });

  it("isAmbiguous is true only for a flag that is exactly true", () => {
    assert.ok(isAmbiguous({ ambiguous: true }));
    for (const v of [null, undefined, "ambiguous", { ambiguous: "true" }, { ambiguous: 1 }, {}]) {
      assert.ok(!isAmbiguous(v), JSON.stringify(v));
    }
  });
});
