import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { ConfigError, plainConfigSchema, validateConfig } from "../config";
import { requiredConfigSecrets } from "../lib/catalog";
import { DECLARATIONS, type EnvironmentDeclaration } from "../lib/environments";
import { configFor } from "./harness";

/** Validates a stack's YAML config with changes; returns the error (or undefined when valid). */
function errorOf(
  stack: string,
  changes: Record<string, string | undefined> = {},
  plaintext: string[] = [],
): ConfigError | undefined {
  const offline = configFor(stack, changes);
  const secret = new Set(offline.secretKeys.filter((k) => !plaintext.includes(k)));
  try {
    validateConfig(stack, offline.config, (k) => secret.has(k), { placeholders: offline.placeholders });
    return undefined;
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err;
  }
}

function assertRejects(err: ConfigError | undefined, path: string, text: RegExp) {
  assert.ok(err, "expected the config to be rejected");
  const issue = err.issues.find((i) => i.path === path);
  assert.ok(issue, `expected an issue for ${path}, got: ${err.message}`);
  assert.match(issue.message, text);
  assert.ok(err.message.includes(path), "the message names the key");
}

describe("config", () => {
  it("accepts both committed stack files", () => {
    assert.equal(errorOf("production"), undefined);
    assert.equal(errorOf("staging"), undefined);
  });

  it("Pulumi.yaml declares every plain key, and lists every config secret without declaring it", () => {
    const text = fs.readFileSync(path.join(__dirname, "..", "Pulumi.yaml"), "utf8");
    const declared = Object.keys((parse(text) as { config: Record<string, unknown> }).config);
    assert.deepEqual(declared.sort(), Object.keys(plainConfigSchema.shape).sort());
    // Declared, a secret would be required by the CLI, which would stop on the first missing ones with a partial
    // list; undeclared, the program reports every missing secret at once, with the command that sets it.
    for (const key of new Set([...requiredConfigSecrets("production"), ...requiredConfigSecrets("staging")]))
      assert.match(text, new RegExp(`^#\\s+${key}\\s`, "m"), `${key} is listed in Pulumi.yaml's header`);
  });

  it("applies the documented defaults", () => {
    const offline = configFor("staging");
    const cfg = validateConfig("staging", offline.config, () => true, { placeholders: offline.placeholders });
    assert.equal(cfg.vercelProjectName, "chef-chopsky");
    assert.equal(cfg.frontendMonitorIntervalSeconds, 300);
    assert.equal(cfg.agentCommit, undefined);
    assert.equal(cfg.supabaseProjectRef, "hjkwmrtpzxvbqnlcdyfe");
  });

  it("rejects a missing required key, naming it", () => {
    assertRejects(errorOf("production", { "chef-chopsky:agentUrl": undefined }), "chef-chopsky:agentUrl", /missing/);
  });

  it("keeps a value its key takes as text as text: an all-digit commit sha is a commit, not a number", () => {
    const sha = "1234567890123456789012345678901234567890";
    const offline = configFor("production", { "chef-chopsky:agentCommit": sha });
    const valid = (o: typeof offline) =>
      validateConfig("production", o.config, () => true, { placeholders: o.placeholders });
    assert.equal(valid(offline).agentCommit, sha);
    assert.equal(valid(configFor("production")).agentDeployTimeoutSeconds, 900);
    const timeout = configFor("production", { "chef-chopsky:agentDeployTimeoutSeconds": "60" });
    assert.equal(valid(timeout).agentDeployTimeoutSeconds, 60);
  });

  it("rejects a URL that is not https", () => {
    assertRejects(
      errorOf("production", { "chef-chopsky:frontendUrl": "http://chef-chopsky-production.vercel.app" }),
      "chef-chopsky:frontendUrl",
      /https/,
    );
  });

  it("rejects a stack that no declaration names, listing the declared ones", () => {
    const offline = configFor("production");
    assert.throws(
      () => validateConfig("dev", offline.config, () => true),
      (err: ConfigError) => {
        assertRejects(err, "stack", /declared environments \(lib\/environments\.ts\): production, staging; got "dev"/);
        return true;
      },
    );
  });

  it("refuses inconsistent environment declarations before anything is registered, naming the file", () => {
    // lib/environments.ts loads its declarations unchecked (the policy pack must not load zod); the config checks them.
    const declarations = DECLARATIONS as unknown as EnvironmentDeclaration[];
    declarations.push({ name: "demo", title: "Demo", branch: "staging", labels: ["demo"] });
    try {
      assertRejects(
        errorOf("staging"),
        "lib/environments.ts",
        /the branch "staging" is claimed by both staging and demo/,
      );
      assert.match(errorOf("staging")!.message, /fix the declaration \(docs\/RUNBOOK\.md, Adding a new environment\)/);
    } finally {
      declarations.pop();
    }
    assert.equal(errorOf("staging"), undefined);
  });

  it("rejects a production config that points at staging hosts", () => {
    for (const key of ["agentUrl", "frontendUrl"]) {
      const err = errorOf("production", {
        [`chef-chopsky:${key}`]:
          key === "agentUrl"
            ? "https://chef-chopsky-staging.up.railway.app"
            : "https://chef-chopsky-git-staging.vercel.app",
      });
      assertRejects(err, `chef-chopsky:${key}`, /staging host/);
    }
    assertRejects(
      errorOf("production", {
        "chef-chopsky:supabaseUrl": "https://chef-chopsky-staging.example.com",
        "chef-chopsky:supabaseProjectRef": "abcdefghijklmnopqrst",
      }),
      "chef-chopsky:supabaseUrl",
      /staging host/,
    );
  });

  it("rejects a staging config that points at production hosts", () => {
    assertRejects(
      errorOf("staging", { "chef-chopsky:agentUrl": "https://chef-chopsky-production.up.railway.app" }),
      "chef-chopsky:agentUrl",
      /production host/,
    );
  });

  it("rejects an unknown key (a typo)", () => {
    assertRejects(
      errorOf("staging", { "chef-chopsky:agentUlr": "https://x.example.com" }),
      "chef-chopsky:agentUlr",
      /unknown key/,
    );
  });

  it("rejects the wrong branch for the stack", () => {
    assertRejects(errorOf("production", { "chef-chopsky:branch": "staging" }), "chef-chopsky:branch", /"main"/);
  });

  it("reports every problem at once", () => {
    const err = errorOf("production", {
      "chef-chopsky:agentUrl": "ftp://x",
      "chef-chopsky:typo": "1",
      "chef-chopsky:railwayServiceId": "nope",
    });
    assert.ok(err);
    assert.deepEqual(err.issues.map((i) => i.path).sort(), [
      "chef-chopsky:agentUrl",
      "chef-chopsky:railwayServiceId",
      "chef-chopsky:typo",
    ]);
  });

  it("reports schema, cross-environment and secret problems together in one error", () => {
    const err = errorOf("production", {
      "chef-chopsky:agnetUrl": "https://x.example.com",
      "chef-chopsky:frontendUrl": "https://chef-chopsky-git-staging.vercel.app",
      "chef-chopsky:branch": "staging",
      "chef-chopsky:sentryDsn": undefined,
    });
    assert.ok(err);
    assert.deepEqual(err.issues.map((i) => i.path).sort(), [
      "chef-chopsky:agnetUrl",
      "chef-chopsky:branch",
      "chef-chopsky:frontendUrl",
      "chef-chopsky:sentryDsn",
    ]);
  });

  it("rejects a staging config whose frontend or database points at production", () => {
    assertRejects(
      errorOf("staging", { "chef-chopsky:frontendUrl": "https://chef-chopsky-production.vercel.app" }),
      "chef-chopsky:frontendUrl",
      /production host/,
    );
    assertRejects(
      errorOf("staging", {
        "chef-chopsky:supabaseUrl": "https://db.production.chef-chopsky.example.com",
        "chef-chopsky:supabaseProjectRef": "abcdefghijklmnopqrst",
      }),
      "chef-chopsky:supabaseUrl",
      /production host/,
    );
  });

  it("says which pulumi config set --secret to run for a missing secret, never showing values", () => {
    const err = errorOf("production", { "chef-chopsky:openaiApiKey": undefined });
    assertRejects(
      err,
      "chef-chopsky:openaiApiKey",
      /`pulumi config set --secret chef-chopsky:openaiApiKey --stack production` \(it prompts/,
    );
    // The plaintext advice prompts too: no value goes on a command line.
    assertRejects(
      errorOf("production", {}, ["chef-chopsky:openaiApiKey"]),
      "chef-chopsky:openaiApiKey",
      /`pulumi config set --secret chef-chopsky:openaiApiKey --stack production` \(it prompts/,
    );
    // The fingerprint key is generated and piped, never typed.
    assertRejects(
      errorOf("production", { "chef-chopsky:secretFingerprintKey": undefined }),
      "chef-chopsky:secretFingerprintKey",
      /`openssl rand -hex 32 \| pulumi config set --secret chef-chopsky:secretFingerprintKey --stack production`/,
    );
    assert.ok(!/<value>|KEY VALUE/.test(String(err)));
  });

  it("rejects a secret stored in plaintext without printing its value", () => {
    const offline = configFor("production");
    const value = offline.config["chef-chopsky:railwayToken"];
    const err = errorOf("production", {}, ["chef-chopsky:railwayToken"]);
    assertRejects(err, "chef-chopsky:railwayToken", /plaintext/);
    assert.ok(!err!.message.includes(value));
  });

  it("requires staging's own Vercel token (a config secret of the stack)", () => {
    const offline = configFor("staging");
    assert.equal(errorOf("staging"), undefined, "the staging stack may hold vercel:apiToken");
    delete offline.config["vercel:apiToken"];
    assert.throws(
      () => validateConfig("staging", offline.config, () => true, { placeholders: offline.placeholders }),
      /vercel:apiToken: required secret is missing/,
    );
  });

  it("rejects a production-only secret on staging", () => {
    const offline = configFor("staging");
    offline.config["chef-chopsky:langchainApiKey"] = "x";
    assert.throws(
      () => validateConfig("staging", offline.config, () => true, { placeholders: offline.placeholders }),
      /langchainApiKey: belongs to the production environment/,
    );
  });
});
