/**
 * What the engine suite's files share: the fakes, the stack, the measurements, and the checks of "the fakes hold
 * exactly what the stack declares", used after the first up and again after the drift is repaired.
 */
import * as assert from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import type { Metrics, OpRecord } from "./ops";
import { declared, type Fakes, SUPABASE_REF } from "./program";
import type { FakeMonitor } from "../fakes/uptimerobot";

/** A variable set by hand in Railway before the first up: no stack operation may touch it. */
export const HAND_SET = { name: "MAINTENANCE_BANNER", value: "set-by-hand-in-the-dashboard" } as const;

/** The suite's shared state, filled by the root `before` and by the tests in order. */
export interface EngineContext {
  fakes: Fakes;
  stack: Stack;
  stateDir: string;
  metrics: Metrics;
  /** The Supabase auth config before the first up: every field but the two managed ones must stay as it was. */
  authBefore: Record<string, unknown>;
  /** The main `pulumi up` (with the policy pack), once it ran. */
  firstUp?: OpRecord<unknown>;
}

const holder: { ctx?: EngineContext } = {};

export function setContext(ctx: EngineContext | undefined): void {
  holder.ctx = ctx;
}

/** The shared state; fails clearly when the root `before` did not get that far. */
export function context(): EngineContext {
  if (!holder.ctx) throw new Error("the engine suite's before hook failed: see its error above");
  return holder.ctx;
}

/** The first up's record; a later test fails with this message rather than a confusing one when up failed. */
export function afterFirstUp(): EngineContext & { firstUp: OpRecord<unknown> } {
  const ctx = context();
  if (!ctx.firstUp || ctx.firstUp.failure)
    throw new Error("prerequisite failed: the first `pulumi up` did not succeed");
  return ctx as EngineContext & { firstUp: OpRecord<unknown> };
}

/** The one stored monitor with this friendly name (fails when there are none or several). */
export function monitorNamed(fakes: Fakes, name: string): FakeMonitor {
  const found = fakes.uptime.storedMonitors().filter((m) => m.friendly_name === name);
  assert.equal(found.length, 1, `exactly one monitor named ${JSON.stringify(name)} in the fake, found ${found.length}`);
  return found[0];
}

/** Asserts that every fake holds exactly what the stack declares (and the hand-set variable, untouched). */
export function assertFakesHoldDeclared(fakes: Fakes): void {
  const want = declared();

  const contacts = fakes.uptime.storedAlertContacts();
  assert.equal(contacts.length, 1, "one alert contact");
  assert.equal(contacts[0].friendly_name, want.contactName);
  assert.equal(contacts[0].type, 5, "a web-hook contact");
  assert.equal(contacts[0].value, want.webhookUrl, "the contact holds the declared web-hook");

  const monitors = fakes.uptime.storedMonitors();
  assert.deepEqual(monitors.map((m) => m.friendly_name).sort(), want.monitors.map((m) => m.name).sort());
  for (const m of want.monitors) {
    const live = monitorNamed(fakes, m.name);
    assert.deepEqual(
      { url: live.url, type: live.type, interval: live.interval, contacts: live.alert_contacts.map((c) => c.id) },
      { url: m.url, type: 1, interval: m.interval, contacts: [contacts[0].id] },
      `monitor ${m.name}`,
    );
  }

  assert.deepEqual(
    fakes.railway.vars(),
    { ...want.variables, [HAND_SET.name]: HAND_SET.value },
    "the agent's variables: the declared ones, and the hand-set one untouched",
  );

  const auth = fakes.supabase.config(SUPABASE_REF);
  assert.equal(auth.site_url, want.siteUrl, "site_url");
  assert.deepEqual(String(auth.uri_allow_list).split(","), want.redirectUrls, "uri_allow_list");
}

/** The Supabase config without the two managed keys, to show that nothing else was written. */
export function unmanagedAuth(config: Record<string, unknown>): Record<string, unknown> {
  const { site_url: _s, uri_allow_list: _u, ...rest } = config;
  return rest;
}
