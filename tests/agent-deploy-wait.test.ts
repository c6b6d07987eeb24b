// The deploy tool waits for the agent with the health tool's own probe (lib/health-probe.ts): healthy means what
// `npm run health` means for the agent, 200 with {"status":"ok"}, not merely some 200.
import * as assert from "node:assert/strict";
import { agentProbe, DeployFailure, waitForHealth } from "../deploy/agent-deploy/wait";
import { type LocalServer, startServer } from "./health-helpers";

describe("deploy tool: waiting for /health", () => {
  let server: LocalServer | undefined;
  let body = { status: "starting" };
  before(async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  after(async () => server?.close());

  it("keeps waiting on a 200 whose body is not the agent's healthy answer, and says why", async () => {
    const lines: string[] = [];
    const ctx = { log: (l: string) => void lines.push(l), pollMs: 10 };
    body = { status: "starting" };
    // A second of polling every 10 ms: room for more than one poll even on a loaded machine (0.2 s was not, in CI).
    await assert.rejects(waitForHealth(agentProbe(`${server!.origin}/health`), 1000, ctx), (err: Error) => {
      assert.ok(err instanceof DeployFailure);
      assert.match(
        err.message,
        /did not answer as healthy within 1 s \(last: HTTP 200: body field "status": expected "ok", got "starting"\)/,
      );
      return true;
    });
    assert.ok(server!.requests.length >= 2, "polled more than once");
    body = { status: "ok" };
    await waitForHealth(agentProbe(`${server!.origin}/health`), 2000, ctx);
    assert.match(lines.at(-1) ?? "", /\/health: HTTP 200$/);
  });
});
