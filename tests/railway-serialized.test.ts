// The dynamic providers as Pulumi stores them (`__provider`): serialized with the SDK's own closure serializer
// while tokens sit in the environment, the text holds no token; loaded back the way the dynamic-provider host
// does, configured with the stack config, it still creates, reads and deletes against the fakes.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ServiceVariablesProvider, type ServiceVariablesOutputs } from "../providers/railway/variables-provider";
import { AuthSettingsProvider, type AuthSettingsOutputs } from "../providers/supabase/auth-settings-provider";
import { RailwayFake } from "./fakes/railway";
import { useFake } from "./fakes/server";
import { SupabaseFake } from "./fakes/supabase";

type Provider = Required<pulumi.dynamic.ResourceProvider>;

/** Loads a serialized provider as the dynamic-provider host does (`exports.handler()` of the text). */
function load(text: string): Provider {
  const mod: { exports: { handler?: () => Provider } } = { exports: {} };
  new Function("exports", "require", "module", text)(mod.exports, require, mod);
  return mod.exports.handler!();
}

const configure = (p: Provider, values: Record<string, string>) =>
  p.configure({ config: { get: (k) => values[k], require: (k) => values[k] ?? assert.fail(`missing ${k}`) } });

describe("serialized dynamic providers", () => {
  const railway = useFake(() => new RailwayFake());
  const supabase = useFake(() => new SupabaseFake());
  const saved = { RAILWAY_TOKEN: process.env.RAILWAY_TOKEN, SUPABASE_ACCESS_TOKEN: process.env.SUPABASE_ACCESS_TOKEN };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  async function serialize(provider: object): Promise<string> {
    // As on a CI runner: the tokens are in the environment while the program serializes its providers.
    process.env.RAILWAY_TOKEN = railway().projectToken;
    process.env.SUPABASE_ACCESS_TOKEN = supabase().token;
    const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: false });
    assert.match(text, /exports\.handler/);
    assert.ok(!text.includes(railway().projectToken) && !text.includes(supabase().token), "a token is in __provider");
    delete process.env.RAILWAY_TOKEN;
    delete process.env.SUPABASE_ACCESS_TOKEN;
    return text;
  }

  it("ServiceVariables: no token in the text; loaded and configured, it manages its keys", async () => {
    const p = load(await serialize(new ServiceVariablesProvider()));
    await configure(p, { "chef-chopsky:railwayToken": railway().projectToken });
    const inputs = { ...railway().target, variables: { A: "1" }, apiUrl: railway().graphqlUrl };
    const created = await p.create(inputs);
    railway().setVariable("A", "drifted");
    const read = await p.read(created.id, created.outs as ServiceVariablesOutputs);
    assert.deepEqual((read.props as ServiceVariablesOutputs).variables, { A: "drifted" });
    await p.delete(created.id, created.outs as ServiceVariablesOutputs);
    assert.deepEqual(railway().vars(), {});
  });

  it("ServiceVariables: errors keep their message after serialization, without the token", async () => {
    const p = load(await serialize(new ServiceVariablesProvider()));
    await configure(p, { "chef-chopsky:railwayToken": "rw-wrong-token-123456" });
    await assert.rejects(
      p.create({ ...railway().target, variables: { A: "1" }, apiUrl: railway().graphqlUrl }),
      (e: Error) =>
        /^Railway variableCollectionUpsert failed: Not Authorized/.test(e.message) &&
        !e.message.includes("rw-wrong-token-123456"),
    );
  });

  it("AuthSettings: no token in the text; loaded and configured, it patches and reads", async () => {
    const p = load(await serialize(new AuthSettingsProvider()));
    await configure(p, { "chef-chopsky:supabaseAccessToken": supabase().token });
    const inputs = {
      projectRef: supabase().projectRef,
      siteUrl: "https://chef-chopsky.vercel.app",
      uriAllowList: "https://chef-chopsky.vercel.app",
      apiUrl: supabase().url,
    };
    const created = await p.create(inputs);
    supabase().setConfig({ site_url: "https://elsewhere.example" });
    const read = await p.read(created.id, created.outs as AuthSettingsOutputs);
    assert.equal((read.props as AuthSettingsOutputs).siteUrl, "https://elsewhere.example");
  });
});
