// The dynamic resources as the state records them: `__provider` is a reference to the provider by name, the same
// text whatever the stack, its config or its credentials; loaded exactly as the dynamic-provider host loads it (from
// the program's directory, or from one below it as the engine suite's work directory is), configured with the stack
// config only, it runs against the fakes, and what it throws is an Error that names no token.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { runProgram, PROJECT_DIR } from "../dev/synth/index";
import { RecordingMonitor } from "../dev/synth/monitor";
import { ENVIRONMENT_NAMES } from "../lib/environments";
import { providerReference } from "../providers/resource";
import type { ProviderKind } from "../providers/registry";
import type { ServiceVariablesOutputs } from "../providers/railway/variables-provider";
import type { AuthSettingsOutputs } from "../providers/supabase/auth-settings-provider";
import { configFor } from "./harness";
import { RailwayFake } from "./fakes/railway";
import { useFake } from "./fakes/server";
import { SupabaseFake } from "./fakes/supabase";
import { FAKE_API_KEY, useUptimeRobot } from "./fakes/uptimerobot";

type Provider = Required<pulumi.dynamic.ResourceProvider>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- what the host itself uses (cmd/dynamic-provider)
const requireFromString = require("require-from-string") as (code: string) => { handler: () => Provider };

const DYNAMIC = "pulumi-nodejs:dynamic/";

/** Loads a `__provider` text as the dynamic-provider host does, with `cwd` as the host's working directory. */
function load(text: string, cwd = PROJECT_DIR): Provider {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return requireFromString(text).handler();
  } finally {
    process.chdir(before);
  }
}

/** A configure request with only the stack config (the engine passes every key of it to dynamic providers). */
const configure = (p: Provider, values: Record<string, string>) =>
  p.configure({ config: { get: (k) => values[k], require: (k) => values[k] ?? assert.fail(`missing ${k}`) } });

describe("dynamic providers by reference", () => {
  it("the real program registers every dynamic resource with its kind's reference, and nothing else", async () => {
    const kinds: string[] = [];
    for (const stack of ENVIRONMENT_NAMES) {
      const monitor = new RecordingMonitor();
      await runProgram(configFor(stack), undefined, monitor);
      for (const r of monitor.resources.values()) {
        if (!r.type.startsWith(DYNAMIC)) continue;
        const kind = r.type.slice(DYNAMIC.length).replace("/", ":") as ProviderKind;
        kinds.push(`${stack} ${kind}`);
        assert.equal(r.rawInputs.__provider, providerReference(kind), r.urn);
        assert.equal(r.rawInputs.apiUrl, undefined, `${r.urn}: an API URL is stack config, not state`);
      }
    }
    assert.deepEqual(kinds.sort(), [
      ...ENVIRONMENT_NAMES.flatMap((s) => [
        `${s} railway:ServiceVariables`,
        `${s} secrets:SecretAges`,
        `${s} supabase:AuthSettings`,
        `${s} uptimerobot:AlertContact`,
        `${s} uptimerobot:Monitor`,
        `${s} uptimerobot:Monitor`,
      ]),
    ]);
  });

  it("an unknown kind fails naming the known ones", () => {
    assert.throws(
      () => load(providerReference("nope:Nope" as ProviderKind)),
      /no dynamic provider "nope:Nope" in uptimerobot:Monitor, uptimerobot:AlertContact/,
    );
  });

  describe("Railway and Supabase, configured by the stack config only", () => {
    const railway = useFake(() => new RailwayFake());
    const supabase = useFake(() => new SupabaseFake());
    const below = path.join(PROJECT_DIR, "tests", "fixtures");

    it("ServiceVariables: creates, reads drift and deletes; loaded from below the program's directory too", async () => {
      for (const cwd of [PROJECT_DIR, below]) {
        const p = load(providerReference("railway:ServiceVariables"), cwd);
        await configure(p, {
          "chef-chopsky:railwayToken": railway().projectToken,
          "chef-chopsky:railwayApiUrl": railway().graphqlUrl,
        });
        const created = await p.create({ ...railway().target, variables: { A: "1" } });
        railway().setVariable("A", "drifted");
        const read = await p.read(created.id, created.outs as ServiceVariablesOutputs);
        assert.deepEqual((read.props as ServiceVariablesOutputs).variables, { A: "drifted" });
        await p.delete(created.id, created.outs as ServiceVariablesOutputs);
        assert.deepEqual(railway().vars(), {});
      }
    });

    it("ServiceVariables: a refused token is an Error with Railway's message, without the token", async () => {
      const p = load(providerReference("railway:ServiceVariables"));
      await configure(p, {
        "chef-chopsky:railwayToken": "rw-wrong-token-123456",
        "chef-chopsky:railwayApiUrl": railway().graphqlUrl,
      });
      await assert.rejects(
        p.create({ ...railway().target, variables: { A: "1" } }),
        (e: unknown) =>
          e instanceof Error &&
          /^Railway variableCollectionUpsert failed: Not Authorized/.test(e.message) &&
          !e.message.includes("rw-wrong-token-123456"),
      );
    });

    it("AuthSettings: patches and reads drift", async () => {
      const p = load(providerReference("supabase:AuthSettings"));
      await configure(p, {
        "chef-chopsky:supabaseAccessToken": supabase().token,
        "chef-chopsky:supabaseApiUrl": supabase().url,
      });
      const inputs = {
        projectRef: supabase().projectRef,
        siteUrl: "https://chef-chopsky.vercel.app",
        uriAllowList: "https://chef-chopsky.vercel.app",
      };
      const created = await p.create(inputs);
      supabase().setConfig({ site_url: "https://elsewhere.example" });
      const read = await p.read(created.id, created.outs as AuthSettingsOutputs);
      assert.equal((read.props as AuthSettingsOutputs).siteUrl, "https://elsewhere.example");
    });
  });

  describe("UptimeRobot, as the host runs it", () => {
    const { fake } = useUptimeRobot();
    const WEBHOOK = "https://hooks.example.test/services/T000/B000/secret-token-1234";
    const inputs = () => ({
      friendlyName: "Chef Chopsky production frontend",
      url: "https://chef-chopsky.vercel.app",
      type: 1,
      interval: 300,
      alertContactIds: [],
    });

    it("configure, create, read, update, delete; errors are Errors with a message", async () => {
      delete process.env.UPTIME_ROBOT_API_KEY;
      const config = {
        "chef-chopsky:uptimeRobotApiKey": FAKE_API_KEY,
        "chef-chopsky:uptimeRobotApiUrl": fake().apiUrl,
      };
      const monitor = load(providerReference("uptimerobot:Monitor"));
      await configure(monitor, config);
      fake().inject({ kind: "429", retryAfterSeconds: 0 }, 1).inject({ kind: "lost" }, 1, "newMonitor");
      const { id } = await monitor.create(inputs());
      assert.equal((await monitor.read(id, inputs())).id, id);
      await monitor.update(id, inputs(), { ...inputs(), interval: 600 });
      fake().inject({ kind: "500" }, 4, "getMonitors");
      const failed = await monitor.read(id, inputs()).catch((e: unknown) => e);
      assert.ok(failed instanceof Error, `not an Error: ${String(failed)}`);
      assert.match(failed.message, /^UptimeRobot getMonitors failed: HTTP 500: .*after 4 attempts$/);
      await assert.rejects(
        monitor.create({ ...inputs(), url: "https://other.example.test", interval: 10 }),
        /invalid_parameter: interval parameter is wrong\. \(parameter interval = "10"\)/,
      );
      await monitor.delete(id, inputs());
      assert.deepEqual(fake().storedMonitors(), []);
      const contact = load(providerReference("uptimerobot:AlertContact"));
      await configure(contact, config);
      const made = await contact.create({ friendlyName: "alerts", type: 5, value: WEBHOOK });
      assert.equal((await contact.read(made.id, { value: WEBHOOK })).id, made.id);
    });
  });
});
