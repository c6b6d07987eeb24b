// The synth captures no stack traces while the program runs (dev/synth/index.ts, withoutStackCaptures: a third of a
// synth's time), yet a program's own error still reaches the developer with the frames of where it happened.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ConfigError } from "../config";
import { runProgram } from "../dev/synth/index";
import { RecordingMonitor } from "../dev/synth/monitor";
import { configFor } from "./harness";

const PROGRAMS = path.join(__dirname, "fixtures", "programs");

/** Counts the program's runs: each registers the root stack once. */
class CountingMonitor extends RecordingMonitor {
  runs = 0;
  override async registerResource(req: { getType(): string }, callback: (err: unknown, resp?: unknown) => void) {
    if (req.getType() === "pulumi:pulumi:Stack") this.runs++;
    return super.registerResource(req, callback);
  }
}

describe("synth: errors", function () {
  this.timeout(60_000);

  it("a program's error carries the stack of where it was thrown", async () => {
    const program = path.join(PROGRAMS, "failing-apply");
    await assert.rejects(runProgram(configFor("staging"), program), (err) => {
      assert.ok(err instanceof Error);
      assert.equal(err.message, 'error serializing property "value": the program\'s own bug');
      assert.match(err.stack ?? "", /at brokenValue \(.*failing-apply\.ts:\d+:\d+\)/);
      return true;
    });
    assert.ok(Error.stackTraceLimit > 0, "stack captures are restored after the run");
  });

  it("a config error is thrown as it is, after one run", async () => {
    const monitor = new CountingMonitor();
    const offline = configFor("staging", { "chef-chopsky:agentUrl": undefined });
    await assert.rejects(runProgram(offline, undefined, monitor), (err) => err instanceof ConfigError);
    assert.equal(monitor.runs, 1);
  });

  it("a program's bug runs it once more", async () => {
    const monitor = new CountingMonitor();
    await assert.rejects(runProgram(configFor("staging"), path.join(PROGRAMS, "failing-apply"), monitor));
    assert.equal(monitor.runs, 2);
  });

  it("never turns a failure into a result: a program that passes with stacks still fails", async () => {
    await assert.rejects(
      runProgram(configFor("staging"), path.join(PROGRAMS, "fails-without-stacks")),
      /fails only without stacks/,
    );
  });
});
