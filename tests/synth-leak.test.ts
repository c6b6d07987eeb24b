// The synth's own check that no secret reaches the state in plaintext, serialized dynamic providers included: a
// provider that captures a config secret by value is refused, naming the resource. (This project's providers are
// references, providers/resource.ts: tests/provider-reference.test.ts runs both stacks through the same check.)
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { runProgram } from "../dev/synth/index";
import { placeholderFor } from "../dev/synth/stack-config";

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
});
