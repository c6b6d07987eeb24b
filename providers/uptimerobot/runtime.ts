/**
 * How the UptimeRobot providers reach UptimeRobot, through the providers' one helper (kit.ts): the account's API key
 * from the stack config (`configure`) or the environment, the API base URL from the stack config, both read when a
 * method runs. Both providers share it: the engine hands them the same stack config.
 */
import { ServiceAccess } from "../kit";
import { UptimeRobotClient } from "./client";

/** The stack config key of the API key (a secret: `pulumi config set --secret chef-chopsky:uptimeRobotApiKey`). */
export const API_KEY_CONFIG = "chef-chopsky:uptimeRobotApiKey";
/** The environment variable read when the config key is not set. */
export const API_KEY_ENV = "UPTIME_ROBOT_API_KEY";
/** The stack config key of the API base URL (Pulumi.yaml; tests point it at the fake). */
export const API_URL_CONFIG = "chef-chopsky:uptimeRobotApiUrl";

/** UptimeRobot, as the monitor and alert-contact providers see it. */
export const uptimeRobot = new ServiceAccess<UptimeRobotClient>({
  name: "UptimeRobot",
  credentialConfig: API_KEY_CONFIG,
  credentialEnv: [API_KEY_ENV],
  apiUrlConfig: API_URL_CONFIG,
  connect: (c) => new UptimeRobotClient({ ...c, apiKey: c.credential }),
});
