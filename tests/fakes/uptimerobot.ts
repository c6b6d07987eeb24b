/**
 * A fake UptimeRobot API v2 that behaves as `../reference/API-FACTS.md` describes: `POST /v2/<method>` with a
 * form-encoded body, `stat` envelopes with HTTP 200 even on failure, `not_authorized` for a bad `api_key`,
 * `already_exists` for a second monitor with the same URL and type, `not_found`, pagination (`limit` at most 50),
 * numeric monitor ids, string alert-contact ids with leading zeros (while `newAlertContact` answers with an integer
 * id, the reading API-FACTS leaves open), and an empty list for unknown ids. Faults come from {@link FakeServer}.
 *
 * `deleteAlertContact` and `editAlertContact` are not in API-FACTS; they follow UptimeRobot's public v2 docs.
 */
import type { IncomingMessage } from "node:http";
import { API_KEY_ENV, setProviderRuntimeForTests } from "../../providers/uptimerobot/runtime";
import { FakeServer, type FakeReply, useFake } from "./server";

/** A monitor as the fake stores it (the API's own field names). */
export interface FakeMonitor {
  id: number;
  friendly_name: string;
  url: string;
  type: number;
  interval: number;
  status: number;
  keyword_type: number | null;
  keyword_value: string;
  http_method: number;
  create_datetime: number;
  alert_contacts: { id: string; threshold: number; recurrence: number }[];
}

/** An alert contact as the fake stores it. */
export interface FakeAlertContact {
  id: string;
  friendly_name: string;
  type: number;
  status: number;
  value: string;
}

type Params = URLSearchParams;

/** The API key the fake accepts unless told otherwise. */
export const FAKE_API_KEY = "u1234567-0a1b2c3d4e5f60718293a4b5";

class Fail extends Error {
  constructor(readonly error: Record<string, string>) {
    super(error.type);
  }
}

const fail = (type: string, message: string, extra: Record<string, string> = {}) =>
  new Fail({ type, message, ...extra });
const missing = (name: string) => fail("missing_parameter", `${name} parameter is missing.`, { parameter_name: name });
const invalid = (name: string, value: string) =>
  fail("invalid_parameter", `${name} parameter is wrong.`, { parameter_name: name, passed_value: value });
const sameId = (a: string, b: string) => a.replace(/^0+/, "") === b.replace(/^0+/, "");
const WRITES = /^(new|edit|delete)/;

/** The fake UptimeRobot API. Give clients `${fake.url}/v2` as their base URL. */
export class UptimeRobotFake extends FakeServer {
  private readonly monitors = new Map<number, FakeMonitor>();
  private readonly contacts: FakeAlertContact[] = [];
  private nextMonitorId = 777810874;
  private nextContactId = 457;

  constructor(readonly apiKey: string = FAKE_API_KEY) {
    super();
  }

  /** Base URL to give a client (the API's `/v2` prefix included). */
  get apiUrl(): string {
    return `${this.url}/v2`;
  }

  protected describe(req: IncomingMessage): { operation: string; write: boolean } {
    const operation = (req.url ?? "/").split("?")[0].split("/").pop() ?? "";
    return { operation, write: WRITES.test(operation) };
  }

  protected handle(req: IncomingMessage, body: string, operation: string): FakeReply {
    if (req.method !== "POST" || !(req.url ?? "").startsWith("/v2/") || !this.handlers[operation]) {
      return { status: 404, body: "<html><body>404 Not Found</body></html>", headers: { "content-type": "text/html" } };
    }
    const form = (req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded");
    const params = new URLSearchParams(form ? body : "");
    try {
      const key = params.get("api_key");
      if (!key) throw missing("api_key");
      // The real API echoes what it was given, so a client must keep error details out of its messages.
      if (key !== this.apiKey) throw fail("not_authorized", "api_key not found.", { passed_value: key });
      if (params.get("format") !== "json") {
        return { status: 200, body: '<?xml version="1.0"?><stat>fail</stat>', headers: { "content-type": "text/xml" } };
      }
      return ok(this.handlers[operation](params));
    } catch (err) {
      if (err instanceof Fail) return ok({ stat: "fail", error: err.error });
      throw err;
    }
  }

  private readonly handlers: Record<string, (p: Params) => Record<string, unknown>> = {
    getMonitors: (p) => {
      const ids = idList(p.get("monitors"));
      const types = idList(p.get("types"));
      const search = p.get("search")?.toLowerCase();
      const all = [...this.monitors.values()].filter(
        (m) =>
          (!ids || ids.includes(String(m.id))) &&
          (!types || types.includes(String(m.type))) &&
          (!search || m.url.toLowerCase().includes(search) || m.friendly_name.toLowerCase().includes(search)),
      );
      const { offset, limit } = page(p);
      const withContacts = p.get("alert_contacts") === "1";
      const monitors = all.slice(offset, offset + limit).map(({ alert_contacts, ...m }) => ({
        ...m,
        sub_type: "",
        port: "",
        ...(withContacts ? { alert_contacts } : {}),
      }));
      return { stat: "ok", pagination: { offset, limit, total: all.length }, monitors };
    },
    newMonitor: (p) => {
      const friendly_name = required(p, "friendly_name");
      const url = required(p, "url");
      const type = Number(required(p, "type"));
      if (![1, 2, 3, 4, 5].includes(type)) throw invalid("type", String(p.get("type")));
      if ([...this.monitors.values()].some((m) => m.url === url && m.type === type)) {
        throw fail("already_exists", "monitor already exists.");
      }
      const monitor: FakeMonitor = {
        id: this.nextMonitorId++,
        friendly_name,
        url,
        type,
        interval: 300,
        status: 1,
        keyword_type: null,
        keyword_value: "",
        http_method: 1,
        create_datetime: Math.floor(Date.now() / 1000),
        alert_contacts: [],
      };
      this.applyMonitorFields(monitor, p);
      if (type === 2 && (!monitor.keyword_type || !monitor.keyword_value)) {
        throw missing(monitor.keyword_type ? "keyword_value" : "keyword_type");
      }
      this.monitors.set(monitor.id, monitor);
      return { stat: "ok", monitor: { id: monitor.id, status: monitor.status } };
    },
    editMonitor: (p) => {
      const monitor = this.monitorOf(p);
      const copy = structuredClone(monitor);
      if (p.has("type") && Number(p.get("type")) !== monitor.type) throw invalid("type", String(p.get("type")));
      this.applyMonitorFields(copy, p);
      this.monitors.set(copy.id, copy); // all or nothing: only a valid edit is stored
      return { stat: "ok", monitor: { id: monitor.id } };
    },
    deleteMonitor: (p) => {
      const monitor = this.monitorOf(p);
      this.monitors.delete(monitor.id);
      return { stat: "ok", monitor: { id: monitor.id } };
    },
    getAlertContacts: (p) => {
      const ids = idList(p.get("alert_contacts"));
      const all = this.contacts.filter((c) => !ids || ids.some((id) => sameId(id, c.id)));
      const { offset, limit } = page(p);
      return { stat: "ok", offset, limit, total: all.length, alert_contacts: all.slice(offset, offset + limit) };
    },
    newAlertContact: (p) => {
      const type = Number(required(p, "type"));
      const value = required(p, "value");
      const friendly_name = required(p, "friendly_name");
      const id = `0${this.nextContactId++}`;
      this.contacts.push({ id, friendly_name, type, status: 2, value });
      return { stat: "ok", alertcontact: { id: Number(id), status: 0 } };
    },
    editAlertContact: (p) => {
      const contact = this.contactOf(p);
      if (p.has("friendly_name")) contact.friendly_name = p.get("friendly_name") ?? "";
      if (p.has("value")) contact.value = p.get("value") ?? "";
      return { stat: "ok", alert_contact: { id: contact.id } };
    },
    deleteAlertContact: (p) => {
      const contact = this.contactOf(p);
      this.contacts.splice(this.contacts.indexOf(contact), 1);
      return { stat: "ok", alert_contact: { id: contact.id } };
    },
  };

  private applyMonitorFields(m: FakeMonitor, p: Params): void {
    if (p.has("friendly_name")) m.friendly_name = required(p, "friendly_name");
    if (p.has("url")) m.url = required(p, "url");
    if (p.has("interval")) {
      const interval = Number(p.get("interval"));
      if (!Number.isInteger(interval) || interval < 30) throw invalid("interval", String(p.get("interval")));
      m.interval = interval;
    }
    if (p.has("keyword_type")) m.keyword_type = Number(p.get("keyword_type"));
    if (p.has("keyword_value")) m.keyword_value = p.get("keyword_value") ?? "";
    if (p.has("http_method")) m.http_method = Number(p.get("http_method"));
    if (p.has("status")) m.status = p.get("status") === "0" ? 0 : 1;
    if (p.has("alert_contacts")) m.alert_contacts = this.parseContacts(p.get("alert_contacts") ?? "");
    if ((m.type === 1 || m.type === 2) && !/^https?:\/\//.test(m.url)) throw invalid("url", m.url);
    const clash = [...this.monitors.values()].find((o) => o.id !== m.id && o.url === m.url && o.type === m.type);
    if (clash && this.monitors.has(m.id)) throw fail("already_exists", "monitor already exists.");
  }

  private parseContacts(raw: string): FakeMonitor["alert_contacts"] {
    if (raw === "") return [];
    return raw.split("-").map((entry) => {
      const [id, threshold = "0", recurrence = "0"] = entry.split("_");
      const contact = this.contacts.find((c) => sameId(c.id, id));
      if (!contact) throw invalid("alert_contacts", raw);
      return { id: contact.id, threshold: Number(threshold), recurrence: Number(recurrence) };
    });
  }

  private monitorOf(p: Params): FakeMonitor {
    const monitor = this.monitors.get(Number(required(p, "id")));
    if (!monitor) throw fail("not_found", "monitor not found.");
    return monitor;
  }

  private contactOf(p: Params): FakeAlertContact {
    const id = required(p, "id");
    const contact = this.contacts.find((c) => sameId(c.id, id));
    if (!contact) throw fail("not_found", "alert contact not found.");
    return contact;
  }

  // Test-only helpers: what someone does in the dashboard, and what the store holds. They are not API calls.

  /** The stored monitors, copied, in creation order. */
  storedMonitors(): FakeMonitor[] {
    return structuredClone([...this.monitors.values()]);
  }

  /** The stored alert contacts, copied. */
  storedAlertContacts(): FakeAlertContact[] {
    return structuredClone(this.contacts);
  }

  /** Edits a monitor as a person in the dashboard would. */
  dashboardEditMonitor(id: number, changes: Partial<Omit<FakeMonitor, "id">>): void {
    const monitor = this.monitors.get(id);
    if (!monitor) throw new Error(`no monitor ${id} in the fake`);
    Object.assign(monitor, structuredClone(changes));
  }

  /** Deletes a monitor as a person in the dashboard would. */
  dashboardDeleteMonitor(id: number): void {
    if (!this.monitors.delete(id)) throw new Error(`no monitor ${id} in the fake`);
  }

  /** Deletes an alert contact as a person in the dashboard would. */
  dashboardDeleteAlertContact(id: string): void {
    const i = this.contacts.findIndex((c) => c.id === id);
    if (i < 0) throw new Error(`no alert contact ${id} in the fake`);
    this.contacts.splice(i, 1);
  }

  /** Adds monitors directly (e.g. to fill several pages); returns their ids. */
  seedMonitors(monitors: Pick<FakeMonitor, "friendly_name" | "url" | "type">[]): number[] {
    return monitors.map((m) => {
      const params = new URLSearchParams({ ...m, type: String(m.type) });
      if (m.type === 2) {
        params.set("keyword_type", "2");
        params.set("keyword_value", "ok");
      }
      return (this.handlers.newMonitor(params).monitor as { id: number }).id;
    });
  }
}

function ok(payload: Record<string, unknown>): FakeReply {
  return { status: 200, body: JSON.stringify(payload) };
}

function required(p: Params, name: string): string {
  const value = p.get(name);
  if (value === null || value === "") throw missing(name);
  return value;
}

function idList(raw: string | null): string[] | undefined {
  return raw ? raw.split("-").filter((s) => s !== "") : undefined;
}

function page(p: Params): { offset: number; limit: number } {
  const offset = Number(p.get("offset") ?? "0");
  const limit = Number(p.get("limit") ?? "50");
  if (!Number.isInteger(offset) || offset < 0) throw invalid("offset", String(p.get("offset")));
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw invalid("limit", String(p.get("limit")));
  return { offset, limit };
}

/**
 * Mocha helper for provider tests: a started fake per test, its API key in `UPTIME_ROBOT_API_KEY`, and short client
 * timeouts with a `sleep` that records each wait instead of waiting. Restores the environment afterwards.
 */
export function useUptimeRobot(): { fake: () => UptimeRobotFake; waits: number[] } {
  const fake = useFake(() => new UptimeRobotFake());
  const waits: number[] = [];
  let saved: string | undefined;
  beforeEach(() => {
    waits.length = 0;
    saved = process.env[API_KEY_ENV];
    process.env[API_KEY_ENV] = FAKE_API_KEY;
    setProviderRuntimeForTests({
      timeoutMs: 300,
      maxRetries: 3,
      baseDelayMs: 5,
      sleep: async (ms) => void waits.push(ms),
    });
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[API_KEY_ENV];
    else process.env[API_KEY_ENV] = saved;
    setProviderRuntimeForTests();
  });
  return { fake, waits };
}
