// The config rules that Stryker found unpinned (npm run mutate): loopback http for the local fakes, the one error's
// header, missing versus wrong-typed keys, the Supabase project ref of a custom domain, an unknown stack's checks,
// and optional keys that are set.
import { strict as assert } from "node:assert";
import { ConfigError, validateConfig } from "../config";
import { supabaseRefOfUrl } from "../lib/formats";
import { configFor } from "./harness";

function validate(stack: string, changes: Record<string, string | undefined> = {}, configStack = stack) {
  const offline = configFor(configStack, changes);
  return validateConfig(stack, offline.config, () => true, { placeholders: offline.placeholders });
}

function issuesOf(stack: string, changes: Record<string, string | undefined> = {}, configStack = stack) {
  try {
    validate(stack, changes, configStack);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err;
  }
  assert.fail("expected a ConfigError");
}

describe("config rules", () => {
  it("accepts http only on loopback addresses (the local fakes), and refuses what does not parse", () => {
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"])
      assert.equal(validate("production", { "chef-chopsky:frontendUrl": url }).frontendUrl, url);
    for (const url of ["http://chef-chopsky.example.com", "ftp://localhost/x", "not a url"]) {
      const err = issuesOf("production", { "chef-chopsky:frontendUrl": url });
      assert.deepEqual(
        err.issues.map((i) => i.path),
        ["chef-chopsky:frontendUrl"],
      );
      assert.match(err.issues[0].message, /^expected the frontend URL as an https URL, got /);
    }
  });

  it("says how many problems, one line each, in a ConfigError", () => {
    const one = issuesOf("production", { "chef-chopsky:agentUrl": undefined });
    assert.equal(one.name, "ConfigError");
    assert.match(
      one.message,
      /^Invalid configuration for stack "production" \(1 problem\):\n {2}- chef-chopsky:agentUrl: required key is missing \(/,
    );
    const two = issuesOf("production", { "chef-chopsky:agentUrl": undefined, "chef-chopsky:branch": "dev" });
    assert.match(two.message, /^Invalid configuration for stack "production" \(2 problems\):\n {2}- /);
    assert.equal(two.message.split("\n").length, 3);
  });

  it("tells a missing key from a value of the wrong type", () => {
    const err = issuesOf("production", { "chef-chopsky:frontendMonitorIntervalSeconds": "often" });
    const issue = err.issues.find((i) => i.path === "chef-chopsky:frontendMonitorIntervalSeconds");
    assert.ok(issue, err.message);
    assert.doesNotMatch(issue.message, /missing/);
  });

  it("needs supabaseProjectRef for a custom Supabase domain, and uses it", () => {
    const custom = { "chef-chopsky:supabaseUrl": "https://db.chef-chopsky.example.com" };
    const err = issuesOf("production", custom);
    assert.deepEqual(
      err.issues.map((i) => [i.path, i.message]),
      [["chef-chopsky:supabaseProjectRef", "required when supabaseUrl is not https://<ref>.supabase.co"]],
    );
    const ref = "abcdefghijklmnopqrst";
    assert.equal(validate("production", { ...custom, "chef-chopsky:supabaseProjectRef": ref }).supabaseProjectRef, ref);
  });

  it("reads a project ref only from a whole <20 letters>.supabase.co host", () => {
    assert.equal(supabaseRefOfUrl("https://abcdefghijklmnopqrst.supabase.co"), "abcdefghijklmnopqrst");
    assert.equal(supabaseRefOfUrl("https://xabcdefghijklmnopqrst.supabase.co"), undefined);
    assert.equal(supabaseRefOfUrl("not a url"), undefined);
  });

  it("checks an unknown stack as staging, so its only problem is its name", () => {
    const err = issuesOf("dev", {}, "staging");
    assert.deepEqual(
      err.issues.map((i) => i.path),
      ["stack"],
    );
  });

  it("reads an optional key that is set", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    assert.equal(validate("staging", { "chef-chopsky:agentCommit": sha }).agentCommit, sha);
  });
});
