// Both real stacks, synthesized by the offline synth from their YAML config, pass the pack over the analyzer
// protocol with no mandatory violation; `npm run policy -- --stack staging` exits 0; and the offline run sees the
// values a provider SDK marks secret wholesale, so a code bug wiring production into staging is caught offline.
import * as assert from "node:assert/strict";
import { ENVIRONMENT_NAMES } from "../lib/environments";
import { EXIT, main } from "../dev/policy";
import type { PolicySession } from "../dev/policy/session";
import { policyView, synthStack, type SynthResult } from "../dev/synth/index";
import { sharedPolicySession } from "./fixtures/policy/session";

describe("policy over the real stacks", function () {
  this.timeout(120_000); // synth of a stack plus the pack's start-up
  let session: PolicySession | undefined;
  before(async function () {
    session = await sharedPolicySession();
  });

  for (const stack of ENVIRONMENT_NAMES) {
    it(`${stack} has no mandatory violation`, async () => {
      const result = await session!.run(policyView(await synthStack(stack)));
      const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory");
      assert.deepEqual(
        mandatory.map((v) => `${v.policyName} ${v.resourceName}: ${v.message}`),
        [],
      );
      assert.equal(result.mandatory, 0);
    });
  }

  it("npm run policy -- --stack staging exits 0", async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t) };
    const code = await main(["--stack", "staging"], io, session);
    assert.equal(code, EXIT.clean, out.join(""));
    assert.match(out.join(""), /policy: stack staging: (no violations|0 mandatory)/);
  });

  it("offline, sees the Vercel and Railway values the SDKs mark secret, and catches production wired into staging", async () => {
    const synth = await synthStack("staging");
    const view = policyView(synth);
    const agentVar = (r: SynthResult) =>
      r.resources.find((x) => x.inputs.key === "NEXT_PUBLIC_AGENT_URL" && x.inputs.gitBranch === "staging")!;
    assert.equal(agentVar(synth).inputs.value, "[secret]", "the synth JSON keeps SDK-marked secrets hidden");
    assert.equal(agentVar(view).inputs.value, "https://chef-chopsky-staging.up.railway.app");
    const vars = view.resources.find((r) => r.type === "pulumi-nodejs:dynamic/railway:ServiceVariables")!;
    assert.equal((vars.inputs.variables as Record<string, string>).APP_ENV, "staging");
    // A code bug: the staging frontend pointed at the production agent. Config validation cannot see it.
    agentVar(view).inputs.value = "https://chef-chopsky-production.up.railway.app";
    const result = await session!.run(view);
    assert.ok(
      result.violations.some(
        (v) => v.policyName === "no-cross-environment-endpoint" && v.enforcementLevel === "mandatory",
      ),
      JSON.stringify(result.violations.map((v) => v.policyName)),
    );
  });
});
