import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../dev/plan";
import type { PolicySession } from "../dev/policy/session";
import { PROJECT_DIR } from "../dev/synth/index";
import { sharedPolicySession } from "./fixtures/policy/session";

/** A copy of the project's config files, with text replaced in one stack file. */
function configDir(stack: string, from: string, to: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
  for (const f of ["Pulumi.yaml", "Pulumi.production.yaml", "Pulumi.staging.yaml"])
    fs.copyFileSync(path.join(PROJECT_DIR, f), path.join(dir, f));
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  const text = fs.readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${from} not in ${file}`);
  fs.writeFileSync(file, text.replace(from, to));
  return dir;
}

async function plan(dir?: string, session?: PolicySession) {
  let out = "";
  let err = "";
  const code = await main({ stdout: (t) => (out += t), stderr: (t) => (err += t) }, dir, session);
  return { code, out, err };
}

describe("npm run plan", function () {
  this.timeout(60000);
  // The first case starts its own pack, as the command does; the others share one.
  let shared: PolicySession | undefined;
  before(async () => (shared = await sharedPolicySession()));

  it("synthesizes both stacks, summarizes them and passes policy: exit 0", async () => {
    const r = await plan();
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /stack production: \d+ resources/);
    assert.match(r.out, /stack staging: \d+ resources/);
    assert.match(r.out, /1\s+vercel:index\/project:Project/);
    assert.match(r.out, /policy: stack production: no violations/);
    assert.match(r.out, /policy: stack staging: no violations/);
    assert.match(r.out, /plan: ok/);
  });

  it("exits 1 with the config errors when a stack's config is invalid", async () => {
    const r = await plan(
      configDir(
        "production",
        "https://chef-chopsky-production.up.railway.app",
        "https://chef-chopsky-staging.up.railway.app",
      ),
      shared,
    );
    assert.equal(r.code, 1);
    assert.match(r.err, /chef-chopsky:agentUrl: chef-chopsky-staging\.up\.railway\.app is a staging host/);
    assert.match(r.out, /plan: FAILED/);
  });

  it("exits 1 when both stacks share a database", async () => {
    const r = await plan(configDir("staging", "hjkwmrtpzxvbqnlcdyfe", "qzvhxkfmpwlrtdbnyacs"), shared);
    assert.equal(r.code, 1);
    assert.match(r.err, /chef-chopsky:supabaseUrl is the same on production and staging/);
  });
});
