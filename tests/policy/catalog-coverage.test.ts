// The two advisory catalog rules: environment-secrets-declared (every catalog secret of the environment is declared
// somewhere) and secrets-documented-in-catalog (every secret written is a catalog entry, every Vercel variable says
// its source). Baselines: the real synth of each stack.
import * as assert from "node:assert/strict";
import { secretsOf } from "../../lib/catalog";
import { evaluate, expectClean, expectViolation } from "../fixtures/policy/evaluate";
import { addCopy, fullName, inputsOf, mutate, resourceOf, useBaselines } from "../fixtures/policy/baseline";

describe("policy environment-secrets-declared (advisory)", () => {
  const P = "environment-secrets-declared";
  const stacks = useBaselines();
  const without = (stack: "production" | "staging", suffix: string) =>
    mutate(stacks[stack], (s) => (s.resources = s.resources.filter((r) => r.name !== fullName(s, suffix))));

  it("baseline: production passes", () => expectClean(stacks.production, P));
  it("baseline: staging passes", () => expectClean(stacks.staging, P));

  it("mutation: production's LANGCHAIN_API_KEY secret removed → advisory on the stack", async () => {
    const v = await expectViolation(
      without("production", "github-secret-langchain-api-key"),
      P,
      /^the production stack does not declare LANGCHAIN_API_KEY\.$/,
      "pulumi:pulumi:Stack::chef-chopsky-production",
    );
    assert.equal(v.level, "advisory");
  });
  it("mutation: a secret removed, the root listed last → the advisory is still on the root", () =>
    expectViolation(
      mutate(without("production", "github-secret-langchain-api-key"), (s) => s.resources.push(s.resources.shift()!)),
      P,
      /does not declare LANGCHAIN_API_KEY/,
      "pulumi:pulumi:Stack::chef-chopsky-production",
    ));
  it("mutation: the secret moved to repository level → not declared for the environment", () =>
    expectViolation(
      mutate(
        stacks.production,
        (s) => (resourceOf(s, "github-secret-langchain-api-key").type = "github:index/actionsSecret:ActionsSecret"),
      ),
      P,
      /does not declare LANGCHAIN_API_KEY/,
    ));
  it("mutation: three secrets removed, two declared nowhere else → both named in one advisory", async () => {
    const gone = [
      "github-secret-sentry-dsn",
      "github-secret-staging-openai-api-key",
      "github-secret-alert-webhook-url",
    ];
    const bad = mutate(stacks.staging, (s) => {
      s.resources = s.resources.filter((r) => !gone.some((g) => r.name === fullName(s, g)));
    });
    // SENTRY_DSN is still the source of a Vercel variable; the other two are declared nowhere else.
    assert.deepEqual(
      (await evaluate(bad, P)).map((v) => v.message),
      ["the staging stack does not declare STAGING_OPENAI_API_KEY, ALERT_WEBHOOK_URL."],
    );
  });
  it("mutation: the secret removed but cited as catalog:NAME by another resource → declared", async () => {
    assert.ok(secretsOf("staging").some((x) => x.name === "STAGING_SUPABASE_URL"));
    const removed = without("staging", "github-secret-staging-supabase-url");
    await expectViolation(removed, P, /does not declare STAGING_SUPABASE_URL/);
    const cited = mutate(removed, (s) => (inputsOf(s, "agent-variables").source = "catalog:STAGING_SUPABASE_URL"));
    assert.deepEqual(await evaluate(cited, P), []);
  });
  it("mutation: the secret removed but the source of a Vercel variable → declared", async () => {
    const removed = without("production", "github-secret-production-supabase-url");
    const cited = mutate(
      removed,
      (s) =>
        (inputsOf(s, "frontend-env-production-next-public-supabase-url").comment = "catalog:PRODUCTION_SUPABASE_URL"),
    );
    assert.deepEqual(await evaluate(cited, P), []);
  });
});

describe("policy secrets-documented-in-catalog (advisory)", () => {
  const P = "secrets-documented-in-catalog";
  const stacks = useBaselines();

  it("baseline: production passes", () => expectClean(stacks.production, P));
  it("baseline: staging passes", () => expectClean(stacks.staging, P));

  it("mutation: a GitHub secret outside the catalog → advisory", async () => {
    const bad = mutate(stacks.production, (s) =>
      addCopy(s, "github-secret-sentry-dsn", "x", { inputs: { secretName: "NEW_THING" } }),
    );
    const v = await expectViolation(bad, P, /secret NEW_THING is not in the secret catalog/, "x");
    assert.equal(v.level, "advisory");
  });
  it("mutation: a Vercel variable without a source comment → advisory", () =>
    expectViolation(
      mutate(stacks.production, (s) => delete inputsOf(s, "frontend-env-production-next-public-app-env").comment),
      P,
      /NEXT_PUBLIC_APP_ENV: comment must be "plain" or "catalog:NAME" \(got null\)/,
    ));
  it("mutation: a Vercel variable citing a name outside the catalog → advisory", () =>
    expectViolation(
      mutate(
        stacks.staging,
        (s) => (inputsOf(s, "frontend-env-preview-next-public-sentry-dsn").comment = "catalog:NOPE"),
      ),
      P,
      /NEXT_PUBLIC_SENTRY_DSN: comment cites NOPE, which is not in the secret catalog/,
    ));
  it("mutation: a free-text comment → advisory", () =>
    expectViolation(
      mutate(
        stacks.production,
        (s) => (inputsOf(s, "frontend-env-production-next-public-app-env").comment = "from somewhere"),
      ),
      P,
      /comment must be "plain" or "catalog:NAME" \(got "from somewhere"\)/,
    ));
  it('mutation: " plain " with spaces → still passes', async () => {
    const ok = mutate(
      stacks.production,
      (s) => (inputsOf(s, "frontend-env-production-next-public-app-env").comment = " plain "),
    );
    assert.deepEqual(await evaluate(ok, P), []);
  });
  it("mutation: a GitHub secret without a name, a variable without a key → named as such", async () => {
    const bad = mutate(stacks.production, (s) => {
      delete inputsOf(s, "github-secret-sentry-dsn").secretName;
      const v = inputsOf(s, "frontend-env-production-next-public-app-env");
      delete v.key;
      v.comment = "?";
    });
    assert.deepEqual(
      (await evaluate(bad, P)).map((v) => v.message),
      ['variable: comment must be "plain" or "catalog:NAME" (got "?").'],
    );
  });
});
