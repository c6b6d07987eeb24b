/**
 * UptimeRobot API v2's enumerations, by name (docs/reference/API-FACTS.md, UptimeRobot, "Enumerations"), so that
 * no caller writes a bare number such as `type: 1`.
 */

/** A monitor's `type`. This project creates HTTP(S) monitors; the provider also accepts keyword monitors. */
export const MONITOR_TYPE = { http: 1, keyword: 2, ping: 3, port: 4, heartbeat: 5 } as const;

/** A monitor's `status` as `getMonitors` reports it (`editMonitor` sets 0 to pause and 1 to resume). */
export const MONITOR_STATUS = { paused: 0, notCheckedYet: 1, up: 2, seemsDown: 8, down: 9 } as const;

/** A keyword monitor's `keyword_type`: alert when the keyword exists, or when it does not. */
export const KEYWORD_TYPE = { exists: 1, notExists: 2 } as const;

/** An alert contact's `type`; this project uses only the web-hook. */
export const ALERT_CONTACT_TYPE = { webHook: 5 } as const;
