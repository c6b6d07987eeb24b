// Where the UptimeRobot providers get their credentials: at call time, from the stack config, else the environment.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { MonitorState } from "../providers/uptimerobot/logic";
import { monitorProvider } from "../providers/uptimerobot/monitor";
import { API_KEY_CONFIG, API_KEY_ENV } from "../providers/uptimerobot/runtime";
import { FAKE_API_KEY, useUptimeRobot } from "./fakes/uptimerobot";

type Provider = Required<pulumi.dynamic.ResourceProvider>;
/** A configure request as the dynamic-provider host builds it from the stack config. */
const config = (values: Record<string, string>): pulumi.dynamic.ConfigureRequest => ({
  config: {
    get: (key: string) => values[key],
    require: (key: string) => values[key] ?? assert.fail(`missing ${key}`),
  },
});

describe("UptimeRobot provider runtime", () => {
  const { fake } = useUptimeRobot();
  const monitor = monitorProvider as Provider;
  const inputs = (): MonitorState => ({
    apiUrl: fake().apiUrl,
    friendlyName: "Chef Chopsky production frontend",
    url: "https://chef-chopsky.vercel.app",
    type: 1,
    interval: 300,
    alertContactIds: [],
  });

  it("prefers the stack config's key (from configure) to the environment's", async () => {
    process.env[API_KEY_ENV] = "u0000000-wrongwrongwrongwrong";
    await monitor.configure(config({ [API_KEY_CONFIG]: FAKE_API_KEY }));
    await monitor.create(inputs());
    assert.equal(fake().storedMonitors().length, 1);
  });

  it("falls back to UPTIME_ROBOT_API_KEY when the config has no key", async () => {
    await monitor.configure(config({}));
    await monitor.create(inputs());
    assert.equal(fake().storedMonitors().length, 1);
  });

  it("fails naming both the config key and the variable when neither is set, before any call", async () => {
    delete process.env[API_KEY_ENV];
    await monitor.configure(config({}));
    await assert.rejects(monitor.create(inputs()), (err: Error) => {
      assert.match(err.message, /chef-chopsky:uptimeRobotApiKey/);
      assert.match(err.message, /UPTIME_ROBOT_API_KEY/);
      return true;
    });
    assert.equal(fake().calls.length, 0);
  });

  it("a bad key: not_authorized, nothing changed, the key in no message", async () => {
    const { id } = await monitor.create(inputs());
    const before = fake().storedMonitors();
    const badKey = "u7777777-badbadbadbadbadbadbadbad";
    process.env[API_KEY_ENV] = badKey;
    for (const attempt of [
      monitor.create({ ...inputs(), url: "https://other.example.test" }),
      monitor.update(id, inputs(), { ...inputs(), interval: 600 }),
      monitor.delete(id, inputs()),
      monitor.read(id, inputs()),
    ]) {
      await assert.rejects(attempt, (err: Error) => {
        assert.match(err.message, /^UptimeRobot \w+ failed: not_authorized: api_key not found\./);
        assert.ok(!err.message.includes(badKey) && !err.message.includes(FAKE_API_KEY));
        return true;
      });
    }
    assert.deepEqual(fake().storedMonitors(), before);
    assert.deepEqual(
      fake()
        .calls.filter((c) => c.write)
        .map((c) => c.operation),
      ["newMonitor", "editMonitor", "deleteMonitor"],
      "the create searched first and stopped; the update and delete were refused",
    );
  });
});
