// Both real stacks, synthesized by the lead's offline synth (tools/synth) from their YAML config, pass the pack over
// the analyzer protocol with no mandatory violation; and `npm run policy -- --stack staging` exits 0.
// Pending (it.skip) only while tools/synth.ts does not exist.
import * as assert from "node:assert/strict";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { ENVIRONMENTS } from "../topology";
import { EXIT, main } from "../tools/policy";
import { PolicySession } from "../tools/policy/session";
import { synthStack } from "../tools/synth/index";

const HAS_SYNTH = existsSync(path.resolve(__dirname, "..", "tools", "synth.ts"));
const test = HAS_SYNTH ? it : it.skip;

describe("policy over the real stacks", function () {
  this.timeout(120_000); // synth of a stack plus the pack's start-up
  let session: PolicySession | undefined;
  before(async function () {
    if (HAS_SYNTH) session = await PolicySession.start();
  });
  after(async () => {
    await session?.close();
  });

  for (const stack of ENVIRONMENTS) {
    test(`${stack} has no mandatory violation`, async () => {
      const result = await session!.run(await synthStack(stack));
      const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory");
      assert.deepEqual(
        mandatory.map((v) => `${v.policyName} ${v.resourceName}: ${v.message}`),
        [],
      );
      assert.equal(result.mandatory, 0);
    });
  }

  test("npm run policy -- --stack staging exits 0", async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t) };
    const code = await main(["--stack", "staging"], io, session);
    assert.equal(code, EXIT.clean, out.join(""));
    assert.match(out.join(""), /policy: stack staging: (no violations|0 mandatory)/);
  });
});
