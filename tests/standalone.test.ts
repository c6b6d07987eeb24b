/**
 * A clone stands alone: the commands a user runs (`npm run plan`, `synth`, `policy`, `health`) work from a copy of
 * the repository with nothing beside it, and touch no file outside it (its node_modules, the temporary directory and
 * the system's own files aside). Each command runs as its npm script says, under a preload that records every path
 * it touches (tests/fixtures/standalone/confine-fs.js), in this process's children too.
 */
import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { makeCheck, makeOutputs, reply, startServer } from "./health-helpers";
import { copyRepository, ROOT } from "./repo-copy";

describe("a copy of the repository with nothing beside it", function () {
  this.timeout(60000);
  let dir = "";
  let repo = "";
  let log = "";
  let env: NodeJS.ProcessEnv = {};

  before(() => {
    ({ dir, repo } = copyRepository("standalone-"));
    log = path.join(repo, "out", "touched.log");
    fs.mkdirSync(path.dirname(log), { recursive: true });
    const allow = [
      path.join(os.homedir(), ".gitconfig"), // the user's git settings (read by a dependency's ignore handling)
      fs.realpathSync(path.join(ROOT, "node_modules")),
      fs.realpathSync(os.tmpdir()),
      os.tmpdir(),
      path.dirname(path.dirname(process.execPath)), // node itself
      "/proc",
      "/dev",
      "/sys",
      "/etc",
    ];
    env = {
      ...process.env,
      NODE_OPTIONS: `--require ${path.join(repo, "tests", "fixtures", "standalone", "confine-fs.js")}`,
      CONFINE_LOG: log,
      CONFINE_REPO: repo,
      // Beside the copy, and the checkout it was copied from (which may itself lie in the allowed temporary directory).
      CONFINE_DENY: [dir, fs.realpathSync(dir), ROOT, fs.realpathSync(ROOT)].join(path.delimiter),
      CONFINE_ALLOW: allow.join(path.delimiter),
    };
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs `npm run <script> -- <args>` as its package.json line says (node, or ts-node), in the copy. */
  async function run(script: string, args: string[], input = "") {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const [bin, ...scriptArgs] = pkg.scripts[script].split(/\s+/);
    assert.ok(bin === "ts-node" || bin === "node", `npm run ${script} runs node or ts-node (this test runs it so)`);
    const runner = bin === "ts-node" ? [require.resolve("ts-node/dist/bin.js")] : [];
    fs.writeFileSync(log, "");
    const child = spawn(process.execPath, [...runner, ...scriptArgs, ...args], {
      cwd: repo,
      env,
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.stdin.end(input);
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const touched = fs.readFileSync(log, "utf8").split("\n").filter(Boolean);
    return { status, out, touched: [...new Set(touched)] };
  }

  it("the preload records a look beside the copy and a read outside it (the check can fail)", () => {
    fs.writeFileSync(log, "");
    const beside = path.join(dir, "shared", "reference", "x.json");
    const outside = path.join(ROOT, "package.json");
    const code = `const fs = require("fs"); fs.existsSync(${JSON.stringify(beside)}); fs.readFileSync(${JSON.stringify(outside)});`;
    spawnSync(process.execPath, ["-e", code], { cwd: repo, env });
    const touched = fs.readFileSync(log, "utf8").split("\n").filter(Boolean);
    assert.ok(touched.includes(`existsSync ${beside}`), touched.join("\n"));
    assert.ok(touched.includes(`readFileSync ${outside}`), touched.join("\n"));
  });

  it("npm run plan: both stacks and the policy verdict, reading nothing outside", async () => {
    const r = await run("plan", []);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /plan: ok/);
    assert.deepEqual(r.touched, []);
  });

  it("npm run synth -- --json, then npm run policy -- --synth: reading nothing outside", async () => {
    const file = path.join(repo, "out", "staging.json");
    const s = await run("synth", ["--stack", "staging", "--json", file]);
    assert.equal(s.status, 0, s.out);
    assert.deepEqual(s.touched, []);
    const p = await run("policy", ["--synth", file]);
    assert.equal(p.status, 0, p.out);
    assert.deepEqual(p.touched, []);
  });

  it("npm run health -- --outputs -: reading nothing outside", async () => {
    const server = await startServer(reply(200, { status: "ok" }));
    try {
      const outputs = makeOutputs([makeCheck({ url: `${server.origin}/health` })]);
      const r = await run("health", ["--outputs", "-"], JSON.stringify(outputs));
      assert.equal(r.status, 0, r.out);
      assert.equal(server.requests.length, 1, "the check reached the endpoint");
      assert.deepEqual(r.touched, []);
    } finally {
      await server.close();
    }
  });
});
