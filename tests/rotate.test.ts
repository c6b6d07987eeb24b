// `npm run rotate`: the runbook's rotation against a fake `pulumi` on the PATH that records each call's arguments
// and standard input. The new value reaches `pulumi config set` on its standard input only, never an argument,
// an output or a log; the steps run in the runbook's order; bad names and failed steps stop before anything that
// cannot be undone, and the revoke step is printed only once the stack is deployed and healthy.
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { Readable } from "node:stream";
import { EXIT, main } from "../ops/rotate";
import { readSecretValue, type SecretInput } from "../ops/rotate/input";
import { rotatableNames } from "../ops/rotate/secrets";
import { ENVIRONMENT_NAMES } from "../lib/environments";
import { realisticSecret } from "./fixtures/secrets";
import { runMain } from "./run-main";

/** A new value as strong as a real one: the rotation refuses weak values before setting anything. */
const VALUE = realisticSecret("chef-chopsky:openaiApiKey", "rotated");
const ROOT = path.join(__dirname, "..");

/** A fake `pulumi`: appends `{argv, stdin}` to calls.jsonl; `config set` stores the value `config get` returns. */
const FAKE_PULUMI = `#!/usr/bin/env node
const fs = require("node:fs"), path = require("node:path");
const dir = process.env.FAKE_PULUMI_DIR, argv = process.argv.slice(2);
const stdin = fs.readFileSync(0, "utf8");
fs.appendFileSync(path.join(dir, "calls.jsonl"), JSON.stringify({ argv, stdin }) + "\\n");
const cmd = argv.slice(0, 2).join(" "), file = (f) => path.join(dir, f);
if (cmd === "config get") {
  if (!fs.existsSync(file("current"))) { process.stderr.write("error: configuration key not found\\n"); process.exit(255); }
  process.stdout.write(fs.readFileSync(file("current"), "utf8") + "\\n");
} else if (cmd === "config set") fs.writeFileSync(file("current"), stdin.replace(/\\r?\\n$/, ""));
else if (cmd === "up --yes") { process.stdout.write("Updating (fake)\\n"); process.exit(Number(process.env.FAKE_UP_EXIT || 0)); }
else if (cmd === "refresh --preview-only") process.exit(Number(process.env.FAKE_REFRESH_EXIT || 0));
else if (cmd === "stack output") process.stdout.write(fs.readFileSync(file("outputs.json"), "utf8"));
`;

describe("ops/rotate.ts", function () {
  this.timeout(30_000);
  let dir: string;
  let server: http.Server;
  let healthy = true;
  before(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: healthy ? "ok" : "down" }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  });
  after(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    healthy = true;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rotate-"));
    fs.writeFileSync(path.join(dir, "pulumi"), FAKE_PULUMI, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, "current"), "sk-proj-old-value");
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const check = (service: string, url: string) => ({
      name: `staging-${service}`,
      service,
      environment: "staging",
      url,
      expectStatus: 200,
      severity: "P2",
    });
    const outputs = {
      environment: "staging",
      healthChecks: [check("frontend", base), check("agent", `${base}/health`)],
    };
    fs.writeFileSync(path.join(dir, "outputs.json"), JSON.stringify(outputs));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const env = (extra: Record<string, string> = {}) => ({
    PATH: `${dir}:${process.env.PATH}`,
    FAKE_PULUMI_DIR: dir,
    ...extra,
  });
  const calls = (): { argv: string[]; stdin: string }[] =>
    fs.existsSync(path.join(dir, "calls.jsonl"))
      ? fs
          .readFileSync(path.join(dir, "calls.jsonl"), "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as { argv: string[]; stdin: string })
      : [];
  async function run(argv: string[], input = `${VALUE}\n`, extra: Record<string, string> = {}) {
    const { code, stdout, stderr } = await runMain(main, argv, {
      stdin: Readable.from([input]) as unknown as SecretInput,
      env: env(extra),
    });
    assert.ok(!(stdout + stderr).includes(VALUE), "the value is in the output");
    for (const c of calls()) assert.ok(!c.argv.join(" ").includes(VALUE), "the value is in an argument");
    return { code, stdout, stderr };
  }
  const staging = ["--stack", "staging", "--secret", "STAGING_OPENAI_API_KEY"];

  it("sets the value through stdin, deploys, checks health, then names the revoke page, in that order", async () => {
    const r = await run(staging);
    assert.equal(r.code, EXIT.done, r.stderr);
    assert.deepEqual(
      calls().map((c) => c.argv.join(" ")),
      [
        "config get chef-chopsky:openaiApiKey --stack staging",
        "config set --secret chef-chopsky:openaiApiKey --stack staging",
        "up --yes --stack staging --policy-pack policy",
        "refresh --preview-only --expect-no-changes --stack staging",
        "stack output --json --stack staging",
      ],
    );
    assert.equal(calls()[1].stdin, VALUE, "the value, on standard input only");
    assert.ok(
      calls().every((c, i) => i === 1 || c.stdin === ""),
      "no other call gets it",
    );
    assert.equal(fs.readFileSync(path.join(dir, "current"), "utf8"), VALUE);
    assert.match(
      r.stdout,
      /1\/5[\s\S]*2\/5[\s\S]*3\/5 pulumi refresh[\s\S]*4\/5[\s\S]*5\/5 deployed, no drift, and healthy/,
    );
    assert.match(r.stdout, /commit Pulumi\.staging\.yaml/);
    assert.match(r.stdout, /revoke the old value at OpenAI: https:\/\/platform\.openai\.com\/api-keys/);
  });

  it("accepts a config key, and names each service's page", async () => {
    const r = await run(
      ["--stack", "production", "--secret", "chef-chopsky:railwayToken"],
      `${realisticSecret("chef-chopsky:railwayToken", "rotated")}\n`,
    );
    assert.equal(r.code, EXIT.done, r.stderr);
    assert.match(r.stdout, /RAILWAY_TOKEN/);
    assert.match(
      r.stdout,
      /Railway: https:\/\/railway\.com\/project\/5f1d8a3e-2c4b-4e7a-9b0d-1a2b3c4d5e6f\/settings\/tokens/,
    );
    const pages: [string, RegExp][] = [
      [
        "PRODUCTION_SUPABASE_SECRET_KEY",
        /Supabase: https:\/\/supabase\.com\/dashboard\/project\/qzvhxkfmpwlrtdbnyacs\/settings\/api-keys/,
      ],
      ["LANGCHAIN_API_KEY", /LangSmith: https:\/\/smith\.langchain\.com\/settings/],
      ["UPTIME_ROBOT_API_KEY", /UptimeRobot: https:\/\/dashboard\.uptimerobot\.com\/integrations/],
      ["SENTRY_AUTH_TOKEN", /Sentry: https:\/\/sentry\.io\/settings\/auth-tokens\//],
      ["VERCEL_TOKEN", /Vercel: https:\/\/vercel\.com\/account\/tokens/],
      ["github:token", /GitHub: https:\/\/github\.com\/settings\/personal-access-tokens/],
    ];
    for (const [name, page] of pages) {
      const dry = await run(["--stack", "production", "--secret", name, "--dry-run"]);
      assert.match(dry.stdout, page, name);
    }
  });

  it("refuses unknown names, listing the valid ones, and names of the other stack or not rotated by config", async () => {
    const unknown = await run(["--stack", "staging", "--secret", "OPENAI_KEY"]);
    assert.equal(unknown.code, EXIT.badInput);
    assert.match(
      unknown.stderr,
      /unknown secret name \(not repeated here, .*valid for stack staging: RAILWAY_STAGING_TOKEN, /,
    );
    assert.ok(!unknown.stderr.includes("OPENAI_KEY"), "a name that may be a value is never echoed");
    for (const n of rotatableNames("staging")) assert.ok(unknown.stderr.includes(n), n);
    const other = await run(["--stack", "staging", "--secret", "PRODUCTION_OPENAI_API_KEY"]);
    assert.match(other.stderr, /PRODUCTION_OPENAI_API_KEY belongs to the production stack, not staging/);
    const output = await run(["--stack", "production", "--secret", "VERCEL_PROJECT_ID"]);
    assert.match(output.stderr, /not rotated through config: its value is the stack output vercelProjectId/);
    const dev = await run(["--stack", "dev", "--secret", "SENTRY_DSN"]);
    assert.equal(dev.code, EXIT.badInput);
    assert.ok(
      dev.stderr.includes(`--stack: expected one of the declared environments: ${ENVIRONMENT_NAMES.join(", ")}`),
    );
    assert.deepEqual(calls(), [], "no pulumi call");
  });

  it("--dry-run changes nothing and reads no value; --print-only sets the value and prints the rest", async () => {
    const dry = await run([...staging, "--dry-run"]);
    assert.equal(dry.code, EXIT.done);
    assert.match(dry.stdout, /pulumi config set --secret chef-chopsky:openaiApiKey --stack staging/);
    assert.deepEqual(calls(), []);
    const printed = await run([...staging, "--print-only"]);
    assert.equal(printed.code, EXIT.done, printed.stderr);
    assert.deepEqual(
      calls().map((c) => c.argv[1]),
      ["get", "set"],
    );
    assert.match(printed.stdout, /pulumi up --yes --stack staging --policy-pack policy/);
    assert.match(printed.stdout, /npm run health -- --outputs - --wait 300/);
  });

  it("stops before deploying when the value is empty, padded, or the current one", async () => {
    assert.match((await run(staging, "\n")).stderr, /the new value is empty/);
    assert.match((await run(staging, ` ${VALUE}\n`)).stderr, /starts or ends with white space/);
    fs.writeFileSync(path.join(dir, "current"), VALUE);
    const same = await run(staging);
    assert.equal(same.code, EXIT.badInput);
    assert.match(same.stderr, /equals the current one: nothing to rotate/);
    assert.ok(!calls().some((c) => c.argv[1] === "set"));
  });

  it("refuses a weak or placeholder value before setting anything", async () => {
    for (const weak of ["changeme", "sk-proj-0123456789abcdef0123456789abcdef", "sk-short"]) {
      const r = await run(staging, `${weak}\n`);
      assert.equal(r.code, EXIT.badInput, weak);
      assert.match(r.stderr, /the new value of chef-chopsky:openaiApiKey (looks like|is)[^\n]*; nothing changed/);
      assert.ok(!r.stderr.includes(weak), "the value is not echoed");
    }
    assert.ok(!calls().some((c) => c.argv[1] === "set"), "no config set");
  });

  it("stops at a drift check that fails, before the health checks and the revoke advice", async () => {
    const drift = await run(staging, `${VALUE}\n`, { FAKE_REFRESH_EXIT: "7" });
    assert.equal(drift.code, EXIT.failed);
    assert.match(
      drift.stderr,
      /pulumi refresh --preview-only --expect-no-changes --stack staging failed \(exit 7: drift\)[\s\S]*Do NOT revoke/,
    );
    assert.ok(!calls().some((c) => c.argv[0] === "stack"), "no health checks");
    assert.ok(!drift.stdout.includes("revoke the old value at"));
  });

  it("a failed update or an unhealthy stack exits 1 and says not to revoke", async () => {
    const failed = await run(staging, `${VALUE}\n`, { FAKE_UP_EXIT: "1" });
    assert.equal(failed.code, EXIT.failed);
    assert.match(failed.stderr, /pulumi up failed \(exit 1\)[\s\S]*Do NOT revoke/);
    assert.ok(!calls().some((c) => c.argv[0] === "stack"));
    assert.ok(!failed.stdout.includes("revoke the old value at"));
    fs.writeFileSync(path.join(dir, "current"), "sk-proj-old-value");
    healthy = false;
    const sick = await run([...staging, "--wait", "0"]);
    assert.equal(sick.code, EXIT.failed);
    assert.match(sick.stderr, /not healthy after the rotation\. Do NOT revoke/);
    assert.ok(!sick.stdout.includes("revoke the old value at"));
  });

  it("reads from a terminal in raw mode, echoing nothing", async () => {
    const stream = new Readable({ read() {} }) as unknown as SecretInput & Readable;
    const modes: boolean[] = [];
    Object.assign(stream, { isTTY: true, setRawMode: (m: boolean) => modes.push(m) });
    let written = "";
    const pending = readSecretValue(stream, "New value (hidden): ", (t) => (written += t));
    stream.push("sk-ab");
    stream.push("x\u007fc\r");
    assert.equal(await pending, "sk-abc");
    assert.deepEqual(modes, [true, false]);
    assert.equal(written, "New value (hidden): \n", "only the prompt and a newline");
  });

  it("runs as `npm run rotate` with the fake CLI found on the PATH and the value piped in", async () => {
    const child = spawn("npm", ["run", "--silent", "rotate", "--", ...staging], {
      cwd: ROOT,
      env: { ...process.env, ...env() },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.stdin.end(`${VALUE}\n`);
    const code = await new Promise<number>((r) => child.on("close", (c) => r(c ?? -1)));
    assert.equal(code, EXIT.done, out);
    assert.ok(!out.includes(VALUE));
    assert.equal(calls()[1].stdin, VALUE);
  });
});
