// The Monitoring component under Pulumi's mocks: children, names, wiring, secrets, and what goes into state.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { useDefaultMocks } from "./setup";
import { Monitoring, type MonitoringArgs } from "../components/monitoring";
import { API_KEY_ENV } from "../providers/uptimerobot/runtime";

const WEBHOOK = "https://hooks.example.test/services/T000/B000/webhook-secret-5678";
const ENV_KEY = "u5555555-key-from-the-environment";
// How a secret value travels to the engine (and so to a mock monitor): the SDK's signature key and secret sig.
import { specialSecretSig as SECRET_SIG, specialSigKey as SIG_KEY } from "@pulumi/pulumi/runtime/rpc";

/** An output's value, or a failure after a timeout (an apply that never runs must not pass silently). */
function value<T>(output: pulumi.Output<T>, ms = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`output not resolved within ${ms} ms`)), ms);
    output.apply((v) => {
      clearTimeout(timer);
      resolve(v);
      return v;
    });
  });
}

describe("Monitoring component", () => {
  let created: pulumi.runtime.MockResourceArgs[];
  let savedKey: string | undefined;
  before(async () => {
    savedKey = process.env[API_KEY_ENV];
    process.env[API_KEY_ENV] = ENV_KEY;
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          created.push(args);
          const id = args.type.endsWith(":AlertContact") ? "0457" : `7778${created.length}`;
          return { id: args.custom ? id : `${args.name}-id`, state: args.inputs };
        },
        call: (args) => {
          throw new Error(`unexpected call to ${args.token} in a test: mock it explicitly`);
        },
      },
      "chef-chopsky",
      "production",
      false,
    );
  });
  after(async () => {
    if (savedKey === undefined) delete process.env[API_KEY_ENV];
    else process.env[API_KEY_ENV] = savedKey;
    await useDefaultMocks();
  });
  beforeEach(() => (created = []));

  const args = (over: Partial<MonitoringArgs> = {}): MonitoringArgs => ({
    environment: "production",
    frontendUrl: "https://chef-chopsky.vercel.app",
    agentHealthUrl: "https://chef-chopsky-production.up.railway.app/health",
    frontendIntervalSeconds: 300,
    agentIntervalSeconds: 120,
    alertWebhookUrl: pulumi.secret(WEBHOOK),
    ...over,
  });

  /** Builds the component, capturing each child (via a transformation) and waiting for every registration. */
  async function build(over: Partial<MonitoringArgs> = {}) {
    const children: pulumi.ResourceTransformationArgs[] = [];
    const monitoring = new Monitoring("monitoring", args(over), {
      // Transformations see the component itself too: keep only its children.
      transformations: [(a) => void (a.type === "chef-chopsky:monitoring:Monitoring" || children.push(a))],
    });
    const ids = await Promise.all([
      value(monitoring.alertContactId),
      value(monitoring.frontendMonitorId),
      value(monitoring.agentMonitorId),
    ]);
    return { monitoring, children, ids, byName: (name: string) => created.find((c) => c.name === name)! };
  }

  it("declares an alert contact and two monitors, children of the component, named after it", async () => {
    const { monitoring, children } = await build();
    assert.deepEqual(
      children.map((c) => [c.name, c.type, c.opts.parent === monitoring]),
      [
        ["monitoring-alert-contact", "pulumi-nodejs:dynamic/uptimerobot:AlertContact", true],
        ["monitoring-frontend", "pulumi-nodejs:dynamic/uptimerobot:Monitor", true],
        ["monitoring-agent", "pulumi-nodejs:dynamic/uptimerobot:Monitor", true],
      ],
    );
    assert.ok(created.some((c) => c.type === "chef-chopsky:monitoring:Monitoring" && c.name === "monitoring"));
  });

  it("names every object after the environment and wires the contact into both monitors", async () => {
    const { byName, ids } = await build();
    assert.equal(ids[0], "0457", "the alert contact id as the mock gave it, leading zero kept");
    assert.ok(/^\d+$/.test(ids[1]) && /^\d+$/.test(ids[2]) && ids[1] !== ids[2]);
    const contact = byName("monitoring-alert-contact").inputs;
    assert.deepEqual([contact.friendlyName, contact.type], ["Chef Chopsky production alerts", 5]);
    // The mock monitor receives secrets in their wire form: the web-hook arrives as a secret.
    assert.deepEqual(contact.value, { [SIG_KEY]: SECRET_SIG, value: WEBHOOK });
    const frontend = byName("monitoring-frontend").inputs;
    const agent = byName("monitoring-agent").inputs;
    assert.deepEqual(
      [
        frontend.friendlyName,
        frontend.url,
        frontend.type,
        frontend.interval,
        frontend.alertContactIds,
        frontend.apiUrl,
      ],
      ["Chef Chopsky production frontend", args().frontendUrl, 1, 300, ["0457"], undefined],
    );
    assert.deepEqual(
      [agent.friendlyName, agent.url, agent.type, agent.interval, agent.alertContactIds],
      ["Chef Chopsky production agent", args().agentHealthUrl, 1, 120, ["0457"]],
    );
  });

  it("keeps the web-hook URL secret, even when given as a plain string, and its output too", async () => {
    for (const alertWebhookUrl of [pulumi.secret(WEBHOOK), WEBHOOK]) {
      created = [];
      const { children, byName } = await build({ alertWebhookUrl });
      assert.deepEqual(byName("monitoring-alert-contact").inputs.value, { [SIG_KEY]: SECRET_SIG, value: WEBHOOK });
      const contact = children[0];
      assert.equal(await pulumi.isSecret(contact.props.value as pulumi.Output<string>), true);
      assert.deepEqual((contact.opts as pulumi.CustomResourceOptions).additionalSecretOutputs, ["value"]);
      const resource = contact.resource as unknown as { value: pulumi.Output<string> };
      assert.equal(await pulumi.isSecret(resource.value), true);
      assert.equal(await value(resource.value), WEBHOOK);
    }
  });

  it("puts no web-hook URL and no API key into __provider", async () => {
    const { byName } = await build();
    for (const name of ["monitoring-alert-contact", "monitoring-frontend", "monitoring-agent"]) {
      const provider = byName(name).inputs.__provider as unknown;
      assert.equal(typeof provider, "string");
      assert.ok((provider as string).includes("exports.handler"));
      assert.ok(!(provider as string).includes(WEBHOOK) && !(provider as string).includes("webhook-secret"));
      assert.ok(!(provider as string).includes(ENV_KEY));
    }
  });

  it("exports the ids as plain (non-secret) outputs", async () => {
    const { monitoring } = await build();
    for (const id of [monitoring.frontendMonitorId, monitoring.agentMonitorId, monitoring.alertContactId]) {
      assert.equal(await pulumi.isSecret(id), false);
    }
  });
});
