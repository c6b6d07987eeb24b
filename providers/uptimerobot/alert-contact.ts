/**
 * An UptimeRobot web-hook alert contact (type 5) as a Pulumi dynamic resource. Its `value`, the web-hook URL, is a
 * secret: a secret input, a secret output (`additionalSecretOutputs`), and redacted from every error message.
 * Create adopts an existing contact with the same type, friendly name and value, so that it never makes a duplicate,
 * and never takes over a contact it did not make (see ownership.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { ALERT_CONTACT_TYPE } from "./enums";
import { isUptimeRobotError } from "./errors";
import { type AlertContactState, changedContactFields, checkAlertContact, contactState } from "./logic";
import { contactInTheWay, contactsInTheWay, createOrAdopt, pickContact } from "./ownership";
import { ServiceResource } from "../resource";
import { uptimeRobot } from "./runtime";

/** The provider; the dynamic-provider host finds it by name (registry.ts), credentials come at call time (runtime.ts). */
export const alertContactProvider: pulumi.dynamic.ResourceProvider<AlertContactState, AlertContactState> = {
  async configure(req) {
    uptimeRobot.configure(req);
  },

  async check(_olds, news) {
    return checkAlertContact(news);
  },

  async diff(_id, olds, news) {
    const changed = changedContactFields(olds, news);
    // A new web-hook URL is a new contact (created first, the monitors moved to it, then the old one deleted).
    const replaces = changed.filter((f) => f === "type" || f === "value");
    return { changes: changed.length > 0, replaces };
  },

  async create(inputs) {
    const client = uptimeRobot.client(inputs.apiUrl, [inputs.value]);
    return createOrAdopt({
      find: () => client.getAlertContacts(),
      pick: (found) => pickContact(found, inputs),
      adopt: (mine) => ({ id: mine.id, outs: inputs }),
      create: async () => ({ id: await client.newAlertContact(inputs), outs: inputs }),
      inTheWay: (found, cause) => contactInTheWay(inputs, contactsInTheWay(found, inputs), cause),
    });
  },

  async read(id, props) {
    const client = uptimeRobot.client(props?.apiUrl, props?.value ? [props.value] : []);
    const live = await client.getAlertContact(id);
    // An empty id tells the engine the contact is gone: refresh drops it and the next up re-creates it.
    if (!live) return { id: undefined };
    return { id, props: contactState(live, props?.apiUrl) };
  },

  async update(id, olds, news) {
    // Only the friendly name is updated in place; type and value replace (see diff).
    if (olds.friendlyName !== news.friendlyName) {
      const client = uptimeRobot.client(news.apiUrl, [news.value, olds.value]);
      try {
        await client.editAlertContact(id, { friendlyName: news.friendlyName });
      } catch (err) {
        if (!isUptimeRobotError(err, "not_found")) throw err;
        throw new Error(`${err.message} (alert contact ${id} was deleted outside Pulumi: run pulumi refresh)`);
      }
    }
    return { outs: news };
  },

  async delete(id, props) {
    await uptimeRobot.client(props.apiUrl, [props.value]).deleteAlertContact(id);
  },
};

/** Arguments of an {@link AlertContact}. */
export interface AlertContactArgs {
  /** Name shown in UptimeRobot, e.g. `"Chef Chopsky production alerts"`. */
  friendlyName: pulumi.Input<string>;
  /** The web-hook URL (`ALERT_WEBHOOK_URL`). Secret: made secret here even when a plain value is passed. */
  webhookUrl: pulumi.Input<string>;
}

/** A web-hook alert contact; its `id` is UptimeRobot's alert-contact id (a string, possibly with leading zeros). */
export class AlertContact extends ServiceResource {
  declare readonly friendlyName: pulumi.Output<string>;
  /** The web-hook URL, secret. */
  declare readonly value: pulumi.Output<string>;

  constructor(name: string, args: AlertContactArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      friendlyName: args.friendlyName,
      type: ALERT_CONTACT_TYPE.webHook,
      value: pulumi.secret(args.webhookUrl),
    };
    const secretOpts = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["value"] });
    super("uptimerobot:AlertContact", name, props, secretOpts);
  }
}
