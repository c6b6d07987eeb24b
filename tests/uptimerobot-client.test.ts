// The UptimeRobot client against the fake API: envelopes, pagination, UptimeRobot's errors, and every fault.
import * as assert from "node:assert/strict";
import { ServiceError } from "../providers/http";
import { UptimeRobotClient, sameContactId } from "../providers/uptimerobot/client";
import { isUptimeRobotError } from "../providers/uptimerobot/errors";
import { useFake } from "./fakes/server";
import { FAKE_API_KEY, UptimeRobotFake } from "./fakes/uptimerobot";

const WEBHOOK = "https://hooks.example.test/services/T000/B000/secret-token-1234";

describe("UptimeRobot client", () => {
  const fake = useFake(() => new UptimeRobotFake());
  let waits: number[];
  const client = (overrides: Partial<ConstructorParameters<typeof UptimeRobotClient>[0]> = {}) =>
    new UptimeRobotClient({
      apiKey: FAKE_API_KEY,
      apiUrl: fake().apiUrl,
      timeoutMs: 300,
      maxRetries: 3,
      sleep: async (ms) => void waits.push(ms),
      ...overrides,
    });
  beforeEach(() => (waits = []));

  it("sends form-encoded bodies with api_key and format=json to POST /v2/<method>", async () => {
    await client().getMonitors();
    const [call] = fake().calls;
    assert.equal(call.method, "POST");
    assert.equal(call.path, "/v2/getMonitors");
    assert.match(String(call.headers["content-type"]), /^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(call.body);
    assert.equal(form.get("api_key"), FAKE_API_KEY);
    assert.equal(form.get("format"), "json");
    assert.equal(form.get("limit"), "50");
  });

  it("creates, reads, edits and deletes a keyword monitor, ids as numbers", async () => {
    const c = client();
    const contact = await c.newAlertContact({ type: 5, value: WEBHOOK, friendlyName: "alerts" });
    const id = await c.newMonitor({
      friendlyName: "agent",
      url: "https://agent.example.test/health",
      type: 2,
      interval: 300,
      keywordType: 2,
      keywordValue: "ok",
      alertContactIds: [contact],
    });
    assert.equal(typeof id, "number");
    const live = await c.getMonitor(id);
    assert.deepEqual(
      { ...live, status: undefined },
      {
        id,
        friendlyName: "agent",
        url: "https://agent.example.test/health",
        type: 2,
        status: undefined,
        interval: 300,
        keywordType: 2,
        keywordValue: "ok",
        alertContactIds: ["0457"],
      },
    );
    await c.editMonitor(id, { interval: 600, alertContactIds: [] });
    assert.deepEqual(fake().storedMonitors()[0].alert_contacts, []);
    assert.equal(fake().storedMonitors()[0].interval, 600);
    assert.equal(await c.deleteMonitor(id), true);
    assert.equal(await c.deleteMonitor(id), false, "not_found on delete means already gone");
    assert.equal(await c.getMonitor(id), undefined, "an unknown id is ok + an empty list");
  });

  it("accepts an integer id from newAlertContact, the same contact as the listed id with leading zeros", async () => {
    const id = await client().newAlertContact({ type: 5, value: WEBHOOK, friendlyName: "alerts" });
    assert.equal(id, "457");
    assert.equal(fake().storedAlertContacts()[0].id, "0457");
    assert.ok(sameContactId(id, "0457"));
    assert.equal((await client().getAlertContact(id))?.id, "0457");
    assert.equal(await client().getAlertContact("999"), undefined);
  });

  it("reads every page of getMonitors and getAlertContacts (50 a page)", async () => {
    const seeded = Array.from({ length: 120 }, (_, i) => ({
      friendly_name: `m${i}`,
      url: `https://e.test/${i}`,
      type: 1,
    }));
    fake().seedMonitors(seeded);
    const c = client();
    for (let i = 0; i < 51; i++) await c.newAlertContact({ type: 5, value: `${WEBHOOK}/${i}`, friendlyName: `c${i}` });
    fake().resetCalls();
    assert.equal((await c.getMonitors()).length, 120);
    assert.equal(fake().count({ operation: "getMonitors" }), 3);
    assert.deepEqual(
      fake().calls.map((call) => new URLSearchParams(call.body).get("offset")),
      ["0", "50", "100"],
    );
    assert.equal((await c.getAlertContacts()).length, 51);
    assert.equal(fake().count({ operation: "getAlertContacts" }), 2);
    assert.equal((await c.getMonitors({ search: "e.test/11" })).length, 11, "search matches the URL");
  });

  it("reports stat:fail (HTTP 200) with the method, UptimeRobot's error type and message", async () => {
    const err = await client()
      .newMonitor({ friendlyName: "x", url: "https://e.test/", type: 1, interval: 10 })
      .catch((e: unknown) => e);
    assert.ok(isUptimeRobotError(err, "invalid_parameter"));
    assert.equal(
      err.message,
      'UptimeRobot newMonitor failed: invalid_parameter: interval parameter is wrong. (parameter interval = "10")',
    );
    assert.deepEqual(fake().storedMonitors(), []);
  });

  it("a bad API key gives not_authorized, never shows the key, and changes nothing", async () => {
    const badKey = "u9999999-bad0bad0bad0bad0bad0bad0";
    await client().newMonitor({ friendlyName: "a", url: "https://e.test/a", type: 1 });
    const before = fake().storedMonitors();
    const err = await client({ apiKey: badKey })
      .newMonitor({ friendlyName: "b", url: "https://e.test/b", type: 1 })
      .catch((e: unknown) => e);
    assert.ok(isUptimeRobotError(err, "not_authorized") && err instanceof Error);
    assert.match(err.message, /^UptimeRobot newMonitor failed: not_authorized: api_key not found\.$/);
    assert.ok(!err.message.includes(badKey) && !String(err.stack).includes(badKey));
    assert.deepEqual(fake().storedMonitors(), before);
  });

  it("already_exists for the same URL and type", async () => {
    const fields = { friendlyName: "a", url: "https://e.test/a", type: 1 };
    await client().newMonitor(fields);
    const err = await client()
      .newMonitor({ ...fields, friendlyName: "b" })
      .catch((e: unknown) => e);
    assert.ok(isUptimeRobotError(err, "already_exists"));
    assert.match(err.message, /already_exists: monitor already exists\./);
  });

  it("waits as Retry-After says through a burst of plain-text 429s, within the bounded retries", async () => {
    fake().inject({ kind: "429", retryAfterSeconds: 6 }, 3);
    assert.deepEqual(await client().getMonitors(), []);
    assert.deepEqual(waits, [6000, 6000, 6000]);
    assert.equal(fake().count({ operation: "getMonitors" }), 4);
  });

  it("honours X-RateLimit-Reset (epoch seconds) when there is no Retry-After", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 5);
    fake().inject({ kind: "429", headers: { "retry-after": "", "x-ratelimit-reset": reset } }, 1);
    await client().getAlertContacts();
    assert.equal(waits.length, 1);
    assert.ok(waits[0] > 3000 && waits[0] <= 5000, `waited ${waits[0]} ms`);
  });

  it("retries a 429 on a write too (nothing was applied), with a real short wait", async () => {
    fake().inject({ kind: "429", retryAfterSeconds: 0 }, 2, "newMonitor");
    const started = Date.now();
    await client({ sleep: undefined }).newMonitor({ friendlyName: "a", url: "https://e.test/a", type: 1 });
    assert.ok(Date.now() - started < 1000);
    assert.equal(fake().storedMonitors().length, 1);
    assert.equal(fake().count({ operation: "newMonitor" }), 3);
  });

  it("gives up after the bounded retries with an error naming the method, not the key", async () => {
    fake().inject({ kind: "429", retryAfterSeconds: 1 }, 10);
    const err = await client()
      .getMonitors()
      .catch((e: unknown) => e);
    assert.ok(err instanceof ServiceError);
    assert.match(
      err.message,
      /^UptimeRobot getMonitors failed: rate limited \(HTTP 429: 429 Too Many Requests.*after 4 attempts$/,
    );
    assert.ok(!err.message.includes(FAKE_API_KEY));
    assert.equal(fake().count(), 4);
  });

  it("retries a read after a 500 and a slow reply, but not a write after a 500", async () => {
    fake().inject({ kind: "500" }, 1, "getMonitors").inject({ kind: "slow", delayMs: 600 }, 1, "getMonitors");
    assert.deepEqual(await client().getMonitors(), []);
    assert.equal(fake().count({ operation: "getMonitors" }), 3);
    fake().inject({ kind: "500" }, 1, "newMonitor");
    const err = await client()
      .newMonitor({ friendlyName: "a", url: "https://e.test/a", type: 1 })
      .catch((e: unknown) => e);
    assert.ok(err instanceof ServiceError && err.ambiguous);
    assert.equal(fake().count({ operation: "newMonitor" }), 1);
  });

  it("a lost reply to a write is ambiguous and not repeated (the write was applied)", async () => {
    fake().inject({ kind: "lost" }, 1, "newMonitor");
    const err = await client()
      .newMonitor({ friendlyName: "a", url: "https://e.test/a", type: 1 })
      .catch((e: unknown) => e);
    assert.ok(err instanceof ServiceError && err.ambiguous, String(err));
    assert.match(err.message, /^UptimeRobot newMonitor failed: .*may or may not have been applied/);
    assert.equal(fake().storedMonitors().length, 1);
    assert.equal(fake().count({ operation: "newMonitor" }), 1);
  });

  it("redacts extra secrets (a web-hook URL) from error messages", async () => {
    fake().inject({ kind: "500", body: `error near ${WEBHOOK}` }, 1, "newAlertContact");
    const err = await client({ redact: [WEBHOOK] })
      .newAlertContact({ type: 5, value: WEBHOOK, friendlyName: "alerts" })
      .catch((e: unknown) => e);
    assert.ok(err instanceof ServiceError);
    assert.ok(!err.message.includes(WEBHOOK) && err.message.includes("[redacted]"), err.message);
  });

  it("redacts the API key when a server error page echoes the request", async () => {
    fake().inject({ kind: "500", body: `<pre>POST /v2/getMonitors api_key=${FAKE_API_KEY}&format=json</pre>` }, 4);
    const err = await client()
      .getMonitors()
      .catch((e: unknown) => e);
    assert.ok(err instanceof ServiceError);
    assert.ok(!err.message.includes(FAKE_API_KEY) && err.message.includes("api_key=[redacted]"), err.message);
  });

  it("fails clearly on a body that is not JSON", async () => {
    const err = await client({ apiUrl: fake().url })
      .getMonitors()
      .catch((e: unknown) => e);
    assert.ok(err instanceof ServiceError);
    assert.match(err.message, /^UptimeRobot getMonitors failed: HTTP 404 with a body that is not JSON/);
  });
});
