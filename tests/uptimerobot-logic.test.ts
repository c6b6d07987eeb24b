// The UptimeRobot providers' decisions as plain functions: each validation message, what counts as a change, the
// fields sent and recorded, which existing object is adopted or in the way, and when a create is tried again.
import * as assert from "node:assert/strict";
import { unknownValue as UNKNOWN } from "@pulumi/pulumi/runtime/rpc";
import type { LiveAlertContact, LiveMonitor, UptimeRobotClient } from "../providers/uptimerobot/client";
import { UptimeRobotError } from "../providers/uptimerobot/errors";
import {
  adoptMonitor,
  changedMonitorFields,
  checkAlertContact,
  checkMonitor,
  monitorFields,
  monitorState,
  type MonitorState,
  sameUrl,
} from "../providers/uptimerobot/logic";
import {
  contactInTheWay,
  contactsInTheWay,
  createOrAdopt,
  monitorInTheWay,
  monitorsInTheWay,
  pickContact,
} from "../providers/uptimerobot/ownership";

const HTTP: MonitorState = { friendlyName: "F", url: "https://f.test", type: 1, interval: 300, alertContactIds: [] };
const KEYWORD: MonitorState = { ...HTTP, type: 2, keywordType: 1, keywordValue: "ok" };
const failuresOf = (over: Partial<MonitorState>, base = HTTP) =>
  checkMonitor({ ...base, ...over }).failures.map((f) => `${f.property}: ${f.reason}`);

describe("UptimeRobot logic: check", () => {
  it("a valid keyword monitor passes with its keyword; an HTTP one loses it; no contacts is an empty list", () => {
    assert.deepEqual(checkMonitor(KEYWORD), { inputs: KEYWORD, failures: [] });
    assert.deepEqual(checkMonitor({ ...KEYWORD, keywordType: 2 }).failures, []);
    const { alertContactIds: _, ...noContacts } = HTTP;
    assert.deepEqual(checkMonitor({ ...noContacts, keywordValue: "x" } as MonitorState).inputs, HTTP);
  });

  it("says what is wrong with each monitor field", () => {
    assert.deepEqual(failuresOf({ friendlyName: " " }), ["friendlyName: must be a non-empty string"]);
    assert.deepEqual(failuresOf({ friendlyName: 7 as unknown as string }), [
      "friendlyName: must be a non-empty string",
    ]);
    assert.deepEqual(failuresOf({ url: "ftp://f.test" }), ["url: must be an http(s) URL"]);
    assert.deepEqual(failuresOf({ apiUrl: "not a url" }), ["apiUrl: must be an http(s) URL"]);
    assert.deepEqual(failuresOf({ type: 3 }), ["type: must be 1 (HTTP) or 2 (keyword)"]);
    assert.deepEqual(failuresOf({ keywordType: 3 }, KEYWORD), [
      "keywordType: must be 1 (alert when the keyword exists) or 2 (alert when it does not)",
    ]);
    assert.deepEqual(failuresOf({ keywordType: undefined, keywordValue: "" }, KEYWORD), [
      "keywordType: is required for a keyword monitor",
      "keywordValue: is required for a keyword monitor",
    ]);
    assert.deepEqual(failuresOf({ keywordValue: undefined }, KEYWORD), [
      "keywordValue: is required for a keyword monitor",
    ]);
    for (const ids of [["12a"], ["a12"], "12"]) {
      assert.deepEqual(failuresOf({ alertContactIds: ids as string[] }), [
        "alertContactIds: must be a list of alert contact ids (digits)",
      ]);
    }
  });

  it("leaves values unknown during preview unjudged", () => {
    const unknown = UNKNOWN as unknown as string;
    assert.deepEqual(failuresOf({ keywordValue: unknown, keywordType: UNKNOWN as unknown as number }, KEYWORD), []);
    assert.deepEqual(failuresOf({ apiUrl: unknown, alertContactIds: unknown as unknown as string[] }), []);
  });

  it("says what is wrong with each alert-contact field", () => {
    const contact = { friendlyName: "A", type: 5, value: "https://hook.test/x" };
    const reasons = (over: object) =>
      checkAlertContact({ ...contact, ...over }).failures.map((f) => `${f.property}: ${f.reason}`);
    assert.deepEqual(reasons({}), []);
    assert.deepEqual(reasons({ friendlyName: " " }), ["friendlyName: must be a non-empty string"]);
    assert.deepEqual(reasons({ friendlyName: 3 }), ["friendlyName: must be a non-empty string"]);
    assert.deepEqual(reasons({ friendlyName: UNKNOWN }), []);
    assert.deepEqual(reasons({ type: 2 }), ["type: must be 5 (web-hook)"]);
    assert.deepEqual(reasons({ value: "hook" }), ["value: must be an http(s) URL"]);
    assert.deepEqual(reasons({ apiUrl: "api" }), ["apiUrl: must be an http(s) URL"]);
  });
});

describe("UptimeRobot logic: changes and fields", () => {
  it("sameUrl ignores host case and trailing slashes only", () => {
    assert.ok(sameUrl("https://F.test/x/", "https://f.test/x"));
    assert.ok(sameUrl("https://f.test/x//", "https://f.test/x"));
    assert.ok(sameUrl("not a url", "not a url"));
    assert.ok(!sameUrl("https://f.test/x", "https://f.test/y"));
    assert.ok(!sameUrl("abc", "ABC"), "text that is no URL is compared as it is");
  });

  it("compares contact ids as a set without leading zeros", () => {
    const changed = (a: string[], b: string[]) =>
      changedMonitorFields({ ...HTTP, alertContactIds: a }, { ...HTTP, alertContactIds: b });
    assert.deepEqual(changed(["2", "01"], ["1", "2"]), []);
    assert.deepEqual(changed(["007"], ["7"]), []);
    assert.deepEqual(changed(["1"], ["2"]), ["alertContactIds"]);
    assert.deepEqual(changed(["102"], ["12"]), ["alertContactIds"], "only leading zeros are dropped");
    assert.deepEqual(changed(["1", "23"], ["12", "3"]), ["alertContactIds"]);
    const { alertContactIds: _, ...older } = HTTP;
    assert.deepEqual(changedMonitorFields(older, HTTP), [], "state without contacts has none");
  });

  it("ignores keyword fields except on a keyword monitor", () => {
    const olds = { ...HTTP, keywordType: 1, keywordValue: "a" };
    assert.deepEqual(changedMonitorFields(olds, HTTP), []);
    assert.deepEqual(changedMonitorFields({ ...KEYWORD, keywordType: 2, keywordValue: "b" }, KEYWORD), [
      "keywordType",
      "keywordValue",
    ]);
  });

  it("sends keyword fields for keyword monitors only, and an empty contact list when none is declared", () => {
    const { alertContactIds: _, ...bare } = HTTP;
    assert.deepEqual(monitorFields({ ...bare, keywordType: 1, keywordValue: "x" } as MonitorState), {
      friendlyName: "F",
      url: "https://f.test",
      type: 1,
      interval: 300,
      alertContactIds: [],
    });
    assert.deepEqual(monitorFields(KEYWORD).keywordValue, "ok");
  });

  it("records a live monitor's declared fields, with an empty contact list when it has none", () => {
    const live = { id: 1, status: 2, friendlyName: "F", url: "https://f.test", type: 1 } as LiveMonitor;
    assert.deepEqual(monitorState(live, undefined), { ...HTTP, interval: 0 });
  });

  it("adopting a monitor edits only what differs, and returns the declared inputs", async () => {
    const edits: unknown[] = [];
    const client = { editMonitor: async (...args: unknown[]) => void edits.push(args) } as unknown as UptimeRobotClient;
    const live = { ...HTTP, id: 42, status: 2, interval: 600 } as LiveMonitor;
    const inputs = { ...HTTP, apiUrl: "https://api.test" };
    assert.deepEqual(await adoptMonitor(client, live, inputs), { id: "42", outs: inputs });
    assert.deepEqual(edits, [[42, { interval: 300 }]]);
  });
});

describe("UptimeRobot ownership: who is in the way, and when to try again", () => {
  const want = { friendlyName: "Mine", url: "https://f.test", type: 1 };
  const monitor = (id: number, over: Partial<LiveMonitor>) => ({ ...want, id, status: 2, ...over }) as LiveMonitor;
  const contact = (id: string, over: Partial<LiveAlertContact>) =>
    ({ id, friendlyName: "Mine", type: 5, status: 2, value: "https://hook.test/s", ...over }) as LiveAlertContact;

  it("a monitor is in the way only with the same URL and type under another name", () => {
    const found = [
      monitor(1, { friendlyName: "Other" }),
      monitor(2, {}),
      monitor(3, { friendlyName: "Other", url: "https://g.test" }),
      monitor(4, { friendlyName: "Other", type: 2 }),
      monitor(5, { friendlyName: "Other", url: "https://f.test/" }),
    ];
    assert.deepEqual(
      monitorsInTheWay(found, want).map((m) => m.id),
      [1, 5],
    );
  });

  it("a contact is adopted with every field equal, in the way with the same type and value under another name", () => {
    const wantContact = { friendlyName: "Mine", type: 5, value: "https://hook.test/s" };
    const found = [
      contact("1", { friendlyName: "Other" }),
      contact("2", { type: 4 }),
      contact("3", { value: "https://hook.test/t" }),
      contact("4", { friendlyName: "Other", type: 4 }),
      contact("5", { friendlyName: "Other", value: "https://hook.test/t" }),
      contact("6", {}),
    ];
    assert.equal(pickContact(found, wantContact)?.id, "6");
    assert.deepEqual(
      contactsInTheWay(found, wantContact).map((c) => c.id),
      ["1"],
    );
  });

  it("names every monitor in the way, or says none was found", () => {
    const cause = new Error("UptimeRobot newMonitor failed: already_exists");
    const none = monitorInTheWay(want, [], cause).message;
    assert.equal(
      none,
      'UptimeRobot newMonitor failed: already_exists: UptimeRobot refused a type 1 monitor of https://f.test named "Mine", ' +
        "and no monitor that this stack could adopt was found (same name, URL and type); look for a monitor of that " +
        "URL in the UptimeRobot dashboard",
    );
    const two = monitorInTheWay(want, [monitor(1, { friendlyName: "A" }), monitor(2, { friendlyName: "B" })], cause);
    assert.match(
      two.message,
      /^UptimeRobot monitor 1 \("A"\), 2 \("B"\) already watches https:\/\/f\.test with type 1/,
    );
    assert.match(two.message, /rename it to "Mine" in the UptimeRobot dashboard/);
    assert.match(two.message, /delete it in the dashboard \(or `deleteMonitor id=1`\), then run `pulumi up` again\.$/);
  });

  it("names every contact in the way by id and name, never its web-hook, or says none was found", () => {
    const cause = new Error("UptimeRobot newAlertContact failed: already_exists");
    const wantContact = { friendlyName: "Mine", type: 5, value: "https://hook.test/s" };
    assert.equal(
      contactInTheWay(wantContact, [], cause).message,
      'UptimeRobot newAlertContact failed: already_exists: UptimeRobot refused the alert contact "Mine", and no ' +
        "contact that this stack could adopt was found (same type, name and web-hook)",
    );
    const msg = contactInTheWay(wantContact, [contact("1", { friendlyName: "A" }), contact("2", {})], cause).message;
    assert.match(msg, /^UptimeRobot alert contact 1 \("A"\), 2 \("Mine"\) already has this stack's web-hook URL/);
    assert.match(msg, /\(already_exists\)\. It was not made by this stack, which asks for "Mine", so it is left alone/);
    assert.match(msg, /`pulumi import pulumi-nodejs:dynamic\/uptimerobot:AlertContact` does not work for dynamic/);
    assert.match(msg, /pulumi\/pulumi#16175\)\. Otherwise delete it in the dashboard, then run `pulumi up` again\.$/);
    assert.ok(!msg.includes("hook.test"));
  });

  /** A createOrAdopt whose create fails with each of `errors` in turn, and whose search finds nothing. */
  async function attempts(errors: Error[]): Promise<{ creates: number; finds: number; result: unknown }> {
    let creates = 0;
    let finds = 0;
    const result = await createOrAdopt<string, string>({
      find: async () => (finds++, []),
      pick: (found) => found[0],
      adopt: (mine) => mine,
      create: async () => {
        const err = errors[creates++];
        if (err) throw err;
        return "created";
      },
      inTheWay: () => new Error("in the way"),
    }).catch((e: unknown) => e);
    return { creates, finds, result };
  }
  const maybe = () => Object.assign(new Error("timed out"), { ambiguous: true });

  it("tries a create that may not have happened once more, then gives up", async () => {
    assert.deepEqual(await attempts([maybe()]), { creates: 2, finds: 2, result: "created" });
    const twice = await attempts([maybe(), maybe(), maybe()]);
    assert.deepEqual([twice.creates, twice.finds, (twice.result as Error).message], [2, 3, "timed out"]);
  });

  it("a plain failure is thrown at once, without another search; already_exists names who is in the way", async () => {
    const plain = await attempts([new Error("bad request")]);
    assert.deepEqual([plain.creates, plain.finds, (plain.result as Error).message], [1, 1, "bad request"]);
    const exists = await attempts([new UptimeRobotError("x", "newMonitor", "already_exists")]);
    assert.deepEqual([exists.creates, exists.finds, (exists.result as Error).message], [1, 2, "in the way"]);
  });
});
