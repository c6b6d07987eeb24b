// The helpers the rules share (policy/lib): the stack of a URN, host names in free text, environment names.
import * as assert from "node:assert/strict";
import { environmentsNamedIn } from "../../lib/environments";
import { foreignReferencesIn, namedForOthers } from "../../policy/lib/naming";
import { environmentOfResources, environmentOfUrn, stackOfUrn } from "../../policy/lib/stack";
import { catalogNameOfComment } from "../../policy/lib/types";
import { hostsIn, joinPath, stringLeaves } from "../../policy/lib/walk";

describe("policy helpers", () => {
  it("reads the stack from a URN", () => {
    assert.equal(environmentOfUrn("urn:pulumi:staging::chef-chopsky::a$b::n"), "staging");
    assert.equal(environmentOfUrn("urn:pulumi:dev::chef-chopsky::a::n"), undefined);
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
    assert.equal(namedForOthers("staging-reads-production", "production"), undefined);
    assert.equal(namedForOthers("STAGING_TOKEN", "production"), "staging");
    assert.deepEqual(
      foreignReferencesIn("NODE_ENV=production ${PRODUCTION_OPENAI_API_KEY} catalog:VERCEL_TOKEN", "staging"),
      ["PRODUCTION_OPENAI_API_KEY", "catalog:VERCEL_TOKEN"],
    );
  });
  it("reads a URN defensively: not a URN", () => {
    assert.equal(stackOfUrn("not-a-urn"), undefined);
    assert.equal(environmentOfUrn("not-a-urn"), undefined);
  });
  it("finds a stack's environment from its root resource wherever it is listed", () => {
    const child = { urn: "urn:pulumi:staging::p::t::n", type: "x" };
    const root = { urn: "urn:pulumi:production::p::pulumi:pulumi:Stack::p-production", type: "pulumi:pulumi:Stack" };
    assert.equal(environmentOfResources([child, root]), "production");
    assert.equal(environmentOfResources([child]), "staging");
    assert.equal(environmentOfResources([]), undefined);
  });
  it("finds hosts behind trailing punctuation, and none in a URL that does not parse", () => {
    assert.deepEqual(hostsIn("see https://chef-chopsky-staging.up.railway.app!!"), [
      "chef-chopsky-staging.up.railway.app",
    ]);
    assert.deepEqual(hostsIn("see https://chef-chopsky-staging.up.railway.app."), [
      "chef-chopsky-staging.up.railway.app",
    ]);
    assert.deepEqual(hostsIn("https://[nope"), []);
  });
  it("walks every string leaf with its path and last key, skipping nulls", () => {
    assert.deepEqual([...stringLeaves("x")], [{ path: "", key: "", value: "x" }]);
    assert.deepEqual([...stringLeaves({ a: null, b: [{ c: "y" }], n: 1 })], [{ path: "b[0].c", key: "c", value: "y" }]);
    assert.equal(joinPath("", "value"), "value");
    assert.equal(joinPath("variables[0].", "value"), "variables[0].value");
    assert.equal(joinPath("auth", "token"), "auth.token");
  });
  it("reads a catalog source only from a whole `catalog:NAME` comment", () => {
    assert.equal(catalogNameOfComment(" catalog: SENTRY_DSN "), "SENTRY_DSN");
    for (const comment of [
      "see catalog:SENTRY_DSN",
      "catalog:SENTRY_DSN and more",
      "xcatalog:SENTRY_DSN",
      "catalog:X!!",
    ])
      assert.equal(catalogNameOfComment(comment), undefined, comment);
    assert.equal(catalogNameOfComment(["catalog:SENTRY_DSN"]), undefined);
  });
  it("does not count a stack's own catalog secrets as foreign references", () => {
    assert.deepEqual(foreignReferencesIn("catalog:STAGING_OPENAI_API_KEY catalog:SENTRY_DSN", "staging"), []);
  });
});
