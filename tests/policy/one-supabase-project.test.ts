// one-supabase-project-per-stack: every Supabase project a stack mentions is the same one. Baselines: the real synth
// of each stack, whose project refs come from Pulumi.<stack>.yaml.
import * as assert from "node:assert/strict";
import { evaluate, expectClean, expectViolation } from "../fixtures/policy/evaluate";
import { inputsOf, mapOf, mutate, useBaselines } from "../fixtures/policy/baseline";

const P = "one-supabase-project-per-stack";

describe(`policy ${P}`, () => {
  const stacks = useBaselines();
  const refOf = (stack: "production" | "staging") =>
    String(inputsOf(stacks[stack], "supabase-auth-settings").projectRef);

  it("baseline: production passes", () => expectClean(stacks.production, P));
  it("baseline: staging passes", () => expectClean(stacks.staging, P));

  it("mutation: production's Supabase URL in staging's agent variables → violation on that resource", async () => {
    const bad = mutate(stacks.staging, (s) => {
      const vars = mapOf(s, "agent-variables", "variables");
      vars.SUPABASE_URL = `https://${refOf("production")}.supabase.co`;
      vars.SUPABASE_REST_URL = `https://${refOf("production")}.supabase.co/rest/v1`; // twice: reported once
    });
    const found = await evaluate(bad, P);
    assert.equal(found.length, 1, JSON.stringify(found));
    await expectViolation(
      bad,
      P,
      new RegExp(`mentions Supabase project ${refOf("production")}, but the stack's project is ${refOf("staging")}`),
      "agent-variables",
    );
  });
  it("mutation: a second project on the legacy supabase.in domain → violation", () =>
    expectViolation(
      mutate(
        stacks.production,
        (s) => (inputsOf(s, "supabase-auth-settings").siteUrl = "https://abcdefghijklmnopqrst.supabase.in"),
      ),
      P,
      /mentions Supabase project abcdefghijklmnopqrst/,
      "supabase-auth-settings",
    ));
  it("mutation: another project in a stack output → violation", () =>
    expectViolation(
      mutate(stacks.production, (s) => (s.outputs.supabaseUrl = `https://${refOf("staging")}.supabase.co`)),
      P,
      new RegExp(`mentions Supabase project ${refOf("staging")}`),
    ));
  it("mutation: the other project seen only through staging's StackReference → exempt", async () => {
    const s = mutate(
      stacks.staging,
      (x) => (inputsOf(x, "project-owner").outputs = { supabaseUrl: `https://${refOf("production")}.supabase.co` }),
    );
    assert.deepEqual(await evaluate(s, P), []);
  });
});
