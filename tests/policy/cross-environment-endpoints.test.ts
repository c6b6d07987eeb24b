// no-cross-environment-endpoint: no resource of one stack points at a host of the other environment, anywhere in
// its inputs. Baselines: the real synth of each stack.
import * as assert from "node:assert/strict";
import { evaluate, expectClean, expectViolation } from "../fixtures/policy/evaluate";
import type { ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import * as policyProxy from "@pulumi/policy/proxy";
import { policy as crossEnvironmentRule } from "../../policy/rules/cross-environment-endpoints";
import { inputsOf, mapOf, mutate, resourceOf, useBaselines } from "../fixtures/policy/baseline";

const P = "no-cross-environment-endpoint";

/** The SDK's own preview proxy (internal to @pulumi/policy, so untyped): how a rule sees inputs during preview. */
const { unknownCheckingProxy, unknownStringValue } = policyProxy as unknown as {
  unknownCheckingProxy: <T>(props: T) => T;
  unknownStringValue: unknown;
};

describe(`policy ${P}`, () => {
  const stacks = useBaselines();

  it("baseline: production passes", () => expectClean(stacks.production, P));
  it("baseline: staging passes (its preview URLs are staging's own)", () => expectClean(stacks.staging, P));

  it("mutation: production's frontend wired to the staging agent → violation", () =>
    expectViolation(
      mutate(
        stacks.production,
        (s) =>
          (inputsOf(s, "frontend-env-production-next-public-agent-url").value =
            "https://chef-chopsky-staging.up.railway.app"),
      ),
      P,
      /^value points at staging host chef-chopsky-staging\.up\.railway\.app\.?$/,
      "frontend-env-production-next-public-agent-url",
    ));
  it("mutation: a staging monitor watching the production frontend → violation", () =>
    expectViolation(
      mutate(
        stacks.staging,
        (s) => (inputsOf(s, "monitoring-frontend").url = "https://chef-chopsky-production.vercel.app"),
      ),
      P,
      /url points at production host chef-chopsky-production\.vercel\.app/,
      "monitoring-frontend",
    ));
  it("mutation: preview URLs in production's auth allow list (comma-separated) → violation", () =>
    expectViolation(
      mutate(
        stacks.production,
        (s) => (inputsOf(s, "supabase-auth-settings").uriAllowList += ",https://chef-chopsky-git-*.vercel.app/**"),
      ),
      P,
      /uriAllowList points at staging host chef-chopsky-git-\*\.vercel\.app/,
    ));
  it("mutation: a bare staging host inside production's deploy command line → violation", () =>
    expectViolation(
      mutate(
        stacks.production,
        (s) => (inputsOf(s, "agent-deploy").create = "curl -fsS chef-chopsky-staging.up.railway.app/health"),
      ),
      P,
      /create points at staging host chef-chopsky-staging\.up\.railway\.app/,
    ));
  it("mutation: a staging web-hook deep in production's agent variables → violation with its path", () =>
    expectViolation(
      mutate(
        stacks.production,
        (s) => (mapOf(s, "agent-variables", "variables").HOOKS = ["https://hooks.stg.example.com/x"]),
      ),
      P,
      /variables\.HOOKS\[0\] points at staging host hooks\.stg\.example\.com/,
    ));
  it("mutation: production's agent URL in staging's deploy environment → violation", () =>
    expectViolation(
      mutate(
        stacks.staging,
        (s) => (mapOf(s, "agent-deploy", "environment").AGENT_URL = "https://chef-chopsky-production.up.railway.app"),
      ),
      P,
      /environment\.AGENT_URL points at production host/,
    ));
  it("mutation: production's outputs read through staging's StackReference → exempt (a read, not a wire)", async () => {
    const s = mutate(
      stacks.staging,
      (x) => (inputsOf(x, "project-owner").outputs = { frontendUrl: "https://chef-chopsky-production.vercel.app" }),
    );
    assert.deepEqual(await evaluate(s, P), []);
  });
  it("mutation: two staging hosts in one value → each named", async () => {
    const bad = mutate(
      stacks.production,
      (s) =>
        (inputsOf(s, "supabase-auth-settings").uriAllowList =
          "https://chef-chopsky-git-a.vercel.app,https://chef-chopsky-staging.up.railway.app"),
    );
    assert.deepEqual(
      (await evaluate(bad, P)).map((v) => v.message),
      [
        "uriAllowList points at staging host chef-chopsky-git-a.vercel.app.",
        "uriAllowList points at staging host chef-chopsky-staging.up.railway.app.",
      ],
    );
  });
  it("mutation: during preview, an unknown value is skipped and the known ones still checked", async () => {
    // Called directly: the SDK's proxy cannot be cloned for the compiled-pack comparison of evaluate().
    const r = resourceOf(stacks.staging, "monitoring-frontend");
    const props = unknownCheckingProxy({
      ...r.inputs,
      alertContactIds: [unknownStringValue],
      url: "https://chef-chopsky-production.vercel.app",
    }) as Record<string, unknown>;
    const found: string[] = [];
    const validate = crossEnvironmentRule.validateResource as ResourceValidation;
    await validate({ type: r.type, name: r.name, urn: r.urn, props } as unknown as ResourceValidationArgs, (m) =>
      found.push(m),
    );
    assert.deepEqual(found, ["url points at production host chef-chopsky-production.vercel.app."]);
  });
  it("mutation: an input whose reading fails for another reason → the error surfaces, it is not skipped", async () => {
    const bad = mutate(stacks.staging, (s) => {
      const r = resourceOf(s, "monitoring-frontend");
      Object.defineProperty(r.inputs, "url", {
        enumerable: true,
        get: () => {
          throw new Error("boom");
        },
      });
    });
    await assert.rejects(evaluate(bad, P), /boom/);
  });
});
