/**
 * The engine suite takes the pulumi commands of the workflows from the files (tests/e2e/workflows.ts). These checks
 * run in `npm test`, without the CLI: what the parser reads, that it refuses what it does not know, and that every
 * workflow installs the CLI version the suite tests (@pulumi/pulumi's).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ciCommands, pinnedCliVersions, scriptCommands, type StepContext, withOption } from "./e2e/workflows";

const ctx: StepContext = {
  stack: "staging",
  runnerTemp: "/tmp/runner",
  sha: "abc123",
  secret: (name) => `<${name}>`,
};

describe("engine suite: the workflows' pulumi commands", () => {
  it("reads preview, up, stack output, health and refresh from the workflow files", () => {
    const c = ciCommands(ctx);
    assert.deepEqual(c.preview.argv, [
      "pulumi",
      "preview",
      "--stack",
      "staging",
      "--policy-pack",
      "policy",
      "--diff",
      "--non-interactive",
    ]);
    assert.deepEqual(c.up.argv, [
      "pulumi",
      "up",
      "--yes",
      "--non-interactive",
      "--stack",
      "staging",
      "--policy-pack",
      "policy",
      "--message",
      "abc123",
    ]);
    assert.deepEqual(c.stackOutput.argv, ["pulumi", "stack", "output", "--json", "--stack", "staging"]);
    assert.equal(c.stackOutput.stdoutTo, "/tmp/runner/outputs.json");
    assert.deepEqual(c.health.argv.slice(0, 7), [
      "npm",
      "run",
      "--silent",
      "health",
      "--",
      "--outputs",
      "/tmp/runner/outputs.json",
    ]);
    assert.deepEqual(
      c.health.env(),
      { ALERT_WEBHOOK_URL: "<ALERT_WEBHOOK_URL>" },
      "secrets resolved when the step runs",
    );
    assert.deepEqual(c.refresh.argv.slice(0, 4), ["pulumi", "refresh", "--preview-only", "--expect-no-changes"]);
    assert.deepEqual(c.outputsToHealth.argv, ["pulumi", "stack", "output", "--json", "--stack", "staging"]);
    assert.deepEqual(c.outputsToHealth.pipeTo?.slice(0, 7), [
      "npm",
      "run",
      "--silent",
      "health",
      "--",
      "--outputs",
      "-",
    ]);
  });

  it("every workflow installs the CLI version of @pulumi/pulumi, the one the suite runs", () => {
    const sdk = (
      JSON.parse(
        fs.readFileSync(path.join(__dirname, "..", "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"),
      ) as {
        version: string;
      }
    ).version;
    const pins = pinnedCliVersions();
    assert.ok(pins.length >= 4, `pins found: ${JSON.stringify(pins)}`);
    for (const p of pins) assert.equal(p.version, sdk, p.where);
  });

  it("refuses an expression or a variable it does not know, naming it", () => {
    const run = (script: string, env?: Record<string, string>) => scriptCommands({ run: script, env }, ctx, "x.yml");
    assert.throws(() => run('pulumi up --stack "$OTHER"'), /x\.yml: the script uses \$OTHER/);
    assert.throws(
      () => run("pulumi up", { TOKEN: "${{ github.token }}" })[0].env(),
      /does not evaluate \$\{\{ github\.token \}\}/,
    );
    assert.throws(() => run("pulumi up && pulumi destroy"), /cannot run/);
    assert.deepEqual(
      run('set +e\necho hi\npulumi stack output --json --stack "$STACK" \\\n  | npm run health').map((c) => c.pipeTo),
      [["npm", "run", "health"]],
    );
    assert.deepEqual(withOption(["npm", "run", "health", "--", "--wait", "300"], "--wait", "0").slice(-2), [
      "--wait",
      "0",
    ]);
    assert.throws(() => withOption(["pulumi", "up"], "--wait", "0"), /no --wait/);
  });
});
