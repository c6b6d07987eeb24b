// The deploy notice: one message to the team web-hook (the local fake of the health alerts' tests) naming the
// environment, the commit, the URLs and the health verdict; the web-hook URL never printed.
import * as assert from "node:assert/strict";
import { EXIT, main } from "../ops/deploy-notice";
import { closedPort, makeCheck, makeOutputs, reply, useAlertServers, writeOutputs } from "./health-helpers";
import { runMain } from "./run-main";

/** A fake token in the web-hook path: it must never be printed. */
const TOKEN = "T00000000/B00000000/XXXXnoticetokenXXXX";
const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("deploy notice", () => {
  const servers = useAlertServers(
    (req, res, body) => reply(req.url === "/down" ? 503 : 200, { status: "ok" })(req, res, body),
    TOKEN,
  );
  const hookUrl = servers.hookUrl;
  const outputs = (agentPath = "/up") =>
    writeOutputs(
      servers.dir,
      makeOutputs([
        makeCheck({ url: `${servers.service.origin}/up` }),
        makeCheck({ name: "production-agent", service: "agent", url: `${servers.service.origin}${agentPath}` }),
      ]),
    );
  async function run(argv: string[], env: Record<string, string | undefined> = { ALERT_WEBHOOK_URL: hookUrl() }) {
    const { code, stdout, stderr } = await runMain(main, argv, { env });
    for (const text of [stdout, stderr]) {
      assert.ok(!text.includes("noticetoken") && !text.includes("/services/"), `the web-hook was printed: ${text}`);
      assert.ok(!text.includes(String(servers.hook.port)), `the web-hook's address was printed: ${text}`);
    }
    return { code, stdout, stderr };
  }

  it("posts one message: environment, commit, URLs, health verdict and the run", async () => {
    const runUrl = "https://github.com/chef-chopsky/infra/actions/runs/42";
    const { code, stdout } = await run(["--outputs", outputs(), "--commit", SHA, "--run-url", runUrl]);
    assert.equal(code, EXIT.sent);
    assert.equal(servers.hook.requests.length, 1);
    assert.equal(servers.hook.requests[0].url, `/services/${TOKEN}`);
    const { text } = JSON.parse(servers.hook.requests[0].body) as { text: string };
    assert.equal(
      text,
      [
        "Chef Chopsky production deployed: commit 0123456789ab",
        "- frontend: https://chef-chopsky.vercel.app",
        "- agent: https://chef-chopsky-production.up.railway.app",
        "- health: HEALTHY (2 of 2 checks up), severity none",
        runUrl,
      ].join("\n"),
    );
    assert.match(stdout, /deploy-notice: sent to the team web-hook/);
  });

  it("tells the truth when the stack is not healthy, naming the failing check", async () => {
    const { code } = await run(["--outputs", outputs("/down")], { ALERT_WEBHOOK_URL: hookUrl(), GITHUB_SHA: SHA });
    assert.equal(code, EXIT.sent);
    const { text } = JSON.parse(servers.hook.requests[0].body) as { text: string };
    assert.match(
      text,
      /^- health: UNHEALTHY \(1 of 2 checks down\), severity P1\n {2}- production-agent: status \(HTTP 503, expected 200\)$/m,
    );
  });

  it("exits 1 when the web-hook refuses or cannot be reached, without naming it", async () => {
    servers.hookStatus = 500;
    const refused = await run(["--outputs", outputs(), "--commit", SHA]);
    assert.equal(refused.code, EXIT.notSent);
    assert.match(refused.stderr, /not sent: alert web-hook answered HTTP 500/);
    const port = await closedPort();
    const gone = await run(["--outputs", outputs(), "--commit", SHA], {
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${port}/services/${TOKEN}`,
    });
    assert.equal(gone.code, EXIT.notSent);
    assert.match(gone.stderr, /alert web-hook failed: connection refused/);
    assert.ok(!gone.stderr.includes(String(port)));
  });

  it("refuses bad input with exit 2, never echoing a web-hook URL", async () => {
    assert.equal((await run(["--outputs", outputs(), "--commit", SHA], {})).code, EXIT.badInput);
    const bad = await run(["--outputs", outputs(), "--commit", SHA], { ALERT_WEBHOOK_URL: `ftp://x/${TOKEN}` });
    assert.equal(bad.code, EXIT.badInput);
    assert.match(bad.stderr, /ALERT_WEBHOOK_URL: expected an https or http URL/);
    // A web-hook pasted on the command line is refused and not printed back.
    const argv = await run(["--outputs", outputs(), "--commit", SHA, `--webhook=${hookUrl()}`]);
    assert.equal(argv.code, EXIT.badInput);
    assert.equal((await run(["--outputs", outputs()])).code, EXIT.badInput, "no commit");
    const missing = await run(["--outputs", `${servers.dir}/absent.json`, "--commit", SHA]);
    assert.equal(missing.code, EXIT.badInput);
    assert.match(missing.stderr, /--outputs: cannot read ".*absent\.json" \(no such file\)/);
    assert.equal(servers.hook.requests.length, 0);
  });
});
