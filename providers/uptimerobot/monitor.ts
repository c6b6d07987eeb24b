/**
 * An UptimeRobot monitor as a Pulumi dynamic resource: idempotent create (adopts only an exact match, never
 * duplicates, never takes over someone else's monitor: see ownership.ts), `read` for refresh (a monitor deleted
 * outside Pulumi is reported gone, so refresh plans a re-create), in-place update, and a delete that tolerates a
 * monitor already gone.
 */
import * as pulumi from "@pulumi/pulumi";
import { isUptimeRobotError } from "./errors";
import {
  type MonitorState,
  adoptMonitor,
  changedMonitorFields,
  checkMonitor,
  editOf,
  monitorFields,
  monitorState,
} from "./logic";
import { createOrAdopt, monitorInTheWay, monitorsInTheWay, pickMonitor } from "./ownership";
import { ServiceResource } from "../resource";
import { uptimeRobot } from "./runtime";

/** The provider; the dynamic-provider host finds it by name (registry.ts), credentials come at call time (runtime.ts). */
export const monitorProvider: pulumi.dynamic.ResourceProvider<MonitorState, MonitorState> = {
  async configure(req) {
    uptimeRobot.configure(req);
  },

  async check(_olds, news) {
    return checkMonitor(news);
  },

  async diff(_id, olds, news) {
    // Compares recorded state (refreshed by read) with the declared inputs: no API call.
    const changed = changedMonitorFields(olds, news);
    return { changes: changed.length > 0, replaces: changed.includes("type") ? ["type"] : [] };
  },

  async create(inputs) {
    const client = uptimeRobot.client(inputs.apiUrl);
    const fields = monitorFields(inputs);
    return createOrAdopt({
      find: () => client.getMonitors({ search: fields.url }),
      pick: (found) => pickMonitor(found, fields),
      adopt: (mine) => adoptMonitor(client, mine, inputs),
      create: async () => ({ id: String(await client.newMonitor(fields)), outs: inputs }),
      // Someone else's monitor of this URL and type.
      inTheWay: (found, cause) => monitorInTheWay(fields, monitorsInTheWay(found, fields), cause),
    });
  },

  async read(id, props) {
    if (!/^\d+$/.test(id)) throw new Error(`UptimeRobot monitor ids are numbers, not ${JSON.stringify(id)}`);
    const client = uptimeRobot.client(props?.apiUrl);
    const live = await client.getMonitor(Number(id));
    // An empty id tells the engine the monitor is gone: refresh drops it and the next up re-creates it.
    if (!live) return { id: undefined };
    return { id, props: monitorState(live, props?.apiUrl) };
  },

  async update(id, olds, news) {
    // Not \`type\`: a change of it replaces (diff), and UptimeRobot cannot edit it. (\`apiUrl\` is never compared.)
    const changed = changedMonitorFields(olds, news).filter((f) => f !== "type");
    if (changed.length > 0) {
      const client = uptimeRobot.client(news.apiUrl);
      try {
        await client.editMonitor(Number(id), editOf(news, changed));
      } catch (err) {
        if (!isUptimeRobotError(err, "not_found")) throw err;
        throw new Error(
          `${err.message} (monitor ${id} was deleted outside Pulumi: run pulumi refresh, then up re-creates it)`,
        );
      }
    }
    return { outs: news };
  },

  async delete(id, props) {
    // Already gone (deleted in the dashboard) is what delete wants: not an error.
    await uptimeRobot.client(props.apiUrl).deleteMonitor(Number(id));
  },
};

/** Arguments of a {@link Monitor}. */
export interface MonitorArgs {
  /** Name shown in UptimeRobot, e.g. `"Chef Chopsky production frontend"`. */
  friendlyName: pulumi.Input<string>;
  /** The checked URL, e.g. `"https://chef-chopsky-production.up.railway.app/health"`. */
  url: pulumi.Input<string>;
  /** 1 HTTP(S) (alert on a non-2xx/3xx status) or 2 keyword; changing it replaces the monitor. */
  type: pulumi.Input<1 | 2>;
  /** Seconds between checks, 30 to 86400 (UptimeRobot's Free plan allows 300 and more). */
  interval: pulumi.Input<number>;
  /** Keyword monitors only: 1 alert when the keyword exists, 2 alert when it does not. */
  keywordType?: pulumi.Input<1 | 2>;
  /** Keyword monitors only: the keyword, e.g. `"ok"`. */
  keywordValue?: pulumi.Input<string>;
  /** Alert contacts notified when the monitor goes down. Default none. */
  alertContactIds?: pulumi.Input<pulumi.Input<string>[]>;
}

/** An UptimeRobot monitor; its `id` is UptimeRobot's monitor id. */
export class Monitor extends ServiceResource {
  declare readonly friendlyName: pulumi.Output<string>;
  declare readonly url: pulumi.Output<string>;
  declare readonly type: pulumi.Output<number>;
  declare readonly interval: pulumi.Output<number>;
  declare readonly alertContactIds: pulumi.Output<string[]>;

  constructor(name: string, args: MonitorArgs, opts?: pulumi.CustomResourceOptions) {
    super("uptimerobot:Monitor", name, { ...args, alertContactIds: args.alertContactIds ?? [] }, opts);
  }
}
