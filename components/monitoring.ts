/**
 * The UptimeRobot monitoring of one environment (runbook: Monitoring): a web-hook alert contact for
 * `ALERT_WEBHOOK_URL`, an HTTP monitor of the frontend, and an HTTP monitor of the agent's `/health`, both alerting
 * the contact. The monitor ids are outputs, for the GitHub secrets `UPTIME_ROBOT_*_ID`.
 */
import * as pulumi from "@pulumi/pulumi";
import { AlertContact } from "../providers/uptimerobot/alert-contact";
import { MONITOR_TYPE } from "../providers/uptimerobot/enums";
import { Monitor } from "../providers/uptimerobot/monitor";
import type { EnvironmentName } from "../lib/environments";

/** Arguments of {@link Monitoring}. */
export interface MonitoringArgs {
  /** The environment the monitors watch; it is part of every friendly name. Example: `"production"`. */
  environment: EnvironmentName;
  /** The frontend's public URL, checked over HTTP(S). Example: `"https://chef-chopsky.vercel.app"`. */
  frontendUrl: string;
  /**
   * The agent's health endpoint, checked over HTTP(S): down on a non-2xx/3xx status, as the runbook's
   * `curl -f …/health` decides. Example: `"https://chef-chopsky-production.up.railway.app/health"`.
   */
  agentHealthUrl: string;
  /** Seconds between checks of the frontend, 30–86400 (lib/schemas.ts; Free plan: 300+). Example: `300`. */
  frontendIntervalSeconds: number;
  /** Seconds between checks of the agent, 30–86400 (lib/schemas.ts; Free plan: 300+). Example: `300`. */
  agentIntervalSeconds: number;
  /** The web-hook that receives alerts (`ALERT_WEBHOOK_URL`); a secret, e.g. `config.requireSecret(...)`. */
  alertWebhookUrl: pulumi.Input<string>;
}

/** The friendly name of an environment's monitor or contact, e.g. `"Chef Chopsky production frontend"`. */
export function monitorName(environment: EnvironmentName, role: "frontend" | "agent" | "alerts"): string {
  return `Chef Chopsky ${environment} ${role}`;
}

/** UptimeRobot monitoring of one environment. */
export class Monitoring extends pulumi.ComponentResource {
  /** UptimeRobot id of the frontend monitor. */
  public readonly frontendMonitorId: pulumi.Output<string>;
  /** UptimeRobot id of the agent `/health` monitor. */
  public readonly agentMonitorId: pulumi.Output<string>;
  /** UptimeRobot id of the web-hook alert contact. */
  public readonly alertContactId: pulumi.Output<string>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("chef-chopsky:monitoring:Monitoring", name, {}, opts);
    const { environment } = args;

    const contact = new AlertContact(
      `${name}-alert-contact`,
      { friendlyName: monitorName(environment, "alerts"), webhookUrl: pulumi.secret(args.alertWebhookUrl) },
      { parent: this },
    );
    const monitor = (role: "frontend" | "agent", url: string, interval: number) =>
      new Monitor(
        `${name}-${role}`,
        {
          friendlyName: monitorName(environment, role),
          url,
          type: MONITOR_TYPE.http,
          interval,
          alertContactIds: [contact.id],
        },
        { parent: this },
      );
    const frontend = monitor("frontend", args.frontendUrl, args.frontendIntervalSeconds);
    const agent = monitor("agent", args.agentHealthUrl, args.agentIntervalSeconds);

    this.frontendMonitorId = frontend.id;
    this.agentMonitorId = agent.id;
    this.alertContactId = contact.id;
    this.registerOutputs({
      frontendMonitorId: this.frontendMonitorId,
      agentMonitorId: this.agentMonitorId,
      alertContactId: this.alertContactId,
    });
  }
}
