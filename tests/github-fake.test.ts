// The GitHub REST fake, through HTTP: the configure-time and repository lookups, 401 on a wrong token, 404 for what
// is absent, environments with their deployment branch policy flags (422 when GitHub refuses them), branch
// policies (404 unless custom policies are on, 422 on a pattern no branch can match, 303 on a duplicate), the ETag
// / 304 the provider's cache relies on, and the call log. Secrets and hand edits: github-fake-secrets.test.ts.
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import { GitHubFake } from "./fakes/github";
import { gh, providerEnvironmentBody } from "./fakes/github-http";
import { useFake } from "./fakes/server";

const OWNER = "chef-chopsky";
const REPO = "chef-chopsky";
const ENV = `/repos/${OWNER}/${REPO}/environments`;
const TOKEN = "ghp_fakeFAKEfake0123456789abcdefghijkl";

describe("GitHub fake: lookups, environments, branch policies", () => {
  let clock = new Date("2025-06-01T10:00:00Z");
  const fake = useFake(
    () => new GitHubFake({ token: TOKEN, owner: OWNER, repositories: [REPO, "other"], now: () => clock }),
  );
  beforeEach(() => (clock = new Date("2025-06-01T10:00:00Z")));

  it("answers the org and repository lookups; 404 (GitHub's body) for an unknown org, repo or path", async () => {
    const org = await gh(fake(), "GET", `/orgs/${OWNER}`);
    assert.equal(org.status, 200);
    assert.deepEqual(
      [(org.body as { login: string }).login, (org.body as { type: string }).type],
      [OWNER, "Organization"],
    );
    const repo = await gh(fake(), "GET", `/repos/Chef-Chopsky/CHEF-CHOPSKY`);
    assert.equal(repo.status, 200);
    const r = repo.body as { id: number; name: string; full_name: string };
    assert.deepEqual([r.id, r.name, r.full_name], [fake().repositoryId(REPO), REPO, `${OWNER}/${REPO}`]);
    assert.notEqual(fake().repositoryId("other"), r.id);
    for (const path of [`/orgs/someone-else`, `/repos/${OWNER}/nope`, `/repos/someone-else/${REPO}`, `/nothing/here`]) {
      const res = await gh(fake(), "GET", path);
      assert.equal(res.status, 404, path);
      const body = res.body as Record<string, string>;
      assert.equal(body.message, "Not Found");
      assert.match(body.documentation_url, /^https:\/\/docs\.github\.com\/rest/);
    }
    const bare = await fetch(`${fake().url}/repos/${OWNER}/${REPO}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(bare.status, 404, "without the GitHub Enterprise prefix /api/v3");
  });

  it("a user owner: GET /orgs/{owner} is 404 (the provider then treats it as a user), GET /user names it", async () => {
    const user = new GitHubFake({ token: TOKEN, owner: "octocat", ownerType: "User", repositories: ["hello"] });
    await user.start();
    try {
      assert.equal((await gh(user, "GET", "/orgs/octocat")).status, 404);
      const me = await gh(user, "GET", "/user");
      assert.equal((me.body as { login: string }).login, "octocat");
      assert.equal((await gh(user, "GET", "/repos/octocat/hello")).status, 200);
    } finally {
      await user.stop();
    }
  });

  it("401 on a wrong or missing token, and nothing changes", async () => {
    const wrong = await gh(fake(), "PUT", `${ENV}/production`, providerEnvironmentBody(), { token: "ghp_wrong" });
    assert.equal(wrong.status, 401);
    assert.equal((wrong.body as { message: string }).message, "Bad credentials");
    assert.equal(fake().environment(REPO, "production"), undefined);
    const none = await gh(fake(), "GET", `/orgs/${OWNER}`, undefined, { token: null });
    assert.equal(none.status, 401);
    assert.equal(
      (await gh(fake(), "GET", `/orgs/${OWNER}`, undefined, { headers: { authorization: `token ${TOKEN}` } })).status,
      200,
    );
  });

  it("accepts its other tokens too (one per stack), and still no other", async () => {
    const two = new GitHubFake({ token: TOKEN, otherTokens: ["ghp_second"], owner: OWNER, repositories: [REPO] });
    await two.start();
    try {
      assert.equal((await gh(two, "GET", `/orgs/${OWNER}`, undefined, { token: "ghp_second" })).status, 200);
      assert.equal((await gh(two, "GET", `/orgs/${OWNER}`)).status, 200);
      assert.equal((await gh(two, "GET", `/orgs/${OWNER}`, undefined, { token: "ghp_third" })).status, 401);
    } finally {
      await two.stop();
    }
  });

  it("PUT creates an environment as the provider sends it; GET reads it back; DELETE removes it (then 404)", async () => {
    assert.equal((await gh(fake(), "GET", `${ENV}/production`)).status, 404);
    const put = await gh(fake(), "PUT", `${ENV}/production`, providerEnvironmentBody(true));
    assert.equal(put.status, 200);
    const got = await gh(fake(), "GET", `${ENV}/Production`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, put.body);
    const env = got.body as Record<string, unknown>;
    assert.equal(env.name, "production");
    assert.equal(env.can_admins_bypass, true, "the provider reads it back: absent would read as false (drift)");
    assert.deepEqual(env.deployment_branch_policy, { protected_branches: false, custom_branch_policies: true });
    assert.deepEqual(
      (env.protection_rules as { type: string }[]).map((r) => r.type),
      ["branch_policy"],
    );
    assert.equal(fake().environment(REPO, "production")?.preventSelfReview, true);
    assert.deepEqual(fake().environmentNames(REPO), ["production"]);

    assert.equal((await gh(fake(), "DELETE", `${ENV}/production`)).status, 204);
    assert.equal((await gh(fake(), "GET", `${ENV}/production`)).status, 404);
    assert.equal((await gh(fake(), "DELETE", `${ENV}/production`)).status, 404);
    assert.equal((await gh(fake(), "PUT", `/repos/${OWNER}/nope/environments/production`, {})).status, 404);
  });

  it("422 when both branch policy flags are equal or wait_timer is out of range; a second PUT moves updated_at", async () => {
    await gh(fake(), "PUT", `${ENV}/staging`, providerEnvironmentBody());
    const before = fake().environment(REPO, "staging")!;
    for (const flags of [true, false]) {
      const body = {
        ...providerEnvironmentBody(),
        deployment_branch_policy: { protected_branches: flags, custom_branch_policies: flags },
      };
      const res = await gh(fake(), "PUT", `${ENV}/staging`, body);
      assert.equal(res.status, 422, `both ${flags}`);
      assert.match((res.body as { message: string }).message, /protected_branches and custom_branch_policies/);
    }
    assert.equal((await gh(fake(), "PUT", `${ENV}/staging`, { wait_timer: 43201 })).status, 422);
    assert.deepEqual(fake().environment(REPO, "staging"), before, "a refused PUT changes nothing");

    const protectedOnly = await gh(fake(), "PUT", `${ENV}/staging`, providerEnvironmentBody(false, false));
    assert.equal(protectedOnly.status, 200);
    const after = fake().environment(REPO, "staging")!;
    assert.deepEqual(after.deploymentBranchPolicy, { protectedBranches: true, customBranchPolicies: false });
    assert.ok(after.updatedAt > before.updatedAt, "updated_at moves even within the same second");
    assert.equal((protectedOnly.body as { updated_at: string }).updated_at, "2025-06-01T10:00:01Z");
  });

  it("branch policies: 404 unless custom policies are on; create, read, rename, delete; 303 on a duplicate", async () => {
    await gh(fake(), "PUT", `${ENV}/staging`, providerEnvironmentBody(false, false));
    const policies = `${ENV}/staging/deployment-branch-policies`;
    assert.equal((await gh(fake(), "POST", policies, { name: "staging", type: "branch" })).status, 404);
    await gh(fake(), "PUT", `${ENV}/staging`, providerEnvironmentBody());
    const ids: number[] = [];
    for (const name of ["staging", "feat/*", "feature/*"]) {
      const res = await gh(fake(), "POST", policies, { name, type: "branch" });
      assert.equal(res.status, 200, name);
      assert.equal((res.body as { name: string; type: string }).type, "branch");
      ids.push((res.body as { id: number }).id);
    }
    assert.deepEqual(fake().branchPatterns(REPO, "staging"), ["feat/*", "feature/*", "staging"]);
    const read = await gh(fake(), "GET", `${policies}/${ids[1]}`);
    assert.deepEqual([(read.body as { id: number }).id, (read.body as { name: string }).name], [ids[1], "feat/*"]);

    const dup = await gh(fake(), "POST", policies, { name: "feat/*", type: "branch" }, { redirect: "manual" });
    assert.equal(dup.status, 303);
    assert.match(
      dup.headers.get("location") ?? "",
      new RegExp(`/api/v3${ENV}/staging/deployment-branch-policies/${ids[1]}$`),
    );
    const followed = await gh(fake(), "POST", policies, { name: "feat/*", type: "branch" });
    assert.deepEqual([followed.status, (followed.body as { id: number }).id], [200, ids[1]], "a client follows it");
    assert.equal(fake().branchPolicies(REPO, "staging").length, 3, "no duplicate was made");

    assert.equal((await gh(fake(), "PUT", `${policies}/${ids[0]}`, { name: "release/*" })).status, 200);
    assert.deepEqual(fake().branchPatterns(REPO, "staging"), ["feat/*", "feature/*", "release/*"]);
    assert.equal((await gh(fake(), "DELETE", `${policies}/${ids[2]}`)).status, 204);
    assert.equal((await gh(fake(), "GET", `${policies}/${ids[2]}`)).status, 404);
    assert.equal((await gh(fake(), "GET", `${ENV}/nope/deployment-branch-policies/${ids[0]}`)).status, 404);
  });

  it("422 (validation failed on name) for a pattern no branch can match, on create and on update", async () => {
    await gh(fake(), "PUT", `${ENV}/staging`, providerEnvironmentBody());
    const policies = `${ENV}/staging/deployment-branch-policies`;
    for (const name of ["feat branch", "a..b", "release/", "x:y", "wip~1", "/lead", "refs/.hidden", "x.lock"]) {
      const res = await gh(fake(), "POST", policies, { name, type: "branch" });
      assert.equal(res.status, 422, name);
      const body = res.body as { message: string; errors: { field: string; code: string }[] };
      assert.equal(body.message, "Validation Failed");
      assert.deepEqual([body.errors[0].field, body.errors[0].code], ["name", "invalid"]);
    }
    assert.equal((await gh(fake(), "POST", policies, { type: "branch" })).status, 422, "no name");
    const ok = await gh(fake(), "POST", policies, { name: "v[0-9]*", type: "tag" });
    assert.equal(ok.status, 200, "fnmatch syntax is fine");
    const id = (ok.body as { id: number }).id;
    assert.equal((await gh(fake(), "PUT", `${policies}/${id}`, { name: "bad name" })).status, 422);
    assert.deepEqual(fake().branchPolicies(REPO, "staging"), [{ id, name: "v[0-9]*", type: "tag" }]);
  });

  it("environment names travel path-escaped (url.PathEscape) and compare case-insensitively", async () => {
    assert.equal(
      (await gh(fake(), "PUT", `${ENV}/${encodeURIComponent("review/app")}`, providerEnvironmentBody())).status,
      200,
    );
    assert.deepEqual(fake().environmentNames(REPO), ["review/app"]);
    assert.equal((await gh(fake(), "GET", `${ENV}/REVIEW%2FAPP`)).status, 200);
  });

  it("GET answers carry GitHub's ETag; a matching If-None-Match gets 304 until the resource changes", async () => {
    await gh(fake(), "PUT", `${ENV}/production`, providerEnvironmentBody());
    const first = await gh(fake(), "GET", `${ENV}/production`);
    const etag = first.headers.get("etag") ?? "";
    const expected = crypto
      .createHash("sha256")
      .update(`application/vnd.github.v3+json:Bearer ${TOKEN}:${first.text}`)
      .digest("hex");
    assert.equal(etag, `W/"${expected}"`, "the algorithm the provider's conditional cache reproduces");
    const again = await gh(fake(), "GET", `${ENV}/production`, undefined, { headers: { "if-none-match": etag } });
    assert.deepEqual([again.status, again.text, fake().notModified], [304, "", 1]);
    const otherAccept = await gh(fake(), "GET", `${ENV}/production`, undefined, {
      headers: { "if-none-match": etag, accept: "application/json" },
    });
    assert.equal(otherAccept.status, 200, "the ETag depends on the request's Accept (and Authorization)");
    fake().setEnvironmentByHand(REPO, "production", { waitTimer: 5 });
    const changed = await gh(fake(), "GET", `${ENV}/production`, undefined, { headers: { "if-none-match": etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get("etag"), etag);
  });

  it("logs every call with its operation and whether it writes; faults come from the base server", async () => {
    fake().resetCalls();
    await gh(fake(), "GET", `/orgs/${OWNER}`);
    await gh(fake(), "PUT", `${ENV}/production`, providerEnvironmentBody());
    await gh(fake(), "GET", `/repos/${OWNER}/${REPO}`);
    assert.deepEqual(
      fake().calls.map((c) => [c.operation, c.write]),
      [
        ["getOrg", false],
        ["putEnvironment", true],
        ["getRepo", false],
      ],
    );
    fake().inject({ kind: "500" }, 1, "getEnvironment");
    assert.equal((await gh(fake(), "GET", `/repos/${OWNER}/${REPO}`)).status, 200);
    assert.equal(
      (await fetch(`${fake().url}/api/v3${ENV}/production`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
      500,
    );
    assert.equal((await gh(fake(), "GET", `${ENV}/production`)).status, 200);
  });
});
