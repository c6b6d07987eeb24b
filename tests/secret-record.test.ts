// Unique secrets across environments: production publishes keyed fingerprints (a GitHub repository variable), staging
// compares its own with them and fails naming the shared secrets; no value ever leaves a stack.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../config";
import { FINGERPRINT_KEY, fingerprint } from "../lib/fingerprint";
import { compareWithProduction, fingerprintRecord, mustDifferFromProduction, staleSecrets } from "../lib/secret-record";
import { requiredConfigSecrets } from "../lib/catalog";
import { REFERENCED_OUTPUTS, runProgram, stateFor, type SynthResult } from "../dev/synth/index";
import { invokeFor } from "../dev/synth/invokes";
import { FINGERPRINTS_VARIABLE, publishedValue } from "../lib/published-fingerprints";
import { RecordingMonitor } from "../dev/synth/monitor";
import { realisticSecret, realisticSecrets } from "./fixtures/secrets";
import { configFor, synth } from "./harness";

const OPENAI = "chef-chopsky:openaiApiKey";
const SUPABASE = "chef-chopsky:supabaseSecretKey";

/**
 * Runs staging with realistic secrets against a repository whose variables are `variables` (name → value), and a
 * production stack whose outputs are the synth's stand-ins (only the Vercel project id).
 */
async function stagingAgainst(
  variables: Record<string, string>,
  staging: Record<string, string> = realisticSecrets("staging"),
): Promise<{ result?: SynthResult; error?: unknown; warnings: string[]; monitor: RecordingMonitor }> {
  const monitor = new RecordingMonitor(stateFor(REFERENCED_OUTPUTS), invokeFor(variables));
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
  try {
    const result = await runProgram(configFor("staging", staging), undefined, monitor);
    return { result, warnings, monitor };
  } catch (error) {
    return { error, warnings, monitor };
  } finally {
    console.warn = warn;
  }
}

/** Production's output `secretAges` for a set of production values. */
const productionRecord = (values: Record<string, string>) => ({ rotationDays: 90, ...fingerprintRecord(values) });
/** The repository variables after production's `pulumi up` with a set of production values. */
const published = (values: Record<string, string>) => ({
  [FINGERPRINTS_VARIABLE]: publishedValue(fingerprintRecord(values)),
});

describe("secret record (unique secrets across environments)", () => {
  it("fingerprints every config secret of the stack, keyed: no value, nothing a guesser can test", () => {
    const values = realisticSecrets("production");
    const record = fingerprintRecord(values);
    assert.deepEqual(Object.keys(record.secrets).sort(), requiredConfigSecrets("production").sort());
    const text = JSON.stringify(record);
    for (const v of Object.values(values)) assert.ok(!text.includes(v));
    // Unkeyed, a guesser could hash a candidate; keyed, the same value under another key says nothing.
    const otherKey = realisticSecret(FINGERPRINT_KEY, "other");
    assert.notEqual(fingerprint(otherKey, values[OPENAI]), record.secrets[OPENAI].fingerprint);
    assert.equal(fingerprint(values[FINGERPRINT_KEY], values[OPENAI]), record.secrets[OPENAI].fingerprint);
  });

  it("compares staging's own secrets (the runbook's Staging table) with every production secret", () => {
    assert.deepEqual(mustDifferFromProduction("staging").sort(), [
      "chef-chopsky:openaiApiKey",
      "chef-chopsky:railwayToken",
      "chef-chopsky:supabasePublishableKey",
      "chef-chopsky:supabaseSecretKey",
    ]);
    const prod = realisticSecrets("production");
    const staging = { ...realisticSecrets("staging"), [SUPABASE]: prod[OPENAI], "github:token": prod["github:token"] };
    const found = compareWithProduction(fingerprintRecord(staging), productionRecord(prod), "staging");
    assert.deepEqual(found, {
      kind: "compared",
      reused: [{ key: SUPABASE, productionKeys: [OPENAI] }],
      sharedCredentials: ["github:token"],
    });
    const missing = compareWithProduction(fingerprintRecord(staging), undefined, "staging");
    assert.deepEqual(missing, { kind: "missing" });
    assert.deepEqual(compareWithProduction(fingerprintRecord(staging), { keyId: 1 }, "staging"), {
      kind: "unreadable",
    });
    const rekeyed = { ...prod, [FINGERPRINT_KEY]: realisticSecret(FINGERPRINT_KEY, "other") };
    assert.deepEqual(compareWithProduction(fingerprintRecord(staging), productionRecord(rekeyed), "staging"), {
      kind: "other-key",
    });
  });

  it("both stacks export the record, not secret, without any placeholder value (offline synth)", async () => {
    for (const stack of ["production", "staging"]) {
      const result = await synth(stack);
      const ages = result.outputs.secretAges as { secrets: Record<string, { fingerprint: string }> };
      assert.ok(!result.secretOutputs.includes("secretAges"));
      assert.deepEqual(Object.keys(ages.secrets).sort(), requiredConfigSecrets(stack as "staging").sort());
      assert.ok(!JSON.stringify(ages).includes("synth-placeholder"));
    }
  });

  it("staging with all its own secrets: passes, silently", async () => {
    const { result, error, warnings } = await stagingAgainst(published(realisticSecrets("production")));
    assert.equal(error, undefined);
    assert.ok(result);
    assert.deepEqual(warnings, []);
  });

  it("staging with production's OpenAI and Supabase keys: fails naming both secrets, never a value", async () => {
    const prod = realisticSecrets("production");
    const staging = { ...realisticSecrets("staging"), [OPENAI]: prod[OPENAI], [SUPABASE]: prod[SUPABASE] };
    const { error } = await stagingAgainst(published(prod), staging);
    assert.ok(error instanceof Error, `expected the preview to fail, got ${String(error)}`);
    assert.ok(pulumi.ResourceError.isInstance(error) && error.hideStack, "under the CLI: the message alone, no stack");
    assert.match(error.message, /staging uses production secret values/);
    assert.match(error.message, /chef-chopsky:openaiApiKey \(equal to production's chef-chopsky:openaiApiKey\)/);
    assert.match(error.message, /chef-chopsky:supabaseSecretKey/);
    assert.match(error.message, /pulumi config set --secret chef-chopsky:\w+ --stack staging/);
    for (const v of Object.values(prod)) assert.ok(!error.message.includes(v));
  });

  it("production's record not published yet (first deploy): a warning, not a failure", async () => {
    const { result, error, warnings } = await stagingAgainst({ OTHER_VARIABLE: "1" });
    assert.equal(error, undefined);
    assert.ok(result);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /production has not published its secret fingerprints yet.*not compared/);
    assert.match(warnings[0], /CHEF_CHOPSKY_PRODUCTION_FINGERPRINTS/);
  });

  it("a published record this version cannot read: a warning naming the variable", async () => {
    for (const value of ["not json", JSON.stringify({ keyId: 1 })]) {
      const { error, warnings } = await stagingAgainst({ [FINGERPRINTS_VARIABLE]: value });
      assert.equal(error, undefined);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /production has published a CHEF_CHOPSKY_PRODUCTION_FINGERPRINTS this version cannot/);
    }
  });

  it("a fingerprint key that differs from production's fails: the comparison would be blind", async () => {
    const prod = { ...realisticSecrets("production"), [FINGERPRINT_KEY]: realisticSecret(FINGERPRINT_KEY, "other") };
    const { error } = await stagingAgainst(published(prod));
    assert.ok(error instanceof Error);
    assert.match(error.message, /secretFingerprintKey differs between staging and production/);
  });

  it("staging without a StackReference (vercelProjectId set, the runbook's setup) fails on a shared secret", async () => {
    const prod = realisticSecrets("production");
    const staging = {
      ...realisticSecrets("staging"),
      "chef-chopsky:vercelProjectId": "prj_abcdefghijklmnop",
      [OPENAI]: prod[OPENAI],
    };
    const { error, monitor } = await stagingAgainst(published(prod), staging);
    assert.ok(![...monitor.resources.values()].some((r) => r.type === "pulumi:pulumi:StackReference"));
    assert.deepEqual(monitor.invokes, ["github:index/getActionsVariables:getActionsVariables"], "one list call");
    assert.ok(error instanceof Error, `expected the preview to fail, got ${String(error)}`);
    assert.match(error.message, /staging uses production secret values: chef-chopsky:openaiApiKey/);
    for (const v of Object.values(prod)) assert.ok(!error.message.includes(v));
    // Without the shared value it passes, silently.
    const own = { ...realisticSecrets("staging"), "chef-chopsky:vercelProjectId": "prj_abcdefghijklmnop" };
    const clean = await stagingAgainst(published(prod), own);
    assert.equal(clean.error, undefined);
    assert.deepEqual(clean.warnings, []);
  });

  it("a weak value never gets as far as the comparison (the config validation refuses it first)", async () => {
    const { error } = await stagingAgainst({}, { ...realisticSecrets("staging"), [OPENAI]: "changeme" });
    assert.ok(error instanceof ConfigError);
  });

  it("lists the secrets older than the rotation period, oldest first", () => {
    const now = new Date("2025-06-30T12:00:00Z");
    const stale = staleSecrets(
      {
        rotationDays: 90,
        keyId: "k",
        secrets: {
          a: { fingerprint: "f", changed: "2025-04-01" }, // 90 days: not older than the period
          b: { fingerprint: "f", changed: "2025-03-31" }, // 91 days
          c: { fingerprint: "f", changed: "2024-06-30" },
          d: { fingerprint: "f" }, // offline: no date
        },
      },
      now,
    );
    assert.deepEqual(stale, [
      { key: "c", changed: "2024-06-30", ageDays: 365 },
      { key: "b", changed: "2025-03-31", ageDays: 91 },
    ]);
  });
});
