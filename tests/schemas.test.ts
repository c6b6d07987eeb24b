// One definition per format (lib/formats.ts, lib/schemas.ts): the building blocks, and the agreement of every place that checks
// the same format (config, the deploy tool's settings, the providers' `check`, the policy pack) on the same values.
import * as assert from "node:assert/strict";
import { validateConfig } from "../config";
import { readSettings } from "../deploy/agent-deploy/settings";
import { fingerprint } from "../lib/fingerprint";
import {
  fingerprintSchema,
  gitSha,
  httpsUrl,
  httpUrl,
  monitorIntervalSeconds,
  supabaseProjectRef,
  uuid,
} from "../lib/schemas";
import { supabaseRefOfHost } from "../lib/formats";
import { ServiceVariablesProvider } from "../providers/railway/variables-provider";
import { AuthSettingsProvider } from "../providers/supabase/auth-settings-provider";
import { checkMonitor, type MonitorState } from "../providers/uptimerobot/logic";
import { configFor } from "./harness";

const REF = "abcdefghijklmnopqrst";
const ID = "5f1d8a3e-2c4b-4e7a-9b0d-1a2b3c4d5e6f";
const SHA = "0123456789abcdef0123456789abcdef01234567";

/** Whether the staging config accepts one plain key with this value. */
function configAccepts(key: string, value: string): boolean {
  const offline = configFor("staging", { [`chef-chopsky:${key}`]: value });
  try {
    validateConfig("staging", offline.config, () => true, { placeholders: offline.placeholders });
    return true;
  } catch {
    return false;
  }
}

/** Whether the deploy tool's settings accept one value. */
function settingsAccept(key: "projectId" | "commit" | "agentUrl", value: string): boolean {
  const env = { RAILWAY_TOKEN: "t", RAILWAY_PROJECT_ID: ID, RAILWAY_ENVIRONMENT_ID: ID, RAILWAY_SERVICE_ID: ID };
  return readSettings({ [key]: value }, env, []).ok;
}

describe("shared schemas (lib/schemas.ts)", () => {
  it("a Supabase project ref is exactly 20 lowercase letters, no digits", () => {
    assert.equal(supabaseProjectRef().safeParse(REF).success, true);
    for (const bad of ["abcdefghijklmnopqrs", "abcdefghijklmnopqrstu", "abcdefghijklmnopqrs1", "ABCDEFGHIJKLMNOPQRST"])
      assert.equal(supabaseProjectRef().safeParse(bad).success, false, bad);
  });

  it("finds a ref in its API host, and in the legacy storage host only for the policy pack", () => {
    assert.equal(supabaseRefOfHost(`${REF}.supabase.co`), REF);
    assert.equal(supabaseRefOfHost(`${REF.toUpperCase()}.SUPABASE.CO`), REF);
    assert.equal(supabaseRefOfHost(`${REF}.supabase.in`), undefined);
    assert.equal(supabaseRefOfHost(`${REF}.supabase.in`, true), REF);
    assert.equal(supabaseRefOfHost(`abcdefghijklmnopqrs1.supabase.co`, true), undefined);
    assert.equal(supabaseRefOfHost(`db.${REF}.supabase.co`, true), undefined);
    assert.equal(supabaseRefOfHost(`${REF}.supabase.co.example.com`, true), undefined);
  });

  it("UUIDs, git shas and monitor intervals", () => {
    assert.equal(uuid().safeParse(ID).success, true);
    assert.equal(uuid().safeParse(ID.toUpperCase()).success, true);
    assert.match(uuid("the Railway project id").safeParse("prj").error!.message, /the Railway project id \(a UUID\)/);
    assert.equal(gitSha().safeParse(SHA).success, true);
    for (const bad of [SHA.slice(1), SHA.toUpperCase(), "main"]) assert.equal(gitSha().safeParse(bad).success, false);
    for (const ok of [30, 300, 86400]) assert.equal(monitorIntervalSeconds().safeParse(ok).success, true);
    for (const bad of [29, 86401, 300.5, "300"]) assert.equal(monitorIntervalSeconds().safeParse(bad).success, false);
  });

  it("a keyed fingerprint is what lib/fingerprint.ts makes, and nothing else", () => {
    const made = fingerprint("k".repeat(64), "value");
    assert.equal(fingerprintSchema().safeParse(made).success, true);
    for (const bad of [made.replace("hmac-sha256:", "sha256:"), made.slice(0, -1), "value"])
      assert.equal(fingerprintSchema().safeParse(bad).success, false, bad);
  });

  it("https URLs (http only on loopback) for config; http(s) URLs that never echo the value for probes", () => {
    const https = httpsUrl("the frontend URL");
    assert.equal(https.safeParse("https://a.example").success, true);
    assert.equal(https.safeParse("http://127.0.0.1:8080").success, true);
    assert.match(https.safeParse("http://a.example").error!.message, /the frontend URL as an https URL, got/);
    assert.equal(httpUrl().safeParse("http://a.example").success, true);
    const secretish = "ftp://hooks.example/secret-path-1234";
    const rejected = httpUrl().safeParse(secretish);
    assert.equal(rejected.success, false);
    assert.ok(!rejected.error!.message.includes("secret-path"));
  });
});

describe("every place that checks a format agrees", () => {
  it("Railway ids: config, the deploy tool's settings and the variables provider's check", async () => {
    const provider = new ServiceVariablesProvider();
    const base = { projectId: ID, environmentId: ID, serviceId: ID, variables: {} };
    for (const [value, valid] of [
      [ID, true],
      ["5f1d8a3e-2c4b-4e7a-9b0d-1a2b3c4d5e6", false],
      ["my-railway-project", false],
    ] as const) {
      assert.equal(configAccepts("railwayProjectId", value), valid, `config ${value}`);
      assert.equal(settingsAccept("projectId", value), valid, `settings ${value}`);
      const { failures } = await provider.check(base, { ...base, projectId: value });
      assert.equal(failures?.length === 0, valid, `provider ${value}`);
    }
  });

  it("Supabase refs: config, the auth settings provider's check and the policy pack", async () => {
    const provider = new AuthSettingsProvider();
    const base = { projectRef: REF, siteUrl: "https://a.example", uriAllowList: "https://a.example" };
    for (const [value, valid] of [
      [REF, true],
      ["abcdefghijklmnopqrs1", false],
      ["abcdefghijklmnopq", false],
    ] as const) {
      assert.equal(configAccepts("supabaseProjectRef", value), valid, `config ${value}`);
      const { failures } = await provider.check(base, { ...base, projectRef: value });
      assert.equal(failures?.length === 0, valid, `provider ${value}`);
      assert.equal(supabaseRefOfHost(`${value}.supabase.co`, true) === value, valid, `policy ${value}`);
    }
  });

  it("git shas: config and the deploy tool's settings; intervals: config and the monitor provider's check", () => {
    for (const [value, valid] of [
      [SHA, true],
      [SHA.toUpperCase(), false],
      ["main", false],
    ] as const) {
      assert.equal(configAccepts("agentCommit", value), valid, `config ${value}`);
      assert.equal(settingsAccept("commit", value), valid, `settings ${value}`);
    }
    const monitor: MonitorState = {
      friendlyName: "m",
      url: "https://a.example",
      type: 1,
      interval: 300,
      alertContactIds: [],
    };
    for (const [value, valid] of [
      [30, true],
      [86400, true],
      [29, false],
      [86401, false],
    ] as const) {
      assert.equal(configAccepts("agentMonitorIntervalSeconds", String(value)), valid, `config ${value}`);
      assert.equal(checkMonitor({ ...monitor, interval: value }).failures.length === 0, valid, `provider ${value}`);
    }
  });
});
