// The providers' one helper (providers/kit.ts): credentials from the stack config, else the environment; the API URL
// from the stack config (never compared, so changing it changes no resource); errors as Errors without credentials;
// the SDK's own unknown placeholder. And the state today's by-value providers wrote: diffed by the new providers, it
// shows no change and no replace.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { asError, isUnknown, served, ServiceAccess, setProviderRuntimeForTests } from "../providers/kit";
import { provider, type ProviderKind } from "../providers/registry";

const config = (values: Record<string, string>) => ({ config: { get: (k: string) => values[k] } });

/** A service whose client is just its connection, to see what the helper resolved. */
const echo = () =>
  new ServiceAccess({
    name: "Echo",
    credentialConfig: "chef-chopsky:echoToken",
    credentialEnv: ["ECHO_TOKEN", "ECHO_API_TOKEN"],
    apiUrlConfig: "chef-chopsky:echoApiUrl",
    connect: (c) => c,
  });

describe("providers/kit.ts", () => {
  const saved = { ECHO_TOKEN: process.env.ECHO_TOKEN, ECHO_API_TOKEN: process.env.ECHO_API_TOKEN };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    setProviderRuntimeForTests();
  });

  it("recognises the SDK's own unknown placeholder", () => {
    assert.equal(isUnknown(pulumi.runtime.unknownValue), true);
    assert.equal(isUnknown("04da6b54"), false);
    assert.equal(isUnknown(undefined), false);
  });

  it("credential: the stack config's, else the environment's in order, else an error naming every place", () => {
    const access = echo();
    assert.throws(
      () => access.client(),
      /^Error: Echo credentials are not set: set the secret stack config chef-chopsky:echoToken \(pulumi config set --secret chef-chopsky:echoToken --stack S: it prompts\) or the environment variable ECHO_TOKEN or ECHO_API_TOKEN$/,
    );
    process.env.ECHO_API_TOKEN = " account ";
    assert.deepEqual(access.credential(), { value: "account", source: "ECHO_API_TOKEN" });
    process.env.ECHO_TOKEN = "project";
    assert.deepEqual(access.credential(), { value: "project", source: "ECHO_TOKEN" });
    access.configure(config({ "chef-chopsky:echoToken": "from-config" }));
    assert.deepEqual(access.credential(), { value: "from-config", source: "chef-chopsky:echoToken" });
    setProviderRuntimeForTests(); // forgets what configure remembered
    assert.deepEqual(access.credential(), { value: "project", source: "ECHO_TOKEN" });
  });

  it("API URL: one recorded by older state, else the stack config's, else the client's default", () => {
    const access = echo();
    access.configure(config({ "chef-chopsky:echoToken": "t" }));
    assert.equal(access.client().apiUrl, undefined);
    access.configure(config({ "chef-chopsky:echoToken": "t", "chef-chopsky:echoApiUrl": "http://127.0.0.1:9/v2" }));
    assert.equal(access.client().apiUrl, "http://127.0.0.1:9/v2");
    assert.equal(access.client("https://recorded.example").apiUrl, "https://recorded.example");
  });

  it("test overrides reach every client; a config that throws counts as none", () => {
    const sleep = async () => undefined;
    setProviderRuntimeForTests({ timeoutMs: 7, sleep });
    const access = echo();
    access.configure({
      config: {
        get: () => {
          throw new Error("no config");
        },
      },
    });
    process.env.ECHO_TOKEN = "env";
    const c = access.client(undefined, ["hook", undefined, ""]);
    assert.equal(c.timeoutMs, 7);
    assert.equal(c.sleep, sleep);
    assert.deepEqual(c.redact, ["hook"]);
  });

  it("served: any throw becomes an Error with a message, with no credential handed out in this process", async () => {
    const access = echo();
    access.configure(config({ "chef-chopsky:echoToken": "tok-secret-123456" }));
    const p = served({
      async create() {
        const { credential } = access.client();
        throw new Error(`refused ${credential}`);
      },
      async delete() {
        throw { service: "Echo", operation: "delete", message: "" }; // what a serialized class used to build
      },
      async read() {
        throw "a string";
      },
    });
    await assert.rejects(p.create({}), (e: Error) => e instanceof Error && e.message === "refused [redacted]");
    await assert.rejects(p.delete!("1", {}), (e: Error) => e instanceof Error && e.message === "Echo delete failed");
    await assert.rejects(p.read!("1", {}), (e: Error) => e instanceof Error && e.message === "provider call failed");
    assert.equal(asError(new RangeError("x")).name, "RangeError", "an Error stays itself");
  });
});

/**
 * Each provider's recorded state exactly as today's `pulumi up` writes it: the outputs, with the API URL the program
 * passed (the service's own) and the by-value `__provider`; and the inputs the program declares now.
 */
const UPGRADES: Record<ProviderKind, { olds: Record<string, unknown>; news: Record<string, unknown> }> = {
  "uptimerobot:Monitor": {
    olds: {
      apiUrl: "https://api.uptimerobot.com/v2",
      friendlyName: "Chef Chopsky production frontend",
      url: "https://chef-chopsky-production.vercel.app",
      type: 1,
      interval: 300,
      alertContactIds: ["0457"],
    },
    news: {
      friendlyName: "Chef Chopsky production frontend",
      url: "https://chef-chopsky-production.vercel.app",
      type: 1,
      interval: 300,
      alertContactIds: ["457"],
    },
  },
  "uptimerobot:AlertContact": {
    olds: {
      apiUrl: "https://api.uptimerobot.com/v2",
      friendlyName: "Chef Chopsky production alerts",
      type: 5,
      value: "https://hooks.example.test/x",
    },
    news: { friendlyName: "Chef Chopsky production alerts", type: 5, value: "https://hooks.example.test/x" },
  },
  "railway:ServiceVariables": {
    olds: {
      projectId: "5f1d8a3e-2c4b-4e7a-9b0d-1a2b3c4d5e6f",
      environmentId: "8c2e4f6a-1b3d-4a5c-8e7f-9a0b1c2d3e4f",
      serviceId: "3a7b9c1d-5e2f-4a6b-8c0d-2e4f6a8b0c1d",
      variables: { A: "1" },
      keys: ["A"],
      apiUrl: "https://backboard.railway.com/graphql/v2",
    },
    news: {
      projectId: "5f1d8a3e-2c4b-4e7a-9b0d-1a2b3c4d5e6f",
      environmentId: "8c2e4f6a-1b3d-4a5c-8e7f-9a0b1c2d3e4f",
      serviceId: "3a7b9c1d-5e2f-4a6b-8c0d-2e4f6a8b0c1d",
      variables: { A: "1" },
    },
  },
  "secrets:SecretAges": {
    olds: {
      keyId: "hmac-sha256:cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
      secrets: {
        "chef-chopsky:railwayToken": {
          fingerprint: "hmac-sha256:abababababababababababababababababababababababababababababababab",
          changed: "2026-01-05",
        },
      },
    },
    news: {
      keyId: "hmac-sha256:cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
      secrets: {
        "chef-chopsky:railwayToken": {
          fingerprint: "hmac-sha256:abababababababababababababababababababababababababababababababab",
        },
      },
    },
  },
  "supabase:AuthSettings": {
    olds: {
      projectRef: "abcdefghijklmnopqrst",
      siteUrl: "https://chef-chopsky-production.vercel.app",
      uriAllowList: "https://chef-chopsky-production.vercel.app",
      apiUrl: "https://api.supabase.com",
    },
    news: {
      projectRef: "abcdefghijklmnopqrst",
      siteUrl: "https://chef-chopsky-production.vercel.app",
      uriAllowList: "https://chef-chopsky-production.vercel.app",
    },
  },
};

describe("an upgrade from the state today's by-value providers wrote", () => {
  const OLD_PROVIDER = "exports.handler = __f0;\n\nvar __provider = {create: __f1};\n…";
  for (const [kind, { olds, news }] of Object.entries(UPGRADES)) {
    it(`${kind}: no change and no replace; nor when the API URL changes`, async () => {
      const p = provider(kind);
      const withProvider = (props: Record<string, unknown>, text: string) => ({ ...props, __provider: text });
      const checked = await p.check!(olds, withProvider(news, "reference"));
      assert.deepEqual(checked.failures ?? [], []);
      const diff = await p.diff!("id", withProvider(olds, OLD_PROVIDER), checked.inputs);
      assert.deepEqual({ changes: diff.changes, replaces: diff.replaces ?? [] }, { changes: false, replaces: [] });
      const moved = await p.diff!("id", olds, { ...checked.inputs, apiUrl: "http://127.0.0.1:1" });
      assert.equal(moved.changes, false, "where the API is says nothing about the resource");
    });
  }
});
