// no-secret-or-foreign-host-in-outputs: no stack output carries a secret-shaped value or a host of the other
// environment. Baselines: the real synth of each stack, its outputs included.
import * as assert from "node:assert/strict";
import { evaluate, expectClean, expectViolation } from "../fixtures/policy/evaluate";
import { mutate, useBaselines } from "../fixtures/policy/baseline";
import { GH, OPENAI } from "../fixtures/policy/fake-secrets";

const P = "no-secret-or-foreign-host-in-outputs";
const ROOT = "pulumi:pulumi:Stack::chef-chopsky-";

describe(`policy ${P}`, () => {
  const stacks = useBaselines();
  type Check = { url: string };

  it("baseline: production passes, health checks included", async () => {
    await expectClean(stacks.production, P);
    assert.equal((stacks.production.outputs.healthChecks as Check[]).length, 2);
  });
  it("baseline: staging passes", () => expectClean(stacks.staging, P));

  it("mutation: a secret-shaped value in a nested output → violation on the stack, the value withheld", async () => {
    const v = await expectViolation(
      mutate(stacks.production, (s) => (s.outputs.debug = { token: GH })),
      P,
      /^output debug\.token holds a secret-shaped value: GitHub token/,
      `${ROOT}production`,
    );
    assert.ok(!v.message.includes(GH));
  });
  it("mutation: a secret-shaped top-level output → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) => (s.outputs.openaiKey = OPENAI)),
      P,
      /^output openaiKey holds/,
    ));
  it("mutation: a staging health check aimed at production → violation", () =>
    expectViolation(
      mutate(
        stacks.staging,
        (s) => ((s.outputs.healthChecks as Check[])[1].url = "https://chef-chopsky-production.up.railway.app/health"),
      ),
      P,
      /^output healthChecks\[1\]\.url points at production host chef-chopsky-production\.up\.railway\.app/,
      `${ROOT}staging`,
    ));
  it("mutation: production's frontendUrl aimed at a preview → violation", () =>
    expectViolation(
      mutate(stacks.production, (s) => (s.outputs.frontendUrl = "https://chef-chopsky-git-staging.vercel.app")),
      P,
      /^output frontendUrl points at staging host/,
    ));
  it("mutation: a secret in the output of a stack of neither environment → still reported", async () => {
    const dev = mutate(stacks.production, (s) => {
      for (const r of s.resources) r.urn = r.urn.replace("urn:pulumi:production::", "urn:pulumi:dev::");
      s.outputs.agentUrl = "https://chef-chopsky-staging.up.railway.app";
      s.outputs.key = OPENAI;
    });
    const found = await evaluate(dev, P);
    assert.deepEqual(
      found.map((v) => v.message.split(" holds")[0]),
      ["output key"],
      "the secret, not the host: without an environment no host is foreign",
    );
  });
  it("mutation: two production hosts in one output → each named", async () => {
    const bad = mutate(
      stacks.staging,
      (s) =>
        (s.outputs.links = "https://chef-chopsky-production.vercel.app https://chef-chopsky-production.up.railway.app"),
    );
    assert.deepEqual(
      (await evaluate(bad, P)).map((v) => v.message),
      [
        "output links points at production host chef-chopsky-production.vercel.app.",
        "output links points at production host chef-chopsky-production.up.railway.app.",
      ],
    );
  });
  it("mutation: the root resource listed last → its outputs are still the ones checked", () =>
    expectViolation(
      mutate(stacks.production, (s) => {
        s.resources.push(s.resources.shift()!);
        s.outputs.key = OPENAI;
      }),
      P,
      /^output key holds/,
      `${ROOT}production`,
    ));
});
