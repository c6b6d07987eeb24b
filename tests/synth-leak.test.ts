// The synth's own check that no secret reaches the state in plaintext, serialized dynamic providers included: a
// provider that captures a config secret by value is refused, naming the resource. (This project's providers are
// references, providers/resource.ts: tests/provider-reference.test.ts runs both stacks through the same check.)
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { runProgram } from "../dev/synth/index";
import { placeholderFor } from "../dev/synth/stack-config";
import { configFor } from "./harness";

/** Production's offline config with the leaky-input program told which secret to use and whether to seal it. */
function leakyInput(mode: "input" | "sealed") {
  const offline = configFor("production", {
    "chef-chopsky:leakKey": "chef-chopsky:openaiApiKey",
    "chef-chopsky:leakMode": mode,
  });
  assert.ok(offline.secretKeys.includes("chef-chopsky:openaiApiKey"), "the key must be a secret of the stack");
  return offline;
}

describe("synth: no secret in plaintext, serialized providers included", function () {
  this.timeout(60_000);

  it("refuses a dynamic provider that captures a config secret by value", async () => {
    const secret = placeholderFor("staging", "chef-chopsky:uptimeRobotApiKey");
    const offline = {
      project: "chef-chopsky",
      stack: "staging",
      config: { "chef-chopsky:uptimeRobotApiKey": secret },
      secretKeys: ["chef-chopsky:uptimeRobotApiKey"],
      placeholders: [secret],
    };
    await assert.rejects(
      runProgram(offline, path.join(__dirname, "fixtures", "programs", "leaky-provider")),
      /^Error: secret values would appear in plaintext \(1 of them\) in: urn:pulumi:staging::chef-chopsky::pulumi-nodejs:dynamic\/leaky:Leaky::leaky$/,
    );
  });

  it("refuses a config secret passed as a plain input, naming the resource and never the value", async () => {
    const offline = leakyInput("input");
    const placeholder = offline.config["chef-chopsky:openaiApiKey"];
    await assert.rejects(runProgram(offline, path.join(__dirname, "fixtures", "programs", "leaky-input")), (err) => {
      assert.ok(err instanceof Error);
      assert.match(err.message, /^secret values would appear in plaintext \(1 of them\) in: urn:pulumi:production::/);
      assert.ok(err.message.includes("test:index:Thing::leaky-input"), err.message);
      assert.ok(!err.message.includes(placeholder), "the message must not carry the value");
      return true;
    });
  });

  it("passes the same secret passed as a secret, and lists its path", async () => {
    const result = await runProgram(leakyInput("sealed"), path.join(__dirname, "fixtures", "programs", "leaky-input"));
    const thing = result.resources.find((r) => r.type === "test:index:Thing");
    assert.deepEqual([thing?.inputs.value, thing?.secretInputs], ["[secret]", ["value"]]);
  });
});
