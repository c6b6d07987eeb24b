/**
 * The monitor logs of the fake UptimeRobot API v2: what `getMonitors` returns with `logs=1`. The parameters are
 * UptimeRobot's (https://uptimerobot.com/api/, getMonitors): `logs_start_date` and `logs_end_date` (Unix seconds),
 * `log_types` (`1-2-98-99`), `logs_limit`. Each log is `{type, datetime, duration, reason: {code, detail}}`, newest
 * first, with the types 1 down, 2 up, 98 started, 99 paused (as in gbl08ma/uptimerobot-api, log.go).
 */
import { fail } from "./uptimerobot-methods";

/** One entry of a monitor's log, in the API's field names. */
export interface FakeLog {
  /** 1 down, 2 up, 98 started, 99 paused. */
  type: 1 | 2 | 98 | 99;
  /** When it happened, Unix seconds. */
  datetime: number;
  /** How long the state lasted, seconds. */
  duration: number;
  reason?: { code: string; detail: string };
}

function unixParam(p: URLSearchParams, name: string): number | undefined {
  const raw = p.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^\d+$/.test(raw))
    throw fail("invalid_parameter", `${name} parameter is wrong.`, { parameter_name: name, passed_value: raw });
  return Number(raw);
}

/**
 * The logs a `getMonitors` call returns for one monitor, newest first.
 * @param logs - everything the fake recorded for the monitor.
 * @param p - the call's parameters.
 */
export function logsOf(logs: readonly FakeLog[] | undefined, p: URLSearchParams): FakeLog[] {
  const start = unixParam(p, "logs_start_date");
  const end = unixParam(p, "logs_end_date");
  const types = p.get("log_types")?.split("-").filter(Boolean).map(Number);
  const limit = unixParam(p, "logs_limit");
  const out = [...(logs ?? [])]
    .filter((l) => (start === undefined || l.datetime >= start) && (end === undefined || l.datetime <= end))
    .filter((l) => types === undefined || types.includes(l.type))
    .sort((a, b) => b.datetime - a.datetime);
  return structuredClone(limit === undefined ? out : out.slice(0, limit));
}
