// no-secrets-in-actions-variables: GitHub Actions variables are plaintext, so none is named like a secret or holds a
// secret-shaped value. The program declares one variable, production's published fingerprints, which holds keyed
// fingerprints only and is written by production only; the other mutations add one to the real production synth, as
// a copy of a real environment secret turned into a variable (the mistake the rule is for).
import * as assert from "node:assert/strict";
import type { SynthJson } from "../../dev/policy/synth-json";
import { evaluate, expectClean, expectViolation } from "../fixtures/policy/evaluate";
import { addCopy, inputsOf, mutate, useBaselines } from "../fixtures/policy/baseline";
import { GH } from "../fixtures/policy/fake-secrets";

const P = "no-secrets-in-actions-variables";
const VARIABLE_TYPES = {
  environment: "github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable",
  repository: "github:index/actionsVariable:ActionsVariable",
  organization: "github:index/actionsOrganizationVariable:ActionsOrganizationVariable",
};

describe(`policy ${P}`, () => {
  const stacks = useBaselines();
  const withVariable = (inputs: Record<string, unknown>, type = VARIABLE_TYPES.environment): SynthJson =>
    mutate(stacks.production, (s) =>
      addCopy(s, "github-secret-sentry-dsn", "var", {
        type,
        inputs: { repository: "chef-chopsky", environment: "production", ...inputs },
        replaceInputs: true,
      }),
    );

  it("baseline: production passes", () => expectClean(stacks.production, P));
  it("baseline: staging passes", () => expectClean(stacks.staging, P));

  it("mutation: a plain variable (FRONTEND_URL) → still passes every policy", () =>
    expectClean(withVariable({ variableName: "FRONTEND_URL", value: "https://chef-chopsky-production.vercel.app" })));
  for (const [scope, type] of Object.entries(VARIABLE_TYPES)) {
    it(`mutation: a ${scope} variable named like a catalog secret → violation`, () =>
      expectViolation(
        withVariable({ variableName: "VERCEL_TOKEN", value: "x" }, type),
        P,
        /VERCEL_TOKEN is a catalog secret: write it as an ActionsEnvironmentSecret/,
        "var",
      ));
  }
  it("mutation: a variable named like a credential → violation", () =>
    expectViolation(
      withVariable({ variableName: "MY_API_KEY", value: "x" }),
      P,
      /MY_API_KEY is named like a credential/,
    ));
  it("mutation: a secret-shaped value under a plain name → violation, the value withheld", async () => {
    const v = await expectViolation(
      withVariable({ variableName: "BUILD_FLAGS", value: `--key ${GH}` }),
      P,
      /BUILD_FLAGS holds a secret-shaped value: GitHub token/,
    );
    assert.ok(!v.message.includes(GH));
  });
  it("mutation: a secret-shaped value without a name → violation", () =>
    expectViolation(withVariable({ value: GH }), P, /^the variable holds a secret-shaped value/));
  it("mutation: a catalog name is reported once, not also as credential-like", async () => {
    const found = await evaluate(withVariable({ variableName: "SENTRY_AUTH_TOKEN", value: "x" }), P);
    assert.equal(found.length, 1, JSON.stringify(found));
  });
  it("mutation: a variable without a value → only its name is checked", () =>
    expectViolation(withVariable({ variableName: "DB_PASSWORD" }), P, /^DB_PASSWORD is named like a credential/));
  it("baseline: production publishes its fingerprints in a variable, staging writes none", () => {
    assert.equal(inputsOf(stacks.production, "secrets-published").variableName, "CHEF_CHOPSKY_PRODUCTION_FINGERPRINTS");
    assert.ok(!stacks.staging.resources.some((r) => r.type === VARIABLE_TYPES.repository));
  });
  const published = (synth: SynthJson) =>
    JSON.parse(String(inputsOf(synth, "secrets-published").value)) as {
      secrets: Record<string, Record<string, unknown>>;
    };
  const withPublished = (change: (record: ReturnType<typeof published>) => void) =>
    mutate(stacks.production, (s) => {
      const record = published(s);
      change(record);
      inputsOf(s, "secrets-published").value = JSON.stringify(record);
    });
  it("mutation: the published record carries a value beside a fingerprint → violation, the value withheld", async () => {
    const v = await expectViolation(
      withPublished((r) => (r.secrets["github:token"].value = GH)),
      P,
      /CHEF_CHOPSKY_PRODUCTION_FINGERPRINTS holds a secret-shaped value: GitHub token/,
    );
    assert.ok(!v.message.includes(GH));
    await expectViolation(
      withPublished((r) => (r.secrets["github:token"].value = "plain")),
      P,
      /holds something other than a fingerprint for github:token: it may hold only the key id and keyed/,
    );
  });
  const withPublishedText = (text: string) =>
    mutate(stacks.production, (s) => (inputsOf(s, "secrets-published").value = text));
  const fp = (n: number) => `hmac-sha256:${String(n).repeat(64).slice(0, 64)}`;
  const RECORD_PROBLEMS: [string, string, RegExp][] = [
    ["text that is not JSON", "fingerprints", /FINGERPRINTS is not JSON: it may hold only/],
    ["a JSON string", '"fingerprints"', /is not a JSON object/],
    ["JSON null", "null", /is not a JSON object/],
    [
      "another format",
      JSON.stringify({ format: 2, keyId: fp(1), secrets: {} }),
      /is not \{ format: 1, keyId, secrets \}/,
    ],
    ["no key id", JSON.stringify({ format: 1, secrets: {} }), /is not \{ format: 1, keyId, secrets \}/],
    ["a key id that is no fingerprint", JSON.stringify({ format: 1, keyId: "k1", secrets: {} }), /is not \{ format: 1/],
    ["a field beside them", JSON.stringify({ format: 1, keyId: fp(1), secrets: {}, note: "x" }), /is not \{ format: 1/],
    ["no secrets object", JSON.stringify({ format: 1, keyId: fp(1) }), /has no secrets object/],
    ["secrets that are null", JSON.stringify({ format: 1, keyId: fp(1), secrets: null }), /has no secrets object/],
    [
      "an entry that is no object",
      JSON.stringify({ format: 1, keyId: fp(1), secrets: { "github:token": fp(2) } }),
      /holds something other than a fingerprint for github:token/,
    ],
    [
      "an entry whose fingerprint is not one",
      JSON.stringify({ format: 1, keyId: fp(1), secrets: { "github:token": { fingerprint: "abc" } } }),
      /holds something other than a fingerprint for github:token/,
    ],
    [
      "an entry with another field instead",
      JSON.stringify({ format: 1, keyId: fp(1), secrets: { "github:token": { digest: fp(2) } } }),
      /holds something other than a fingerprint for github:token/,
    ],
  ];
  for (const [what, text, message] of RECORD_PROBLEMS) {
    it(`mutation: the published record is ${what} → violation`, () =>
      expectViolation(withPublishedText(text), P, message));
  }
  it("mutation: the published record not known yet (a preview before production's first up) → skipped", () =>
    expectClean(
      mutate(stacks.production, (s) => delete inputsOf(s, "secrets-published").value),
      P,
    ));
  it("mutation: the published record in its exact format, with any published key → passes", () =>
    expectClean(
      withPublishedText(
        JSON.stringify({ format: 1, keyId: fp(1), secrets: { "github:token": { fingerprint: fp(2) } } }),
      ),
      P,
    ));
  it("mutation: the record publishes a secret no environment is compared on → violation", () =>
    expectViolation(
      withPublished((r) => (r.secrets["chef-chopsky:langchainApiKey"] = r.secrets["github:token"])),
      P,
      /publishes chef-chopsky:langchainApiKey, which no other environment is compared on/,
    ));
  it("mutation: staging writes production's published fingerprints → violation (it could hide a shared secret)", () =>
    expectViolation(
      mutate(stacks.staging, (s) =>
        addCopy(s, "github-secret-sentry-dsn", "published", {
          type: VARIABLE_TYPES.repository,
          inputs: { repository: "chef-chopsky", variableName: "CHEF_CHOPSKY_PRODUCTION_FINGERPRINTS", value: "{}" },
          replaceInputs: true,
        }),
      ),
      P,
      /only the production stack writes it/,
    ));
  it("mutation: a secret-shaped value in a GitHub secret (not a variable) → not this rule's business", async () => {
    const ok = mutate(stacks.production, (s) => (inputsOf(s, "github-secret-sentry-auth-token").value = GH));
    assert.deepEqual(await evaluate(ok, P), []);
  });
});
