// The providers' shared helper, registry and SecretAges record at their edges: blank values, a client made before
// any configure, a thrown non-Error with a message, a provider without every method, an unknown kind, and the
// record's own checks, key order and resource inputs.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { asError, served, ServiceAccess, setProviderRuntimeForTests } from "../providers/kit";
import { provider } from "../providers/registry";
import {
  nextRecord,
  SecretAges,
  type SecretAgesState,
  secretAgesProvider,
  utcDate,
} from "../providers/secret-ages/provider";
import { recordInputs, useDefaultMocks } from "./setup";

const FP = (n: number) => `hmac-sha256:${String(n).repeat(64).slice(0, 64)}`;
const ages = secretAgesProvider as Required<pulumi.dynamic.ResourceProvider<SecretAgesState, SecretAgesState>>;

describe("providers: edges", () => {
  const echo = () =>
    new ServiceAccess({
      name: "Echo",
      credentialConfig: "chef-chopsky:echoToken",
      credentialEnv: ["ECHO_TOKEN"],
      apiUrlConfig: "chef-chopsky:echoApiUrl",
      connect: (c) => c,
    });
  const saved = process.env.ECHO_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.ECHO_TOKEN;
    else process.env.ECHO_TOKEN = saved;
    setProviderRuntimeForTests();
  });

  it("a client before any configure: the environment's credential and the default API URL", () => {
    process.env.ECHO_TOKEN = "env";
    assert.deepEqual([echo().client().credential, echo().client().apiUrl], ["env", undefined]);
  });

  it("a blank recorded API URL or config value counts as none; values are trimmed", () => {
    const access = echo();
    const values: Record<string, string> = { "chef-chopsky:echoToken": " tok ", "chef-chopsky:echoApiUrl": " " };
    access.configure({ config: { get: (k: string) => values[k] } });
    assert.deepEqual([access.client().credential, access.client().apiUrl], ["tok", undefined]);
    values["chef-chopsky:echoApiUrl"] = "http://127.0.0.1:9/v2";
    access.configure({ config: { get: (k: string) => values[k] } });
    assert.equal(access.client("  ").apiUrl, "http://127.0.0.1:9/v2");
  });

  it("a thrown object keeps its message; without one it names the service and operation", () => {
    assert.equal(asError({ message: "boom" }).message, "boom");
    assert.equal(asError({ message: "", service: "S", operation: "op" }).message, "S op failed");
    assert.equal(asError("x").message, "provider call failed");
  });

  it("serves only the methods a provider has (the engine asks whether read or diff exist)", () => {
    const out = served({ create: async () => ({ id: "x" }) });
    assert.deepEqual(Object.keys(out), ["create"]);
  });

  it("names the known kinds for an unknown one, an inherited name included", () => {
    for (const kind of ["nope", "toString"]) {
      assert.throws(() => provider(kind), {
        message: `no dynamic provider ${JSON.stringify(kind)} in uptimerobot:Monitor, uptimerobot:AlertContact, railway:ServiceVariables, supabase:AuthSettings, secrets:SecretAges`,
      });
    }
  });
});

describe("SecretAges: edges", () => {
  afterEach(() => useDefaultMocks());
  const unknown = pulumi.runtime.unknownValue as never;

  it("dates a change by its UTC day", () => {
    assert.equal(utcDate(new Date("2026-01-02T23:59:59-05:00")), "2026-01-03");
  });

  it("records secrets in key order, and compares records whatever their order", async () => {
    const news = { keyId: FP(1), secrets: { b: { fingerprint: FP(2) }, a: { fingerprint: FP(3) } } };
    assert.deepEqual(Object.keys(nextRecord(undefined, news, "2026-01-01").secrets), ["a", "b"]);
    const one = {
      keyId: FP(1),
      secrets: { a: { fingerprint: FP(3), changed: "d" }, b: { fingerprint: FP(2), changed: "d" } },
    };
    const other = { keyId: FP(1), secrets: { b: one.secrets.b, a: one.secrets.a } };
    assert.deepEqual(await ages.diff("secret-ages", one, other), { changes: false, replaces: [] });
  });

  it("check: leaves a record with an unknown part as it is; refuses a bad key id or a missing fingerprint", async () => {
    const news = { keyId: unknown, secrets: { a: { fingerprint: FP(3) } } };
    assert.deepEqual(await ages.check({} as SecretAgesState, news), { inputs: news });
    const bad = { keyId: "k1", secrets: { a: null, b: { fingerprint: FP(2) } } } as never;
    assert.deepEqual((await ages.check({} as SecretAgesState, bad)).failures, [
      { property: "keyId", reason: "must be a key id" },
      { property: "secrets", reason: "a: must be an hmac-sha256 fingerprint" },
    ]);
  });

  it("is one record per stack, made from the key id and the fingerprints", async () => {
    assert.equal((await ages.create({ keyId: FP(1), secrets: {} })).id, "secret-ages");
    const recorded = await recordInputs();
    const record = new SecretAges("ages", { keyId: FP(1), secrets: { a: { fingerprint: FP(3) } } });
    await new Promise<void>((done) => record.urn.apply(() => done()));
    assert.deepEqual([recorded[0].keyId, recorded[0].secrets], [FP(1), { a: { fingerprint: FP(3) } }]);
  });
});
