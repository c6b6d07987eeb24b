// `npm run secrets`: the secrets older than the rotation period at P3, each with the command that rotates it.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Readable } from "node:stream";
import { fingerprintRecord } from "../lib/secret-record";
import { main } from "../ops/secrets";
import { realisticSecrets } from "./fixtures/secrets";

const NOW = new Date("2025-07-01T09:00:00Z");
const OPENAI = "chef-chopsky:openaiApiKey";

/** A stack's `pulumi stack output --json`, its secrets recorded on `changed` (one date, or one per key). */
function outputsOf(
  env: "production" | "staging",
  changed: string | Record<string, string>,
  values: Record<string, string> = realisticSecrets(env),
) {
  const { keyId, secrets } = fingerprintRecord(values);
  const dated = Object.fromEntries(
    Object.entries(secrets).map(([k, s]) => [
      k,
      { ...s, changed: typeof changed === "string" ? changed : (changed[k] ?? "2025-06-01") },
    ]),
  );
  return {
    environment: env,
    frontendUrl: "https://x.example",
    secretAges: { rotationDays: 90, keyId, secrets: dated },
  };
}

async function run(args: string[], stdin?: string) {
  let stdout = "";
  let stderr = "";
  const code = await main(
    args,
    {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      stdin: stdin === undefined ? undefined : Readable.from([stdin]),
    },
    () => NOW,
  );
  return { code, stdout, stderr };
}

describe("npm run secrets", () => {
  let dir: string;
  const write = (name: string, data: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(data));
    return file;
  };
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "secrets-report-"))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lists the secrets older than the rotation period at P3, each with its rotation command; exit 0", async () => {
    const file = write("p.json", outputsOf("production", { [OPENAI]: "2025-01-02", "github:token": "2025-03-01" }));
    const { code, stdout, stderr } = await run(["--outputs", file]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^SEVERITY\s+SECRET\s+LAST_CHANGED\s+AGE_DAYS$/m);
    assert.match(stdout, /^P3\s+chef-chopsky:openaiApiKey\s+2025-01-02\s+180$/m);
    assert.match(stdout, /^P3\s+github:token\s+2025-03-01\s+122$/m);
    assert.match(stdout, /^ok\s+chef-chopsky:railwayToken\s+2025-06-01\s+30$/m);
    assert.match(
      stdout,
      /P3 chef-chopsky:openaiApiKey: unchanged for 180 days \(rotation period 90\): npm run rotate -- --stack production --secret chef-chopsky:openaiApiKey/,
    );
    assert.match(stdout, /production: 2 of \d+ secrets older than 90 days, severity P3/);
    assert.ok(stdout.indexOf("openaiApiKey") < stdout.indexOf("github:token"), "oldest first");
  });

  it("writes Markdown for a job summary: the stale secrets and their commands, no fingerprint, no value", async () => {
    const values = realisticSecrets("staging");
    const file = write("s.json", outputsOf("staging", { [OPENAI]: "2024-12-01" }, values));
    const { code, stdout } = await run(["--outputs", file, "--markdown"]);
    assert.equal(code, 0);
    assert.match(stdout, /^### Secret ages: staging$/m);
    assert.match(stdout, /\*\*P3\*\*: 1 secret unchanged for longer than 90 days\./);
    assert.match(
      stdout,
      /^\| `chef-chopsky:openaiApiKey` \| 2024-12-01 \| 212 \| `npm run rotate -- --stack staging --secret chef-chopsky:openaiApiKey` \|$/m,
    );
    assert.ok(!stdout.includes("hmac-sha256"));
    for (const v of Object.values(values)) assert.ok(!stdout.includes(v));
  });

  it("says so when nothing is older than the period (severity none), from standard input too", async () => {
    const { code, stdout } = await run(
      ["--outputs", "-", "--markdown"],
      JSON.stringify(outputsOf("production", "2025-05-01")),
    );
    assert.equal(code, 0);
    assert.match(stdout, /No secret is older than the rotation period \(90 days\)\./);
    const json = await run(["--outputs", "-", "--json"], JSON.stringify(outputsOf("production", "2025-05-01")));
    assert.equal(JSON.parse(json.stdout).severity, "none");
  });

  it("a stack whose outputs have no record yet: exit 2, saying why", async () => {
    const file = write("old.json", { environment: "production", frontendUrl: "https://x.example" });
    const { code, stderr } = await run(["--outputs", file]);
    assert.equal(code, 2);
    assert.match(stderr, /no secretAges output/);
  });

  it("bad input: exit 2 naming the field, never echoing a value", async () => {
    const bad = outputsOf("production", "2025-05-01");
    (bad.secretAges.secrets[OPENAI] as { fingerprint: string }).fingerprint = realisticSecrets("production")[OPENAI];
    const { code, stderr } = await run(["--outputs", write("bad.json", bad)]);
    assert.equal(code, 2);
    assert.match(stderr, /secretAges\.secrets\.chef-chopsky:openaiApiKey\.fingerprint: expected an hmac-sha256/);
    assert.ok(!stderr.includes(realisticSecrets("production")[OPENAI]));
    assert.equal(
      (await run(["--outputs", write("ok.json", outputsOf("production", "2025-05-01")), "--now", "July"])).code,
      2,
    );
    const missing = await run(["--outputs", path.join(dir, "absent.json")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--outputs: cannot read ".*absent\.json" \(no such file\)/);
    const directory = await run([
      "--outputs",
      write("p.json", outputsOf("staging", "2025-05-01")),
      "--production",
      dir,
    ]);
    assert.match(directory.stderr, /--production: cannot read ".*" \(is a directory\)/);
  });

  it("--production: a staging secret equal to production's exits 1, naming it (for staging without a StackReference)", async () => {
    const prod = realisticSecrets("production");
    const staging = write(
      "st.json",
      outputsOf("staging", "2025-06-01", { ...realisticSecrets("staging"), [OPENAI]: prod[OPENAI] }),
    );
    const production = write("pr.json", outputsOf("production", "2025-06-01", prod));
    const { code, stdout } = await run(["--outputs", staging, "--production", production]);
    assert.equal(code, 1);
    assert.match(
      stdout,
      /chef-chopsky:openaiApiKey is equal to production's chef-chopsky:openaiApiKey: give staging its own value/,
    );
    const clean = write("st2.json", outputsOf("staging", "2025-06-01"));
    assert.equal((await run(["--outputs", clean, "--production", production])).code, 0);
    assert.equal(
      (await run(["--outputs", production, "--production", clean])).code,
      2,
      "the stacks the other way round",
    );
  });
});
