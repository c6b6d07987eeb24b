// `npm run plan` spawns the policy pack before it loads anything (dev/run.js, dev/policy/spawn-pack.js) and connects
// to it later: a process that failed to spawn, or ended before the connection, is an error at once, not a wait for
// the port until the start-up timeout.
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { DEFAULT_PACK_DIR } from "../dev/policy/spawn-pack";
import { PolicySession } from "../dev/policy/session";

describe("policy pack spawned early", () => {
  it("a process that ended before the connection fails the start at once, naming its exit", async () => {
    const child = spawn(process.execPath, ["-e", "process.exit(3)"], { stdio: ["ignore", "pipe", "pipe"] });
    await once(child, "exit");
    const started = Date.now();
    await assert.rejects(
      PolicySession.start({ spawned: { child, packDir: DEFAULT_PACK_DIR }, startTimeoutMs: 30_000 }),
      /policy pack did not start: exited \(3\)/,
    );
    assert.ok(Date.now() - started < 10_000, "it did not wait for the start-up timeout");
  });

  it("a process that could not be spawned fails the start, naming that", async () => {
    const child = spawn("/nonexistent/node", [], { stdio: ["ignore", "pipe", "pipe"] });
    child.on("error", () => undefined);
    await assert.rejects(
      PolicySession.start({ spawned: { child, packDir: DEFAULT_PACK_DIR }, startTimeoutMs: 30_000 }),
      /policy pack did not start: node could not be spawned/,
    );
  });
});
