/**
 * A fake UptimeRobot API v2 that behaves as `docs/reference/API-FACTS.md` describes: `POST /v2/<method>` with a
 * form-encoded body, `stat` envelopes with HTTP 200 even on failure, `not_authorized` for a bad `api_key`,
 * `already_exists` for a second monitor with the same URL and type, `not_found`, pagination (`limit` at most 50),
 * numeric monitor ids, string alert-contact ids with leading zeros (while `newAlertContact` answers with an integer
 * id, the reading docs/reference/API-FACTS.md leaves open), and an empty list for unknown ids. Faults come from {@link FakeServer}.
 *
 * `deleteAlertContact` and `editAlertContact` are not in docs/reference/API-FACTS.md; they follow UptimeRobot's public v2 docs.
 */
import type { IncomingMessage } from "node:http";
import { setProviderRuntimeForTests } from "../../providers/kit";
import type { AlertContactState, MonitorState } from "../../providers/uptimerobot/logic";
import { API_KEY_ENV } from "../../providers/uptimerobot/runtime";
import { FakeServer, type FakeReply, useFake } from "./server";
import type { FakeLog } from "./uptimerobot-logs";
import {
  Fail,
  type FakeAlertContact,
  type FakeMonitor,
  fail,
  methods,
  missing,
  ok,
  type Store,
} from "./uptimerobot-methods";

export type { FakeAlertContact, FakeMonitor } from "./uptimerobot-methods";
export type { FakeLog } from "./uptimerobot-logs";

/** The API key the fake accepts unless told otherwise. */
export const FAKE_API_KEY = "u1234567-0a1b2c3d4e5f60718293a4b5";

const WRITES = /^(new|edit|delete)/;

/** The fake UptimeRobot API. Give clients `${fake.url}/v2` as their base URL. */
export class UptimeRobotFake extends FakeServer {
  private readonly store: Store = { monitors: new Map(), contacts: [], nextMonitorId: 777810874, nextContactId: 457 };
  private readonly monitors = this.store.monitors;
  private readonly contacts = this.store.contacts;
  /** The API's methods by name, over this fake's store. */
  private readonly handlers = methods(this.store);

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

  /** Records an event in a monitor's log, as UptimeRobot does when the monitor goes down, up or is paused. */
  recordLog(id: number, log: FakeLog): void {
    if (!this.monitors.has(id)) throw new Error(`no monitor ${id} in the fake`);
    const logs = (this.store.logs ??= new Map());
    logs.set(id, [...(logs.get(id) ?? []), structuredClone(log)]);
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

/** The inputs of staging's alert contact (a web-hook posting to `webhook`) against a fake at `apiUrl`. */
export function stagingAlertContact(
  apiUrl: string,
  webhook: string,
  over: Partial<AlertContactState> = {},
): AlertContactState {
  return { apiUrl, friendlyName: "Chef Chopsky staging alerts", type: 5, value: webhook, ...over };
}

/** The inputs of staging's frontend monitor against a fake at `apiUrl`, with `over` changed. */
export function stagingMonitor(apiUrl: string, over: Partial<MonitorState> = {}): MonitorState {
  return {
    apiUrl,
    friendlyName: "Chef Chopsky staging frontend",
    url: "https://chef-chopsky-git-staging.vercel.app",
    type: 1,
    interval: 300,
    alertContactIds: [],
    ...over,
  };
}
