/**
 * The Vercel projects fake (tests/fakes/vercel-projects.ts) over HTTP: the rules the program depends on, as Vercel
 * enforces them (unique project names, one variable per key per target and branch, sensitive values unreadable).
 */
import * as assert from "node:assert/strict";
import { useFake } from "./fakes/server";
import { VercelFake } from "./fakes/vercel";

interface Reply {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

describe("Vercel projects fake", () => {
  const fake = useFake(() => new VercelFake());

  async function call(method: string, path: string, body?: unknown, token = fake().token): Promise<Reply> {
    const res = await fetch(`${fake().url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
  }
  const error = (r: Reply) => r.body.error as Record<string, unknown>;
  const project = async (name = "chef-chopsky") => {
    const r = await call("POST", "/v11/projects", {
      name,
      framework: "nextjs",
      gitRepository: { type: "github", repo: "chef-chopsky/chef-chopsky" },
    });
    assert.equal(r.status, 200, r.text);
    return r.body.id as string;
  };
  const env = (id: string, body: Record<string, unknown>) => call("POST", `/v10/projects/${id}/env`, body);

  it("creates, reads, renames and deletes a project; its repository is `link` {org, repo, productionBranch}", async () => {
    const id = await project();
    assert.match(id, /^prj_[A-Za-z0-9]+$/);
    const got = await call("GET", "/v9/projects/chef-chopsky");
    assert.equal(got.body.id, id);
    assert.deepEqual(got.body.link, {
      type: "github",
      org: "chef-chopsky",
      repo: "chef-chopsky",
      productionBranch: "main",
      deployHooks: [],
    });
    const branch = await call("PATCH", `/v9/projects/${id}/branch`, { branch: "release" });
    assert.equal((branch.body.link as Record<string, unknown>).productionBranch, "release");
    assert.equal((await call("PATCH", `/v9/projects/${id}`, { name: "chef-chopsky-2" })).body.name, "chef-chopsky-2");
    assert.equal((await call("DELETE", `/v9/projects/${id}`)).status, 204);
    assert.equal((await call("GET", `/v9/projects/${id}`)).status, 404);
  });

  it("refuses a second project with the same name: 409 conflict, as Vercel", async () => {
    await project();
    const second = await call("POST", "/v11/projects", { name: "chef-chopsky" });
    assert.equal(second.status, 409);
    assert.equal(error(second).code, "conflict");
    assert.equal(error(second).message, 'Project "chef-chopsky" already exists, please use a new name.');
    await project("other");
    const rename = await call("PATCH", "/v9/projects/other", { name: "chef-chopsky" });
    assert.equal(rename.status, 409);
    assert.equal(fake().projects.projects().length, 2);
  });

  it("a team's project lives in the team's account: invisible without teamId, and its name is free elsewhere", async () => {
    fake().teamId = "team_chef";
    const r = await call("POST", "/v11/projects?teamId=team_chef", { name: "chef-chopsky" });
    assert.equal(r.status, 200, r.text);
    assert.equal((await call("GET", "/v9/projects/chef-chopsky")).status, 404);
    assert.equal((await call("GET", "/v9/projects/chef-chopsky?slug=chef-team")).status, 200);
    assert.equal((await call("GET", "/v9/projects/chef-chopsky?teamId=team_other")).status, 403);
    assert.equal((await call("POST", "/v11/projects", { name: "chef-chopsky" })).status, 200);
  });

  it("one variable per key per target and git branch, else 403 ENV_ALREADY_EXISTS naming the one in the way", async () => {
    const id = await project();
    const first = await env(id, { key: "API_URL", value: "a", type: "encrypted", target: ["production"] });
    assert.equal(first.status, 201, first.text);
    const created = first.body.created as Record<string, unknown>;
    assert.deepEqual(first.body.failed, []);
    const again = await env(id, { key: "API_URL", value: "b", type: "plain", target: ["production", "preview"] });
    assert.equal(again.status, 403);
    assert.equal(error(again).code, "ENV_ALREADY_EXISTS");
    assert.equal(error(again).envVarId, created.id);
    assert.deepEqual(error(again).target, ["production"]);
    // The same key on another target, or on preview for one branch and for all branches, are three other slots.
    for (const more of [{ target: ["preview"] }, { target: ["preview"], gitBranch: "staging" }])
      assert.equal((await env(id, { key: "API_URL", value: "c", type: "encrypted", ...more })).status, 201);
    const branch = await env(id, {
      key: "API_URL",
      value: "d",
      type: "encrypted",
      target: ["preview"],
      gitBranch: "staging",
    });
    assert.equal(branch.status, 403);
    assert.equal(error(branch).gitBranch, "staging");
    // An edit that would collide is refused too, and changes nothing.
    const edit = await call("PATCH", `/v9/projects/${id}/env/${String(created.id)}`, { target: ["preview"] });
    assert.equal(edit.status, 403);
    assert.equal(error(edit).code, "ENV_ALREADY_EXISTS");
    assert.equal(fake().projects.variables(id).length, 3);
    // upsert=true updates the variable in the way instead.
    const upsert = await call("POST", `/v10/projects/${id}/env?upsert=true`, {
      key: "API_URL",
      value: "e",
      type: "encrypted",
      target: ["production"],
    });
    assert.equal(upsert.status, 201);
    assert.equal(fake().projects.valueOf(id, "API_URL", "production"), "e");
  });

  it("never returns a sensitive value, from any read; the fake still knows it for the tests", async () => {
    const id = await project();
    const secret = "standin-sensitive-value-0123456789";
    const r = await env(id, { key: "SUPABASE_SECRET_KEY", value: secret, type: "sensitive", target: ["production"] });
    assert.equal(r.status, 201);
    const envId = (r.body.created as Record<string, unknown>).id as string;
    const reads = [
      r,
      await call("GET", `/v10/projects/${id}/env`),
      await call("GET", `/v10/projects/${id}/env?decrypt=true`),
      await call("GET", `/v1/projects/${id}/env/${envId}`),
      await call("PATCH", `/v9/projects/${id}/env/${envId}`, { comment: "catalog:X" }),
    ];
    for (const read of reads) {
      assert.ok(read.status < 300, read.text);
      assert.doesNotMatch(read.text, /standin-sensitive-value/);
    }
    assert.equal((await call("GET", `/v1/projects/${id}/env/${envId}`)).body.value, undefined);
    assert.equal(fake().projects.valueOf(id, "SUPABASE_SECRET_KEY", "production"), secret);
  });

  it("an encrypted value is ciphertext in the list and plaintext from the single read; a plain one is readable", async () => {
    const id = await project();
    const enc = await env(id, { key: "A", value: "https://agent.example", type: "encrypted", target: ["production"] });
    await env(id, { key: "B", value: "plain-value", type: "plain", target: ["production"] });
    const list = (await call("GET", `/v10/projects/${id}/env`)).body.envs as Record<string, unknown>[];
    assert.notEqual(list.find((e) => e.key === "A")?.value, "https://agent.example");
    assert.equal(list.find((e) => e.key === "B")?.value, "plain-value");
    const single = await call(
      "GET",
      `/v1/projects/${id}/env/${String((enc.body.created as Record<string, unknown>).id)}`,
    );
    assert.equal(single.body.value, "https://agent.example");
  });

  it("refuses a bad variable with 400 naming the field, a wrong token with 403, and deletes variables with their project", async () => {
    const id = await project();
    const bad = [
      { key: "X", value: "v", type: "encrypted", target: ["production"], gitBranch: "staging" },
      { key: "X", value: "v", type: "sensitive", target: ["development"] },
      { key: "X", value: "v", type: "secret", target: ["production"] },
      { key: "X", value: "v", type: "plain", target: [] },
    ];
    for (const body of bad) {
      const r = await env(id, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.match(String(error(r).message), /gitBranch|sensitive|type|target/);
    }
    assert.equal((await call("GET", `/v9/projects/${id}`, undefined, "wrong")).status, 403);
    await env(id, { key: "X", value: "v", type: "encrypted", target: ["production"] });
    await call("DELETE", `/v9/projects/${id}`);
    assert.equal(fake().projects.store.envs.length, 0);
  });

  it("counts each call by operation name, for the engine suite's API-call budgets", async () => {
    const id = await project();
    await env(id, { key: "X", value: "v", type: "encrypted", target: ["production"] });
    await call("GET", `/v10/projects/${id}/env`);
    assert.equal(fake().count({ operation: "createProject" }), 1);
    assert.equal(fake().count({ operation: "createEnv" }), 1);
    assert.equal(fake().count({ operation: "listEnv", write: false }), 1);
    assert.equal(fake().count({ write: true }), 2);
  });
});
