// Production's published fingerprints (lib/published-fingerprints.ts): what the repository variable holds (keyed
// fingerprints of the few secrets another environment could share, never a value), why publishing them is safe
// (each is a value production's config validation admits only in its service's full random format), and how staging
// fails when it cannot read them.
import * as assert from "node:assert/strict";
import { runProgram, stateFor, REFERENCED_OUTPUTS } from "../dev/synth/index";
import { RecordingMonitor } from "../dev/synth/monitor";
import { secretIssues } from "../lib/secret-config";
import { minimumLengthOf } from "../lib/secret-strength";
import { FINGERPRINTS_VARIABLE, publishedKeys, readPublished } from "../lib/published-fingerprints";
import { requiredConfigSecrets } from "../lib/catalog";
import { fingerprintRecord } from "../lib/secret-record";
import { realisticSecrets } from "./fixtures/secrets";
import { configFor } from "./harness";

const VARIABLE = "github:index/actionsVariable:ActionsVariable";

describe("published fingerprints (production → other environments, no stack access)", function () {
  this.timeout(20000);

  it("publishes only the secrets another environment is compared on, never the fingerprint key", () => {
    assert.deepEqual(publishedKeys(), [
      "chef-chopsky:openaiApiKey",
      "chef-chopsky:railwayToken",
      "chef-chopsky:supabaseAccessToken",
      "chef-chopsky:supabasePublishableKey",
      "chef-chopsky:supabaseSecretKey",
      "github:token",
    ]);
    const kept = requiredConfigSecrets("production").filter((k) => !publishedKeys().includes(k));
    for (const k of ["chef-chopsky:langchainApiKey", "chef-chopsky:sentryAuthToken", "vercel:apiToken"])
      assert.ok(kept.includes(k), `${k} stays in production's state`);
  });

  it("every published secret is admitted only in its service's full format: a guess cannot be tested", () => {
    // The fingerprint key is readable by staging's CI, so a published fingerprint can be tested against guesses;
    // production's config validation is what keeps each published value out of reach of guessing.
    const strong = realisticSecrets("production");
    const secret = () => true;
    assert.deepEqual(secretIssues("production", "production", "chef-chopsky", strong, secret), []);
    for (const key of publishedKeys()) {
      // 34 characters at least; the weakest are a Railway token (a UUID: 122 random bits) and a Supabase secret key
      // (24+ base-62 characters after sb_secret_: 143 bits), beyond any guess list.
      const min = minimumLengthOf(key);
      assert.ok(min !== undefined && min >= 34, `${key}: a minimum length of at least 34, got ${min}`);
      for (const weak of [
        strong[key].slice(0, min - 1),
        `${strong[key].slice(0, 8)}changeme${strong[key].slice(16)}`,
      ]) {
        const issues = secretIssues("production", "production", "chef-chopsky", { ...strong, [key]: weak }, secret);
        assert.deepEqual(
          issues.map((i) => i.path),
          [key],
          `a weak ${key} must be refused before it is fingerprinted and published`,
        );
        assert.ok(!issues[0].message.includes(weak));
      }
    }
  });

  it("production's up writes the variable: not secret, fingerprints only, no value of any secret", async () => {
    const values = realisticSecrets("production");
    const result = await runProgram(configFor("production", values));
    const variables = result.resources.filter((r) => r.type === VARIABLE);
    assert.equal(variables.length, 1);
    const [variable] = variables;
    assert.equal(variable.inputs.variableName, FINGERPRINTS_VARIABLE);
    assert.equal(variable.inputs.repository, "chef-chopsky");
    assert.deepEqual(variable.secretInputs, [], "a plain variable: staging reads it, the policy pack checks it");
    const text = String(variable.inputs.value);
    for (const [key, v] of Object.entries(values)) assert.ok(!text.includes(v), `${key}'s value is published`);
    const record = fingerprintRecord(values);
    const published = readPublished([{ name: FINGERPRINTS_VARIABLE, value: text }]);
    assert.deepEqual(published, {
      format: 1,
      keyId: record.keyId,
      secrets: Object.fromEntries(publishedKeys().map((k) => [k, { fingerprint: record.secrets[k].fingerprint }])),
    });
  });

  it("staging whose token cannot read the variables: fails naming the permission it needs", async () => {
    const monitor = new RecordingMonitor(stateFor(REFERENCED_OUTPUTS), () => undefined);
    await assert.rejects(
      runProgram(configFor("staging", realisticSecrets("staging")), undefined, monitor),
      /staging could not read production's published fingerprints \(repository variable CHEF_CHOPSKY_PRODUCTION_FINGERPRINTS of chef-chopsky\/chef-chopsky\).*"Variables: read"/s,
    );
  });

  it("reads the variable by GitHub's case-insensitive name; absent is undefined, not JSON is unreadable", () => {
    assert.deepEqual(readPublished([{ name: FINGERPRINTS_VARIABLE.toLowerCase(), value: '{"a":1}' }]), { a: 1 });
    assert.equal(readPublished([{ name: "OTHER", value: "{}" }]), undefined);
    assert.equal(readPublished(undefined), undefined);
    assert.deepEqual(readPublished([{ name: FINGERPRINTS_VARIABLE, value: "{" }]), {});
  });
});
