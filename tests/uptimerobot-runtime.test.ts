// Where the providers get their credentials (at call time), and what they carry into state when serialized.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { alertContactProvider } from "../providers/uptimerobot/alert-contact";
import type { MonitorState } from "../providers/uptimerobot/logic";
import { monitorProvider } from "../providers/uptimerobot/monitor";
import { API_KEY_CONFIG, API_KEY_ENV, setProviderRuntimeForTests } from "../providers/uptimerobot/runtime";
import { FAKE_API_KEY, useUptimeRobot } from "./fakes/uptimerobot";

type Provider = Required<pulumi.dynamic.ResourceProvider>;
const WEBHOOK = "https://hooks.example.test/services/T000/B000/secret-token-1234";
/** A configure request as the dynamic-provider host builds it from the stack config. */
const config = (values: Record<string, string>): pulumi.dynamic.ConfigureRequest => ({
  config: {
    get: (key: string) => values[key],
    require: (key: string) => values[key] ?? assert.fail(`missing ${key}`),
  },
});

/** Loads a serialized provider the way the dynamic-provider host does (`exports.handler()` of the text). */
function load(text: string): Provider {
  const mod: { exports: { handler?: () => Provider } } = { exports: {} };
  new Function("exports", "require", "module", text)(mod.exports, require, mod);
  return mod.exports.handler!();
}

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

  describe("serialized, as __provider in state", () => {
    const texts: string[] = [];
    const saved = process.env[API_KEY_ENV];
    before(async function () {
      this.timeout(10_000);
      // Configured in this process first: what configure remembers must still stay out of the text.
      process.env[API_KEY_ENV] = FAKE_API_KEY;
      await monitor.configure(config({ [API_KEY_CONFIG]: FAKE_API_KEY }));
      for (const provider of [monitorProvider, alertContactProvider]) {
        texts.push((await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: false })).text);
      }
      setProviderRuntimeForTests();
    });
    after(() => {
      if (saved === undefined) delete process.env[API_KEY_ENV];
      else process.env[API_KEY_ENV] = saved;
    });

    it("holds no API key and no web-hook URL, even after configure and with the key in the environment", () => {
      for (const text of texts) {
        assert.ok(!text.includes(FAKE_API_KEY) && !text.includes(WEBHOOK) && !text.includes("secret-token"));
        assert.match(text, /exports\.handler/);
      }
    });

    it("runs as the dynamic-provider host runs it: configure, create, read, update, delete, errors", async () => {
      const loaded = load(texts[0]);
      delete process.env[API_KEY_ENV];
      await loaded.configure(config({ [API_KEY_CONFIG]: FAKE_API_KEY }));
      fake().inject({ kind: "429", retryAfterSeconds: 0 }, 1).inject({ kind: "lost" }, 1, "newMonitor");
      const { id } = await loaded.create(inputs());
      assert.equal((await loaded.read(id, inputs())).id, id);
      await loaded.update(id, inputs(), { ...inputs(), interval: 600 });
      // Errors from serialized code must still be Errors with a message: the engine shows only the message.
      fake().inject({ kind: "500" }, 4, "getMonitors");
      const failed = await loaded.read(id, inputs()).catch((e: unknown) => e);
      assert.ok(failed instanceof Error, `not an Error: ${String(failed)}`);
      assert.match(failed.message, /^UptimeRobot getMonitors failed: HTTP 500: .*after 4 attempts$/);
      const bad = { ...inputs(), url: "https://other.example.test", interval: 10 };
      await assert.rejects(
        loaded.create(bad),
        /invalid_parameter: interval parameter is wrong\. \(parameter interval = "10"\)/,
      );
      await loaded.delete(id, inputs());
      assert.deepEqual(fake().storedMonitors(), []);
      const contact = load(texts[1]);
      const made = await contact.create({ apiUrl: fake().apiUrl, friendlyName: "alerts", type: 5, value: WEBHOOK });
      assert.equal((await contact.read(made.id, { apiUrl: fake().apiUrl, value: WEBHOOK })).id, made.id);
    });
  });
});
