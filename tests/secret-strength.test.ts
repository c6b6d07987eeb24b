// Strong secrets, checked before anything is registered: the service's real format, and nothing placeholder-like.
import * as assert from "node:assert/strict";
import { ConfigError, validateConfig } from "../config";
import { requiredConfigSecrets } from "../lib/catalog";
import { ENVIRONMENT_NAMES } from "../lib/environments";
import { placeholderProblem, secretStrengthProblem, STRENGTH_RULE_KEYS } from "../lib/secret-strength";
import { placeholderFor } from "../dev/synth/stack-config";
import { realisticSecret, realisticSecrets } from "./fixtures/secrets";
import { configFor, synth } from "./harness";

const OPENAI = "chef-chopsky:openaiApiKey";

/** Validates a stack's YAML config with changes, as the CLI would (no offline placeholders accepted). */
function validate(stack: "production" | "staging", changes: Record<string, string | undefined>) {
  const offline = configFor(stack, changes);
  return validateConfig(stack, offline.config, (k) => offline.secretKeys.includes(k));
}

function issuesOf(stack: "production" | "staging", changes: Record<string, string | undefined>) {
  try {
    validate(stack, changes);
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.issues;
  }
}

describe("secret strength", () => {
  it("has a format rule for every config secret of both stacks", () => {
    for (const env of ENVIRONMENT_NAMES)
      for (const key of requiredConfigSecrets(env)) assert.ok(STRENGTH_RULE_KEYS.includes(key), `${key} has no rule`);
  });

  it("accepts a realistic value of every kind", () => {
    for (const key of STRENGTH_RULE_KEYS) {
      for (const seed of ["a", "b", "c"])
        assert.equal(secretStrengthProblem(key, realisticSecret(key, seed)), undefined, key);
    }
  });

  it("accepts legacy Supabase JWTs and the other real key kinds", () => {
    // A legacy anon/service_role key: a signed JWT (header.payload.signature) of a few hundred characters.
    const payload = realisticSecret("vercel:apiToken", "jwt-payload").repeat(5);
    const legacy = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${payload}.${realisticSecret("vercel:apiToken", "sig")}Ab9x`;
    assert.equal(secretStrengthProblem("chef-chopsky:supabaseSecretKey", legacy), undefined);
    assert.equal(secretStrengthProblem("chef-chopsky:supabasePublishableKey", legacy), undefined);
    const legacyOpenAi = `sk-${realisticSecret("vercel:apiToken", "1")}${realisticSecret("vercel:apiToken", "2")}`;
    assert.equal(secretStrengthProblem(OPENAI, legacyOpenAi), undefined, "a legacy sk- + 48 key");
    const github = `github_pat_${realisticSecret("vercel:apiToken", "3")}_${realisticSecret("chef-chopsky:openaiApiKey").slice(8, 67)}`;
    assert.equal(secretStrengthProblem("github:token", github.replace(/-/g, "x")), undefined);
  });

  it("refuses values shorter than the service's format", () => {
    for (const key of STRENGTH_RULE_KEYS) {
      const real = realisticSecret(key);
      const short = key.endsWith("Url") || key.endsWith("Dsn") ? real.slice(0, 20) : real.slice(0, 23);
      assert.ok(secretStrengthProblem(key, short), `${key}: a 20-23 character prefix of a real value is refused`);
    }
    assert.match(secretStrengthProblem(OPENAI, realisticSecret(OPENAI).slice(0, 50)) ?? "", /shorter than an OpenAI/);
  });

  it("refuses the wrong kind of key, saying which kind is expected", () => {
    const uptime = realisticSecret("chef-chopsky:uptimeRobotApiKey");
    assert.match(
      secretStrengthProblem("chef-chopsky:uptimeRobotApiKey", `m${uptime.slice(1)}`) ?? "",
      /monitor-specific/,
    );
    assert.match(secretStrengthProblem("chef-chopsky:uptimeRobotApiKey", `ur${uptime.slice(1)}`) ?? "", /read-only/);
    const openaiAsSupabase = realisticSecret(OPENAI);
    assert.match(secretStrengthProblem("chef-chopsky:supabaseSecretKey", openaiAsSupabase) ?? "", /sb_secret_/);
    assert.match(
      secretStrengthProblem(OPENAI, realisticSecret("chef-chopsky:supabaseSecretKey")) ?? "",
      /start with sk-/,
    );
    const pat = realisticSecret("chef-chopsky:supabaseAccessToken");
    assert.match(
      secretStrengthProblem("chef-chopsky:supabaseAccessToken", pat.toUpperCase().replace("SBP_", "sbp_")) ?? "",
      /40 hex/,
    );
    const dsn = new URL(realisticSecret("chef-chopsky:sentryDsn"));
    assert.match(secretStrengthProblem("chef-chopsky:sentryDsn", `${dsn.origin}${dsn.pathname}`) ?? "", /public key/);
    assert.match(
      secretStrengthProblem(
        "chef-chopsky:alertWebhookUrl",
        realisticSecret("chef-chopsky:alertWebhookUrl").replace("https:", "http:"),
      ) ?? "",
      /https/,
    );
    // Plain http only on loopback (the engine suite's local web-hook), never on a real host.
    const path = new URL(realisticSecret("chef-chopsky:alertWebhookUrl")).pathname;
    assert.equal(secretStrengthProblem("chef-chopsky:alertWebhookUrl", `http://127.0.0.1:41234${path}`), undefined);
    assert.match(secretStrengthProblem("chef-chopsky:alertWebhookUrl", `http://10.0.0.1:41234${path}`) ?? "", /https/);
    assert.match(
      secretStrengthProblem("chef-chopsky:secretFingerprintKey", realisticSecret(OPENAI).slice(8, 80)) ?? "",
      /not hex/,
    );
  });

  it("refuses placeholder-like values: the README's and RUNBOOK's samples, changeme, test…, example", () => {
    const samples = [
      "changeme",
      "CHANGE_ME-please-0000",
      "sk-…",
      "sbp_…",
      "<value>",
      "<your-openai-key>",
      "test",
      "testtesttesttesttesttesttesttesttesttesttesttesttesttest",
      `sk-proj-test${realisticSecret(OPENAI).slice(12)}`,
      `sk-example${realisticSecret(OPENAI).slice(10)}`,
      `sk-proj-${"x".repeat(60)}`,
      `sk-proj-${"0".repeat(60)}`,
      "https://example.com/webhook/abcdefghijklmnop",
      ["https://hooks.slack.com", "services", "T000", "B000", "XXXXXXXXXXXXXXXX"].join("/"), // built: the scan
      placeholderFor("production", OPENAI),
    ];
    for (const value of samples) assert.ok(placeholderProblem(value) ?? secretStrengthProblem(OPENAI, value), value);
    for (const value of samples.slice(8))
      assert.match(secretStrengthProblem(OPENAI, value) ?? "", /placeholder/, value);
  });

  describe("in the config validation", () => {
    it("accepts a stack whose secrets are all realistic (as under the CLI: no placeholders)", () => {
      for (const env of ENVIRONMENT_NAMES) assert.deepEqual(issuesOf(env, realisticSecrets(env)), []);
      assert.equal(validate("staging", realisticSecrets("staging")).secretRotationDays, 90, "the documented default");
    });

    it("refuses a weak value on production and on staging, naming the key and never the value", () => {
      for (const env of ENVIRONMENT_NAMES) {
        const weak = `sk-proj-${"changeme".repeat(8)}`;
        const issues = issuesOf(env, { ...realisticSecrets(env), [OPENAI]: weak });
        assert.deepEqual(
          issues.map((i) => i.path),
          [OPENAI],
        );
        assert.match(issues[0].message, /placeholder.*pulumi config set --secret chef-chopsky:openaiApiKey --stack/);
        assert.ok(!issues[0].message.includes(weak) && !issues[0].message.includes("changeme"));
      }
    });

    it("refuses the offline synth's placeholders under the CLI, and accepts them only in the synth", async () => {
      const issues = issuesOf("production", {});
      assert.ok(issues.length >= 10, "every placeholder secret is refused under the CLI");
      assert.ok(issues.every((i) => /placeholder/.test(i.message) && !i.message.includes("synth-placeholder")));
      const result = await synth("production");
      assert.ok(result.resources.length > 10, "the synth still runs offline");
    });

    it("the offline synth still refuses a weak value that is not one of its placeholders", async () => {
      await assert.rejects(synth("staging", { [OPENAI]: "sk-test" }), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(
          err.issues.map((i) => i.path),
          [OPENAI],
        );
        return true;
      });
    });
  });
});
