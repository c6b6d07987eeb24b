// The synth captures no stack traces while the program runs (dev/synth/index.ts, withoutStackCaptures: a third of a
// synth's time), yet a program's own error still reaches the developer with the frames of where it happened.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ConfigError } from "../config";
import { runProgram } from "../dev/synth/index";
import { configFor } from "./harness";

describe("synth: errors", function () {
  this.timeout(60_000);

  it("a program's error carries the stack of where it was thrown", async () => {
    const program = path.join(__dirname, "fixtures", "programs", "failing-apply");
    await assert.rejects(runProgram(configFor("staging"), program), (err) => {
      assert.ok(err instanceof Error);
      assert.equal(err.message, 'error serializing property "value": the program\'s own bug');
      assert.match(err.stack ?? "", /at brokenValue \(.*failing-apply\.ts:\d+:\d+\)/);
      return true;
    });
    assert.ok(Error.stackTraceLimit > 0, "stack captures are restored after the run");
  });

  it("a config error is thrown as it is, once", async () => {
    const offline = configFor("staging", { "chef-chopsky:agentUrl": undefined });
    await assert.rejects(runProgram(offline), (err) => err instanceof ConfigError && /agentUrl/.test(err.message));
  });
});
