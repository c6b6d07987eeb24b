/**
 * The methods of the fake UptimeRobot API v2 (see `uptimerobot.ts`): what each `POST /v2/<method>` does to the
 * fake's store, the `stat: "fail"` errors they raise, and the parameter checks they share.
 */
import type { FakeReply } from "./server";
import { type FakeLog, logsOf } from "./uptimerobot-logs";

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

/** What the fake holds: monitors by id, alert contacts in creation order, and the next ids to hand out. */
export interface Store {
  monitors: Map<number, FakeMonitor>;
  contacts: FakeAlertContact[];
  nextMonitorId: number;
  nextContactId: number;
  /** What UptimeRobot logged per monitor id (`getMonitors` with `logs=1`). */
  logs?: Map<number, FakeLog[]>;
}

type Params = URLSearchParams;
/** One API method: its form parameters in, the JSON payload of a `stat: "ok"` reply out (or a thrown {@link Fail}). */
export type Method = (p: Params) => Record<string, unknown>;

/** A `stat: "fail"` reply, thrown by a method. */
export class Fail extends Error {
  constructor(readonly error: Record<string, string>) {
    super(error.type);
  }
}

export const fail = (type: string, message: string, extra: Record<string, string> = {}) =>
  new Fail({ type, message, ...extra });
export const missing = (name: string) =>
  fail("missing_parameter", `${name} parameter is missing.`, { parameter_name: name });
const invalid = (name: string, value: string) =>
  fail("invalid_parameter", `${name} parameter is wrong.`, { parameter_name: name, passed_value: value });
const sameId = (a: string, b: string) => a.replace(/^0+/, "") === b.replace(/^0+/, "");

/** The API methods the fake serves, by name, acting on `store`. */
export function methods(store: Store): Record<string, Method> {
  return {
    getMonitors: (p) => {
      const ids = idList(p.get("monitors"));
      const types = idList(p.get("types"));
      const search = p.get("search")?.toLowerCase();
      const all = [...store.monitors.values()].filter(
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
        ...(p.get("logs") === "1" ? { logs: logsOf(store.logs?.get(m.id), p) } : {}),
      }));
      return { stat: "ok", pagination: { offset, limit, total: all.length }, monitors };
    },
    newMonitor: (p) => {
      const friendly_name = required(p, "friendly_name");
      const url = required(p, "url");
      const type = Number(required(p, "type"));
      if (![1, 2, 3, 4, 5].includes(type)) throw invalid("type", String(p.get("type")));
      if ([...store.monitors.values()].some((m) => m.url === url && m.type === type)) {
        throw fail("already_exists", "monitor already exists.");
      }
      const monitor: FakeMonitor = {
        id: store.nextMonitorId++,
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
      applyMonitorFields(store, monitor, p);
      if (type === 2 && (!monitor.keyword_type || !monitor.keyword_value)) {
        throw missing(monitor.keyword_type ? "keyword_value" : "keyword_type");
      }
      store.monitors.set(monitor.id, monitor);
      return { stat: "ok", monitor: { id: monitor.id, status: monitor.status } };
    },
    editMonitor: (p) => {
      const monitor = monitorOf(store, p);
      const copy = structuredClone(monitor);
      if (p.has("type") && Number(p.get("type")) !== monitor.type) throw invalid("type", String(p.get("type")));
      applyMonitorFields(store, copy, p);
      store.monitors.set(copy.id, copy); // all or nothing: only a valid edit is stored
      return { stat: "ok", monitor: { id: monitor.id } };
    },
    deleteMonitor: (p) => {
      const monitor = monitorOf(store, p);
      store.monitors.delete(monitor.id);
      return { stat: "ok", monitor: { id: monitor.id } };
    },
    getAlertContacts: (p) => {
      const ids = idList(p.get("alert_contacts"));
      const all = store.contacts.filter((c) => !ids || ids.some((id) => sameId(id, c.id)));
      const { offset, limit } = page(p);
      return { stat: "ok", offset, limit, total: all.length, alert_contacts: all.slice(offset, offset + limit) };
    },
    newAlertContact: (p) => {
      const type = Number(required(p, "type"));
      const value = required(p, "value");
      const friendly_name = required(p, "friendly_name");
      const id = `0${store.nextContactId++}`;
      store.contacts.push({ id, friendly_name, type, status: 2, value });
      return { stat: "ok", alertcontact: { id: Number(id), status: 0 } };
    },
    editAlertContact: (p) => {
      const contact = contactOf(store, p);
      if (p.has("friendly_name")) contact.friendly_name = p.get("friendly_name") ?? "";
      if (p.has("value")) contact.value = p.get("value") ?? "";
      return { stat: "ok", alert_contact: { id: contact.id } };
    },
    deleteAlertContact: (p) => {
      const contact = contactOf(store, p);
      store.contacts.splice(store.contacts.indexOf(contact), 1);
      return { stat: "ok", alert_contact: { id: contact.id } };
    },
  };
}

function applyMonitorFields(store: Store, m: FakeMonitor, p: Params): void {
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
  if (p.has("alert_contacts")) m.alert_contacts = parseContacts(store, p.get("alert_contacts") ?? "");
  if ((m.type === 1 || m.type === 2) && !/^https?:\/\//.test(m.url)) throw invalid("url", m.url);
  const clash = [...store.monitors.values()].find((o) => o.id !== m.id && o.url === m.url && o.type === m.type);
  if (clash && store.monitors.has(m.id)) throw fail("already_exists", "monitor already exists.");
}

function parseContacts(store: Store, raw: string): FakeMonitor["alert_contacts"] {
  if (raw === "") return [];
  return raw.split("-").map((entry) => {
    const [id, threshold = "0", recurrence = "0"] = entry.split("_");
    const contact = store.contacts.find((c) => sameId(c.id, id));
    if (!contact) throw invalid("alert_contacts", raw);
    return { id: contact.id, threshold: Number(threshold), recurrence: Number(recurrence) };
  });
}

function monitorOf(store: Store, p: Params): FakeMonitor {
  const monitor = store.monitors.get(Number(required(p, "id")));
  if (!monitor) throw fail("not_found", "monitor not found.");
  return monitor;
}

function contactOf(store: Store, p: Params): FakeAlertContact {
  const id = required(p, "id");
  const contact = store.contacts.find((c) => sameId(c.id, id));
  if (!contact) throw fail("not_found", "alert contact not found.");
  return contact;
}

/** A reply carrying a `stat` envelope: HTTP 200 whether it says ok or fail. */
export function ok(payload: Record<string, unknown>): FakeReply {
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
