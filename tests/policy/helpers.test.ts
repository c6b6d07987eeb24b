// The helpers the rules share (policy/lib): the stack of a URN, host names in free text, environment names.
import * as assert from "node:assert/strict";
import { environmentsNamedIn, foreignReferencesIn, isNamedForOther } from "../../policy/lib/naming";
import { environmentOfUrn, nameOfUrn } from "../../policy/lib/stack";
import { hostsIn } from "../../policy/lib/walk";

describe("policy helpers", () => {
  it("reads the stack from a URN", () => {
    assert.equal(environmentOfUrn("urn:pulumi:staging::chef-chopsky::a$b::n"), "staging");
    assert.equal(environmentOfUrn("urn:pulumi:dev::chef-chopsky::a::n"), undefined);
    assert.equal(nameOfUrn("urn:pulumi:staging::p::a$b::my-name"), "my-name");
  });
  it("finds hosts in URLs, bare names and comma lists, not in file names", () => {
    assert.deepEqual(
      hostsIn(
        "a https://x-staging.vercel.app/p?q=1,https://y.supabase.co b z.up.railway.app deploy.ts Pulumi.staging.yaml",
      ),
      ["x-staging.vercel.app", "y.supabase.co", "z.up.railway.app"],
    );
  });
  it("knows which environment a name is for", () => {
    assert.deepEqual(environmentsNamedIn("UPTIME_ROBOT_PROD_AGENT_ID"), ["production"]);
    assert.deepEqual(environmentsNamedIn("railwayStagingToken"), ["staging"]);
    assert.equal(isNamedForOther("staging-reads-production", "production"), false);
    assert.deepEqual(
      foreignReferencesIn("NODE_ENV=production ${PRODUCTION_OPENAI_API_KEY} catalog:VERCEL_TOKEN", "staging"),
      ["PRODUCTION_OPENAI_API_KEY", "catalog:VERCEL_TOKEN"],
    );
  });
});
