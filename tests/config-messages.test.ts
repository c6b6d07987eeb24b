// The config error's exact lines for the values a user mistypes: the fix each line ends with (set, rm, stack
// select, or the command the message already names), numbers that are not numbers, URL keys given a number, and
// the GitHub API base URL.
import { strict as assert } from "node:assert";
import { ConfigError, validateConfig } from "../config";
import { configFor } from "./harness";

/** The problem lines of the stack's error with these changes (each `  - path: message: fix`). */
function lines(changes: Record<string, string | undefined>, stack = "production"): string[] {
  const offline = configFor(stack === "production" ? stack : "staging", changes);
  try {
    validateConfig(stack, offline.config, () => true, { placeholders: offline.placeholders });
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message.split("\n").slice(1);
  }
  return assert.fail("expected a ConfigError");
}
const set = (key: string) => `run \`pulumi config set ${key} <value> --stack production\``;

describe("config messages", () => {
  it("ends each problem with the command that fixes it", () => {
    assert.deepEqual(lines({ "chef-chopsky:nope": "x" }), [
      "  - chef-chopsky:nope: unknown key (a typo?); see Pulumi.yaml for the keys this project reads: run `pulumi config rm chef-chopsky:nope --stack production`",
    ]);
    assert.deepEqual(lines({}, "dev"), [
      '  - stack: expected the stack to be one of the declared environments (lib/environments.ts): production, staging; got "dev": run `pulumi stack select production` (or staging)',
    ]);
    // "unknown key" inside a value is no unknown key: the fix is still to set the branch.
    assert.deepEqual(lines({ "chef-chopsky:branch": "unknown key" }), [
      `  - chef-chopsky:branch: expected "main" for the production stack, got "unknown key": ${set("chef-chopsky:branch")}`,
    ]);
  });

  it("keeps a message that already names its command as it is", () => {
    const [line] = lines({ "chef-chopsky:openaiApiKey": undefined });
    assert.match(line, /^ {2}- chef-chopsky:openaiApiKey: .*`pulumi config set --secret chef-chopsky:openaiApiKey/);
    assert.doesNotMatch(line, /<value> --stack production`$/);
  });

  it("reads numbers only when the whole value is one, and true/false as booleans", () => {
    const days = (value: string) => lines({ "chef-chopsky:secretRotationDays": value });
    const line = (message: string) => [
      `  - chef-chopsky:secretRotationDays: ${message}: ${set("chef-chopsky:secretRotationDays")}`,
    ];
    assert.deepEqual(days("1.25"), line("Invalid input: expected int, received number"));
    assert.deepEqual(days("true"), line("Invalid input: expected number, received boolean"));
    assert.deepEqual(days("false"), line("Invalid input: expected number, received boolean"));
    for (const text of ["abc12", "12abc", "1.x5"]) {
      assert.deepEqual(days(text), line("Invalid input: expected number, received string"), text);
    }
  });

  it("a URL key given a number is one problem, on that key", () => {
    for (const key of ["frontendUrl", "agentUrl", "supabaseUrl"]) {
      assert.deepEqual(
        lines({ [`chef-chopsky:${key}`]: "5" }).map((l) => l.split(":")[1]),
        [key],
        key,
      );
    }
  });

  it("a Supabase URL that is wrong is its own problem, not also a missing project ref", () => {
    assert.deepEqual(lines({ "chef-chopsky:supabaseUrl": "http://db.example.com" }), [
      `  - chef-chopsky:supabaseUrl: expected the Supabase project URL as an https URL, got "http://db.example.com": ${set("chef-chopsky:supabaseUrl")}`,
    ]);
  });

  it("a custom Supabase domain still needs its project ref when another key is wrong", () => {
    const paths = lines({
      "chef-chopsky:supabaseUrl": "https://db.chef.example.com",
      "chef-chopsky:branch": "dev",
    }).map((l) => l.split(": ")[0]);
    assert.deepEqual(paths, ["  - chef-chopsky:branch", "  - chef-chopsky:supabaseProjectRef"]);
  });

  it("checks and returns the GitHub API base URL", () => {
    assert.deepEqual(lines({ "github:baseUrl": "http://gh.example.com" }), [
      `  - github:baseUrl: expected the GitHub API base URL as an https URL, got "http://gh.example.com": ${set("github:baseUrl")}`,
    ]);
    const offline = configFor("production", { "github:baseUrl": "https://ghe.example.com/api/v3" });
    const config = validateConfig("production", offline.config, () => true, { placeholders: offline.placeholders });
    assert.equal(config.githubBaseUrl, "https://ghe.example.com/api/v3");
  });
});
