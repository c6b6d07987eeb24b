// The GitHub fake's repository variables through HTTP, as the provider's ActionsVariable and getActionsVariables call
// them (GitHub's "REST API endpoints for GitHub Actions variables"): create 201, a taken name 409, get, update 204
// with updated_at moving, delete 204, 404 for what is absent, names upper-case and case-insensitive, and the list
// paged at most 30 per page with a Link header to the next page.
import * as assert from "node:assert/strict";
import { GitHubFake } from "./fakes/github";
import { gh } from "./fakes/github-http";
import { useFake } from "./fakes/server";

const OWNER = "chef-chopsky";
const REPO = "chef-chopsky";
const TOKEN = "ghp_fakeFAKEfake0123456789abcdefghijkl";
const VARS = `/repos/${OWNER}/${REPO}/actions/variables`;

describe("GitHub fake: repository variables", () => {
  let clock = new Date("2025-06-01T10:00:00Z");
  const fake = useFake(() => new GitHubFake({ token: TOKEN, owner: OWNER, repositories: [REPO], now: () => clock }));

  it("creates, reads, updates and deletes a variable, as the provider's ActionsVariable does", async () => {
    assert.equal((await gh(fake(), "POST", VARS, { name: "published_record", value: "{}" })).status, 201);
    assert.equal((await gh(fake(), "POST", VARS, { name: "PUBLISHED_RECORD", value: "x" })).status, 409);
    const got = await gh(fake(), "GET", `${VARS}/Published_Record`);
    assert.equal(got.status, 200);
    const first = got.body as Record<string, string>;
    assert.deepEqual({ name: first.name, value: first.value }, { name: "PUBLISHED_RECORD", value: "{}" });
    clock = new Date("2025-06-01T10:05:00Z");
    assert.equal((await gh(fake(), "PATCH", `${VARS}/PUBLISHED_RECORD`, { value: '{"a":1}' })).status, 204);
    const after = (await gh(fake(), "GET", `${VARS}/PUBLISHED_RECORD`)).body as Record<string, string>;
    assert.equal(after.value, '{"a":1}');
    assert.equal(after.created_at, first.created_at);
    assert.equal(after.updated_at, "2025-06-01T10:05:00Z");
    assert.equal(fake().variableValue(REPO, "published_record"), '{"a":1}');
    assert.equal((await gh(fake(), "DELETE", `${VARS}/PUBLISHED_RECORD`)).status, 204);
    assert.equal((await gh(fake(), "GET", `${VARS}/PUBLISHED_RECORD`)).status, 404);
    assert.equal((await gh(fake(), "DELETE", `${VARS}/PUBLISHED_RECORD`)).status, 404);
    assert.equal((await gh(fake(), "PATCH", `${VARS}/PUBLISHED_RECORD`, { value: "x" })).status, 404);
  });

  it("refuses what GitHub refuses: a GITHUB_ name, a bad character, no value, more than 48 KB", async () => {
    for (const body of [
      { name: "GITHUB_X", value: "1" },
      { name: "A-B", value: "1" },
      { name: "A" },
      { name: "A", value: "x".repeat(48 * 1024 + 1) },
    ])
      assert.equal((await gh(fake(), "POST", VARS, body)).status, 422, JSON.stringify(body).slice(0, 40));
    assert.equal(
      (await gh(fake(), "POST", `/repos/${OWNER}/nope/actions/variables`, { name: "A", value: "1" })).status,
      404,
    );
  });

  it("lists at most 30 per page (default 10), with a Link to the next page, as the provider's data source pages", async () => {
    for (let i = 0; i < 35; i++) fake().setVariableByHand(REPO, `V${String(i).padStart(2, "0")}`, String(i));
    const first = await gh(fake(), "GET", `${VARS}?per_page=100`);
    const body = first.body as { total_count: number; variables: { name: string; value: string }[] };
    assert.equal(body.total_count, 35);
    assert.equal(body.variables.length, 30);
    assert.deepEqual(body.variables[0], { ...body.variables[0], name: "V00", value: "0" });
    assert.match(first.headers.get("link") ?? "", /[?&]page=2>; rel="next"/);
    const second = await gh(fake(), "GET", `${VARS}?per_page=30&page=2`);
    assert.equal((second.body as { variables: unknown[] }).variables.length, 5);
    assert.equal(second.headers.get("link"), null);
    assert.equal(((await gh(fake(), "GET", VARS)).body as { variables: unknown[] }).variables.length, 10);
    assert.equal(fake().count({ operation: "listRepoVariables" }), 3);
  });
});
