/**
 * What the UptimeRobot dynamic providers decide, as plain functions: input validation, which declared fields differ,
 * the state a resource records, and how an existing object is found and adopted. The provider objects call these;
 * nothing here reads a credential.
 */
import type { dynamic } from "@pulumi/pulumi";
import { isHttpUrl } from "../../lib/formats";
import { monitorIntervalSeconds } from "../../lib/schemas";
import { isUnknown } from "../kit";
import type { AlertContactFields, LiveAlertContact, LiveMonitor, MonitorFields, UptimeRobotClient } from "./client";
import { ALERT_CONTACT_TYPE, KEYWORD_TYPE, MONITOR_TYPE } from "./enums";

/** Inputs and recorded state of a monitor; only declared fields, so that a status change is not drift. */
export interface MonitorState extends MonitorFields {
  /** Base URL of the API, recorded by older state and by the engine suite (see kit.ts); never compared. */
  apiUrl?: string;
  interval: number;
  alertContactIds: string[];
}

/** Inputs and recorded state of a web-hook alert contact; `value` (the web-hook URL) is a secret. */
export interface AlertContactState extends AlertContactFields {
  apiUrl?: string;
}

/**
 * The fields of a monitor that `diff` compares; a change of `type` replaces (UptimeRobot cannot edit it). Not
 * `apiUrl`: where the API is says nothing about the monitor (kit.ts).
 */
export const MONITOR_FIELDS = [
  "friendlyName",
  "url",
  "type",
  "interval",
  "keywordType",
  "keywordValue",
  "alertContactIds",
] as const;

/** The fields of an alert contact that `diff` compares; `type` and `value` replace. */
export const CONTACT_FIELDS = ["friendlyName", "type", "value"] as const;

type Failure = dynamic.CheckFailure;

const known = (v: unknown) => !isUnknown(v) && v !== undefined;

/** Removes keys whose value is undefined (a property struct cannot carry them). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Validates a monitor's inputs; keyword fields are dropped from non-keyword monitors. */
export function checkMonitor(news: MonitorState): { inputs: MonitorState; failures: Failure[] } {
  const failures: Failure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  if (known(news.friendlyName) && (typeof news.friendlyName !== "string" || news.friendlyName.trim() === "")) {
    fail("friendlyName", "must be a non-empty string");
  }
  if (known(news.url) && !isHttpUrl(news.url)) fail("url", "must be an http(s) URL");
  if (known(news.apiUrl) && !isHttpUrl(news.apiUrl)) fail("apiUrl", "must be an http(s) URL");
  if (known(news.type) && news.type !== MONITOR_TYPE.http && news.type !== MONITOR_TYPE.keyword)
    fail("type", `must be ${MONITOR_TYPE.http} (HTTP) or ${MONITOR_TYPE.keyword} (keyword)`);
  const interval = news.interval as unknown;
  const intervalCheck = monitorIntervalSeconds().safeParse(interval);
  if (!isUnknown(interval) && !intervalCheck.success) fail("interval", intervalCheck.error.issues[0].message);
  if (news.type === MONITOR_TYPE.keyword) {
    const keywordTypes: unknown[] = [KEYWORD_TYPE.exists, KEYWORD_TYPE.notExists];
    if (known(news.keywordType) && !keywordTypes.includes(news.keywordType)) {
      fail("keywordType", "must be 1 (alert when the keyword exists) or 2 (alert when it does not)");
    }
    if (news.keywordType === undefined) fail("keywordType", "is required for a keyword monitor");
    if (known(news.keywordValue) ? news.keywordValue === "" : news.keywordValue === undefined) {
      fail("keywordValue", "is required for a keyword monitor");
    }
  }
  const ids = (news.alertContactIds as unknown) ?? [];
  if (!isUnknown(ids) && (!Array.isArray(ids) || ids.some((id) => !isUnknown(id) && !/^\d+$/.test(String(id))))) {
    fail("alertContactIds", "must be a list of alert contact ids (digits)");
  }
  const keyword = news.type === MONITOR_TYPE.http ? { keywordType: undefined, keywordValue: undefined } : {};
  return { inputs: compact({ ...news, alertContactIds: ids as string[], ...keyword }), failures };
}

/** Validates an alert contact's inputs; reasons never quote the (secret) value. */
export function checkAlertContact(news: AlertContactState): { inputs: AlertContactState; failures: Failure[] } {
  const failures: Failure[] = [];
  if (known(news.friendlyName) && (typeof news.friendlyName !== "string" || news.friendlyName.trim() === "")) {
    failures.push({ property: "friendlyName", reason: "must be a non-empty string" });
  }
  if (known(news.type) && news.type !== ALERT_CONTACT_TYPE.webHook)
    failures.push({ property: "type", reason: `must be ${ALERT_CONTACT_TYPE.webHook} (web-hook)` });
  if (known(news.value) && !isHttpUrl(news.value))
    failures.push({ property: "value", reason: "must be an http(s) URL" });
  if (known(news.apiUrl) && !isHttpUrl(news.apiUrl))
    failures.push({ property: "apiUrl", reason: "must be an http(s) URL" });
  return { inputs: compact(news), failures };
}

/**
 * A URL in a comparable form (host lower-cased, no trailing slash), so that a URL the API hands back normalized is
 * neither a perpetual drift nor a missed adoption.
 */
export function sameUrl(a: unknown, b: unknown): boolean {
  const norm = (u: unknown) => {
    const text = String(u);
    return URL.canParse(text) ? new URL(text).href.replace(/\/+$/, "") : text;
  };
  return norm(a) === norm(b);
}

const contactSet = (ids: unknown) =>
  (Array.isArray(ids) ? ids : [])
    .map((id) => String(id).replace(/^0+(?=\d)/, ""))
    .sort()
    .join(",");

/** The declared monitor fields whose values differ (alert contact ids compared as a set, leading zeros ignored). */
export function changedMonitorFields(olds: Partial<MonitorState>, news: MonitorState): string[] {
  return MONITOR_FIELDS.filter((field) => {
    if (field === "alertContactIds") return contactSet(olds.alertContactIds) !== contactSet(news.alertContactIds);
    if ((field === "keywordType" || field === "keywordValue") && news.type !== 2) return false;
    if (field === "url") return !sameUrl(olds.url, news.url);
    return olds[field] !== news[field];
  });
}

/** The declared alert-contact fields whose values differ. */
export function changedContactFields(olds: Partial<AlertContactState>, news: AlertContactState): string[] {
  return CONTACT_FIELDS.filter((field) => olds[field] !== news[field]);
}

/** The API fields of declared monitor inputs. */
export function monitorFields(inputs: MonitorState): MonitorFields {
  return compact({
    friendlyName: inputs.friendlyName,
    url: inputs.url,
    type: inputs.type,
    interval: inputs.interval,
    keywordType: inputs.type === 2 ? inputs.keywordType : undefined,
    keywordValue: inputs.type === 2 ? inputs.keywordValue : undefined,
    alertContactIds: inputs.alertContactIds ?? [],
  });
}

/** The state recorded for a live monitor: its declared fields only. */
export function monitorState(live: LiveMonitor, apiUrl: string | undefined): MonitorState {
  return compact({
    apiUrl,
    friendlyName: live.friendlyName,
    url: live.url,
    type: live.type,
    interval: live.interval ?? 0,
    keywordType: live.keywordType,
    keywordValue: live.keywordValue,
    alertContactIds: live.alertContactIds ?? [],
  });
}

/** The state recorded for a live alert contact. */
export function contactState(live: LiveAlertContact, apiUrl: string | undefined): AlertContactState {
  return compact({ apiUrl, friendlyName: live.friendlyName, type: live.type, value: live.value });
}

/** Adopts an existing monitor: edits it to the declared values if they differ (one call, or none). */
export async function adoptMonitor(
  client: UptimeRobotClient,
  live: LiveMonitor,
  inputs: MonitorState,
): Promise<{ id: string; outs: MonitorState }> {
  const changed = changedMonitorFields(monitorState(live, inputs.apiUrl), inputs);
  if (changed.length > 0) await client.editMonitor(live.id, editOf(inputs, changed));
  return { id: String(live.id), outs: compact({ ...inputs }) };
}

/** The editMonitor fields for a set of changed declared fields (`type` is never sent: it cannot change). */
export function editOf(inputs: MonitorState, changed: string[]): Partial<MonitorFields> {
  const all = monitorFields(inputs);
  const editable = MONITOR_FIELDS.filter((field) => field !== "type" && changed.includes(field));
  return Object.fromEntries(editable.map((field) => [field, all[field]]));
}
