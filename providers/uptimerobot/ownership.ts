/**
 * Which existing UptimeRobot objects a create may adopt, and the error when something else is in the way.
 *
 * Adoption exists for one case: a create whose reply was lost (or an `up` that failed after the write) left the
 * object behind, and the next attempt must take it instead of making a duplicate. Such an object is exactly what this
 * stack asked for, so only an object whose every identifying field matches is adopted: a monitor by friendly name,
 * URL and type, an alert contact by type, friendly name and value (docs/reference/API-FACTS.md, "Ownership": never
 * assume that a monitor with the same URL but another name is yours). Anything else that blocks the create (UptimeRobot
 * answers `already_exists`) is someone else's: the create fails, naming it, and leaves it untouched, so that a later
 * `pulumi destroy` can never delete it. (Once an id is in the state it came from such a create: UptimeRobot assigns the
 * ids, so `read`, `update` and `delete` address only objects this stack made or adopted.)
 *
 * Handing such an object to the stack is a rename, not `pulumi import`: the CLI cannot import a dynamic resource,
 * because the dynamic-provider host loads the provider's code from the `__provider` property of the resource's state,
 * which an import does not have (`getProvider` in @pulumi/pulumi/cmd/dynamic-provider/index.js; pulumi/pulumi#16175
 * and #3550, open). Renaming the object to the name the stack asks for makes it an exact match, which the next
 * `pulumi up` adopts.
 */
import type { LiveAlertContact, LiveMonitor, MonitorFields } from "./client";
import { isAmbiguous, isUptimeRobotError } from "./errors";
import { type AlertContactState, sameUrl } from "./logic";

/** The type tokens of the dynamic resources (`pulumi-nodejs:dynamic/<module>:<type>`), for messages. */
export const MONITOR_TYPE_TOKEN = "pulumi-nodejs:dynamic/uptimerobot:Monitor";
export const CONTACT_TYPE_TOKEN = "pulumi-nodejs:dynamic/uptimerobot:AlertContact";

/** How {@link createOrAdopt} finds, picks, adopts and creates one kind of object. */
export interface AdoptingCreate<T, R> {
  /** The existing objects that may be the one asked for (one search, every page). */
  find: () => Promise<T[]>;
  /** The one of them this stack asked for, exactly. */
  pick: (found: T[]) => T | undefined;
  adopt: (mine: T) => R | Promise<R>;
  create: () => Promise<R>;
  /** The error naming the objects that block the create, which are someone else's. */
  inTheWay: (found: T[], cause: Error) => Error;
}

/**
 * A create that never makes a duplicate: one search first adopts what a lost reply or a failed up left behind; a
 * create that fails ambiguously (lost reply, timeout, 5xx: it may exist now) or with `already_exists` (one is in
 * the way) searches again, adopts its own, or fails naming the one in the way and leaves it alone. When nothing is
 * there the write was not applied: one more try is safe; after that, the next up will adopt.
 */
export async function createOrAdopt<T, R>(how: AdoptingCreate<T, R>): Promise<R> {
  const existing = how.pick(await how.find());
  if (existing) return how.adopt(existing);
  for (let attempt = 1; ; attempt++) {
    try {
      return await how.create();
    } catch (err) {
      const exists = isUptimeRobotError(err, "already_exists");
      if (!exists && !isAmbiguous(err)) throw err;
      const found = await how.find();
      const mine = how.pick(found);
      if (mine) return how.adopt(mine);
      if (exists) throw how.inTheWay(found, err as Error);
      if (attempt >= 2) throw err;
    }
  }
}

/** The existing monitor a create adopts: the one with exactly the friendly name, URL and type asked for. */
export function pickMonitor(candidates: LiveMonitor[], want: MonitorFields): LiveMonitor | undefined {
  return candidates.find(
    (m) => m.friendlyName === want.friendlyName && sameUrl(m.url, want.url) && m.type === want.type,
  );
}

/** Monitors that block a create without being this stack's: the same URL and type under another name. */
export function monitorsInTheWay(candidates: LiveMonitor[], want: MonitorFields): LiveMonitor[] {
  return candidates.filter(
    (m) => sameUrl(m.url, want.url) && m.type === want.type && m.friendlyName !== want.friendlyName,
  );
}

/** The existing alert contact a create adopts: the same type, friendly name and value. */
export function pickContact(candidates: LiveAlertContact[], want: AlertContactState): LiveAlertContact | undefined {
  return candidates.find((c) => c.type === want.type && c.friendlyName === want.friendlyName && c.value === want.value);
}

/** Alert contacts that may block a create: the same type and value (the web-hook) under another name. */
export function contactsInTheWay(candidates: LiveAlertContact[], want: AlertContactState): LiveAlertContact[] {
  return candidates.filter(
    (c) => c.type === want.type && c.value === want.value && c.friendlyName !== want.friendlyName,
  );
}

/**
 * The error of a monitor create that UptimeRobot refused with `already_exists` and that found nothing to adopt.
 * It names each monitor in the way (id, name, URL: none of them a secret) and the two ways out.
 */
export function monitorInTheWay(want: MonitorFields, blocking: LiveMonitor[], cause: Error): Error {
  const what = `a type ${want.type} monitor of ${want.url}`;
  if (blocking.length === 0) {
    return new Error(
      `${cause.message}: UptimeRobot refused ${what} named ${JSON.stringify(want.friendlyName)}, and no monitor ` +
        `that this stack could adopt was found (same name, URL and type); look for a monitor of that URL in the ` +
        `UptimeRobot dashboard`,
    );
  }
  const list = blocking.map((m) => `${m.id} (${JSON.stringify(m.friendlyName)})`).join(", ");
  return new Error(
    `UptimeRobot monitor ${list} already watches ${want.url} with type ${want.type}, and UptimeRobot refuses a ` +
      `second one (already_exists). It was not made by this stack, which asks for ${JSON.stringify(want.friendlyName)}, ` +
      `so it is left alone. To let this stack manage it, rename it to ${JSON.stringify(want.friendlyName)} in the ` +
      `UptimeRobot dashboard: the next \`pulumi up\` adopts it (\`pulumi import ${MONITOR_TYPE_TOKEN} … ` +
      `${blocking[0].id}\` does not work for dynamic resources, pulumi/pulumi#16175). Otherwise delete it in the ` +
      `dashboard (or \`deleteMonitor id=${blocking[0].id}\`), then run \`pulumi up\` again.`,
  );
}

/**
 * The error of an alert-contact create that UptimeRobot refused with `already_exists` and that found nothing to
 * adopt. It names the contacts in the way by id and name, never by their value (the web-hook URL is a secret).
 */
export function contactInTheWay(want: AlertContactState, blocking: LiveAlertContact[], cause: Error): Error {
  if (blocking.length === 0) {
    return new Error(
      `${cause.message}: UptimeRobot refused the alert contact ${JSON.stringify(want.friendlyName)}, and no contact ` +
        `that this stack could adopt was found (same type, name and web-hook)`,
    );
  }
  const list = blocking.map((c) => `${c.id} (${JSON.stringify(c.friendlyName)})`).join(", ");
  return new Error(
    `UptimeRobot alert contact ${list} already has this stack's web-hook URL, and UptimeRobot refuses a second one ` +
      `(already_exists). It was not made by this stack, which asks for ${JSON.stringify(want.friendlyName)}, so it is ` +
      `left alone. To let this stack manage it, rename it to ${JSON.stringify(want.friendlyName)} in the UptimeRobot ` +
      `dashboard: the next \`pulumi up\` adopts it (\`pulumi import ${CONTACT_TYPE_TOKEN}\` does not work for ` +
      `dynamic resources, pulumi/pulumi#16175). Otherwise delete it in the dashboard, then run \`pulumi up\` again.`,
  );
}
