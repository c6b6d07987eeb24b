/**
 * A client for the UptimeRobot API v2 (`POST <base>/<method>`, form-encoded, `stat` envelopes), on the shared HTTP
 * path of `providers/http.ts` (timeouts, bounded retries honouring `Retry-After`/`X-RateLimit-Reset`).
 *
 * It holds no credentials: the API key is a constructor argument, read by the caller at call time (runtime.ts).
 */
import { type HttpClientOptions, parseJson, redact, send, serviceError, serviceHttp } from "../http";
import { isUptimeRobotError, UptimeRobotError } from "./errors";
import { MONITOR_TYPE } from "./enums";

/** The real API's base URL. */
export const DEFAULT_API_URL = "https://api.uptimerobot.com/v2";
/** The largest page `getMonitors` and `getAlertContacts` return. */
export const PAGE_SIZE = 50;
// A guard against a server whose `total` never stops growing; 200 pages is 10 000 monitors.
const MAX_PAGES = 200;
// Parameters whose value must never appear in an error message, even when UptimeRobot echoes it back.
const SECRET_PARAMETERS = ["api_key", "value", "custom_http_headers", "http_password"];

/** Options of a client: the key, where the API is, and the shared HTTP tuning (timeouts, retries, sleep). */
export interface UptimeRobotClientOptions extends Partial<Omit<HttpClientOptions, "service" | "baseUrl">> {
  /** The account's main API key. */
  apiKey: string;
  /** Base URL without a trailing slash. Default {@link DEFAULT_API_URL}. */
  apiUrl?: string;
}

/** A monitor as read from the API, normalized (numbers as numbers, absent keyword fields undefined). */
export interface LiveMonitor extends MonitorFields {
  id: number;
  /** 0 paused, 1 not checked yet, 2 up, 8 seems down, 9 down. */
  status: number;
  /** Its log, newest first, when asked for with `logsSince`. */
  logs?: MonitorLog[];
}

/** One entry of a monitor's log (`getMonitors` with `logs=1`). */
export interface MonitorLog {
  /** 1 down, 2 up, 98 started, 99 paused. */
  type: number;
  /** When it happened, Unix seconds. */
  datetime: number;
  /** How long the state lasted, seconds. */
  duration?: number;
  /** Why, e.g. `503 Service Unavailable` (UptimeRobot's `reason.code` and `reason.detail`). */
  reason?: string;
}

/** The writable fields of a monitor. */
export interface MonitorFields {
  friendlyName: string;
  url: string;
  /** 1 HTTP(S), 2 keyword, 3 ping, 4 port, 5 heartbeat. */
  type: number;
  /** Check interval in seconds. */
  interval?: number;
  /** 1 alert when the keyword exists, 2 alert when it does not. Keyword monitors only. */
  keywordType?: number;
  keywordValue?: string;
  /** Alert contacts notified at once and once only (threshold 0, recurrence 0). */
  alertContactIds?: string[];
}

/** The writable fields of an alert contact. */
export interface AlertContactFields {
  friendlyName: string;
  /** 5 = web-hook. */
  type: number;
  value: string;
}

/** An alert contact as read from the API; ids are strings and may have leading zeros. */
export interface LiveAlertContact extends AlertContactFields {
  id: string;
  status: number;
}

/** Whether two alert-contact ids name the same contact (`"0457"` and `457` do). */
export function sameContactId(a: string | number, b: string | number): boolean {
  return String(a).replace(/^0+(?=\d)/, "") === String(b).replace(/^0+(?=\d)/, "");
}

type Params = Record<string, string | number | undefined>;
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
};
const str = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

/** The UptimeRobot API v2 methods this project uses. */
export class UptimeRobotClient {
  private readonly http: HttpClientOptions;
  private readonly apiKey: string;

  constructor(options: UptimeRobotClientOptions) {
    const { apiKey, apiUrl, redact: extra = [], ...tuning } = options;
    this.apiKey = apiKey;
    this.http = serviceHttp("UptimeRobot", apiUrl ?? DEFAULT_API_URL, tuning, [apiKey, ...extra]);
  }

  /**
   * Monitors matching a filter, every page, each with its alert contacts; with `logsSince` (Unix seconds) also
   * their logs from then to now (`logs=1`, `logs_start_date`, `logs_end_date`: https://uptimerobot.com/api/). Logs
   * older than asked are dropped here too, whether or not the plan honours the dates.
   */
  async getMonitors(filter: { ids?: number[]; search?: string; logsSince?: number } = {}): Promise<LiveMonitor[]> {
    const since = filter.logsSince;
    const params: Params = { alert_contacts: 1, search: filter.search, monitors: filter.ids?.join("-") };
    if (since !== undefined) {
      Object.assign(params, { logs: 1, logs_start_date: since, logs_end_date: Math.floor(Date.now() / 1000) });
    }
    const monitors = (await this.pages("getMonitors", params, "monitors")).map(toMonitor);
    if (since !== undefined) for (const m of monitors) m.logs = (m.logs ?? []).filter((l) => l.datetime >= since);
    return monitors;
  }

  /** One monitor (one call), or undefined when it does not exist. */
  async getMonitor(id: number): Promise<LiveMonitor | undefined> {
    return (await this.getMonitors({ ids: [id] })).find((m) => m.id === id);
  }

  /** Creates a monitor; not repeated after an ambiguous failure (the caller looks before trying again). */
  async newMonitor(fields: MonitorFields): Promise<number> {
    const reply = await this.call("newMonitor", monitorParams(fields), false);
    const id = num(isObject(reply.monitor) ? reply.monitor.id : undefined);
    if (id === undefined) throw this.unexpected("newMonitor", "no monitor id in the reply");
    return id;
  }

  /** Changes the given fields of a monitor (`type` cannot change). */
  async editMonitor(id: number, fields: Partial<MonitorFields>): Promise<void> {
    await this.call("editMonitor", { id, ...monitorParams(fields) }, true);
  }

  /** Deletes a monitor; false when it was already gone. */
  async deleteMonitor(id: number): Promise<boolean> {
    return this.deleted(this.call("deleteMonitor", { id }, true));
  }

  /** Alert contacts, every page; with ids, only those. */
  async getAlertContacts(ids?: string[]): Promise<LiveAlertContact[]> {
    const params: Params = { alert_contacts: ids?.join("-") };
    return (await this.pages("getAlertContacts", params, "alert_contacts")).map(toContact);
  }

  /** One alert contact (one call), or undefined when it does not exist. */
  async getAlertContact(id: string): Promise<LiveAlertContact | undefined> {
    return (await this.getAlertContacts([id])).find((c) => sameContactId(c.id, id));
  }

  /** Creates an alert contact and returns its id as a string; not repeated after an ambiguous failure. */
  async newAlertContact(contact: AlertContactFields): Promise<string> {
    const params = { type: contact.type, value: contact.value, friendly_name: contact.friendlyName };
    const reply = await this.call("newAlertContact", params, false);
    const body = reply.alertcontact ?? reply.alert_contact;
    const id = isObject(body) ? body.id : undefined;
    if ((typeof id !== "string" || id === "") && typeof id !== "number") {
      throw this.unexpected("newAlertContact", "no alert contact id in the reply");
    }
    return String(id);
  }

  /** Renames an alert contact. */
  async editAlertContact(id: string, changes: { friendlyName: string }): Promise<void> {
    await this.call("editAlertContact", { id, friendly_name: changes.friendlyName }, true);
  }

  /** Deletes an alert contact; false when it was already gone. */
  async deleteAlertContact(id: string): Promise<boolean> {
    return this.deleted(this.call("deleteAlertContact", { id }, true));
  }

  private async deleted(call: Promise<Json>): Promise<boolean> {
    try {
      await call;
      return true;
    } catch (err) {
      if (isUptimeRobotError(err, "not_found")) return false;
      throw err;
    }
  }

  /** Every page of a list method: `limit` 50, `offset` advanced until `total` is reached. */
  private async pages(method: string, params: Params, key: string): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const reply = await this.call(method, { ...params, offset: items.length, limit: PAGE_SIZE }, true);
      const batch = Array.isArray(reply[key]) ? (reply[key] as unknown[]) : [];
      items.push(...batch);
      // getMonitors nests pagination; getAlertContacts has it at the top level. Accept either.
      const total = num((isObject(reply.pagination) ? reply.pagination : reply).total);
      if (batch.length === 0 || total === undefined || items.length >= total) return items;
    }
    throw this.unexpected(method, `more than ${MAX_PAGES} pages`);
  }

  /** One API call: the envelope is judged by its body, since UptimeRobot fails with HTTP 200. */
  private async call(method: string, params: Params, idempotent: boolean): Promise<Json> {
    const form = new URLSearchParams({ api_key: this.apiKey, format: "json" });
    for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, String(v));
    const reply = await send(this.http, {
      operation: method,
      method: "POST",
      path: `/${method}`,
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form.toString(),
      idempotent,
    });
    const body = parseJson(this.http, method, reply);
    if (isObject(body) && body.stat === "ok" && reply.status < 400) return body;
    if (isObject(body) && body.stat === "fail") {
      const error = isObject(body.error) ? body.error : {};
      const type = str(error.type) || "unknown_error";
      const param = str(error.parameter_name);
      const passed =
        param && !SECRET_PARAMETERS.includes(param) && "passed_value" in error
          ? ` = ${JSON.stringify(str(error.passed_value))}`
          : "";
      const detail = [str(error.message), param ? `(parameter ${param}${passed})` : ""].filter(Boolean).join(" ");
      const message = `UptimeRobot ${method} failed: ${type}${detail ? `: ${detail}` : ""}`;
      throw new UptimeRobotError(redact(message, this.http.redact), method, type, reply.status);
    }
    throw this.unexpected(method, `HTTP ${reply.status} without a stat envelope`);
  }

  private unexpected(method: string, what: string): Error {
    return serviceError(this.http, method, `unexpected reply: ${what}`);
  }
}

function monitorParams(f: Partial<MonitorFields>): Params {
  return {
    friendly_name: f.friendlyName,
    url: f.url,
    type: f.type,
    interval: f.interval,
    keyword_type: f.keywordType,
    keyword_value: f.keywordValue,
    // An empty value clears the list, which is what an empty declaration means.
    alert_contacts: f.alertContactIds?.map((id) => `${id}_0_0`).join("-"),
  };
}

function toMonitor(raw: unknown): LiveMonitor {
  const m = isObject(raw) ? raw : {};
  const type = num(m.type) ?? 0;
  const contacts = Array.isArray(m.alert_contacts) ? m.alert_contacts : [];
  return {
    id: num(m.id) ?? 0,
    friendlyName: str(m.friendly_name),
    url: str(m.url),
    type,
    status: num(m.status) ?? 0,
    interval: num(m.interval),
    // Keyword fields mean something only on keyword monitors; elsewhere the API returns null or "".
    keywordType: type === MONITOR_TYPE.keyword ? num(m.keyword_type) : undefined,
    keywordValue: type === MONITOR_TYPE.keyword ? str(m.keyword_value) || undefined : undefined,
    alertContactIds: contacts.map((c) => str(isObject(c) ? c.id : c)).filter((id) => id !== ""),
    ...(Array.isArray(m.logs) ? { logs: m.logs.map(toLog).filter((l): l is MonitorLog => l !== undefined) } : {}),
  };
}

function toLog(raw: unknown): MonitorLog | undefined {
  const l = isObject(raw) ? raw : {};
  const type = num(l.type);
  const datetime = num(l.datetime);
  if (type === undefined || datetime === undefined) return undefined;
  const reason = isObject(l.reason) ? [str(l.reason.code), str(l.reason.detail)].filter(Boolean).join(" ") : "";
  return { type, datetime, duration: num(l.duration), ...(reason ? { reason } : {}) };
}

function toContact(raw: unknown): LiveAlertContact {
  const c = isObject(raw) ? raw : {};
  return {
    id: str(c.id),
    friendlyName: str(c.friendly_name),
    type: num(c.type) ?? 0,
    status: num(c.status) ?? 0,
    value: str(c.value),
  };
}
