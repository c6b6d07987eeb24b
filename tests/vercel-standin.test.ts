/**
 * The Vercel stand-in's provider methods (dev/engine/standin-vercel), called directly against the Vercel fake:
 * create/read/diff/update/delete of a Project and of ProjectEnvironmentVariables, the drift a refresh sees, the
 * sensitive value never read back, replace-or-update as the real provider decides, and Vercel's rules surfacing as
 * the real provider reports them. The refusal to start is in vercel-standin-guard.test.ts.
 */
import * as assert from "node:assert/strict";
import type * as provider from "@pulumi/pulumi/provider";
import { createStandinProvider, PROJECT, VARIABLE } from "../dev/engine/standin-vercel/provider";
import { isSecret, reveal, secret } from "../dev/engine/standin-vercel/values";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { useFake } from "./fakes/server";
import { VercelFake } from "./fakes/vercel";

type Props = Record<string, unknown>;
const urn = (type: string, name: string) =>
  `urn:pulumi:production::chef-chopsky::chef-chopsky:frontend:Frontend$${type}::${name}`;
const P = urn(PROJECT, "production-frontend-project");
const V = urn(VARIABLE, "production-frontend-env-x");

const projectInputs: Props = {
  name: "chef-chopsky",
  framework: "nextjs",
  rootDirectory: "frontend",
  gitRepository: { type: "github", repo: "chef-chopsky/chef-chopsky", productionBranch: "main" },
};

describe("Vercel stand-in provider (against the fake)", () => {
  const fake = useFake(() => new VercelFake());
  let token: string | undefined;
  const standin = (): provider.Provider =>
    createStandinProvider({ api: fake().url, token: () => token, team: () => undefined });
  beforeEach(() => (token = fake().token));

  async function createProject(inputs: Props = projectInputs) {
    const p = standin();
    assert.deepEqual((await p.check!(P, {}, inputs)).failures, []);
    return p.create!(P, inputs);
  }
  async function createVariable(projectId: string, extra: Props = {}) {
    const inputs: Props = {
      projectId,
      key: "NEXT_PUBLIC_AGENT_URL",
      value: secret("https://agent.example"),
      targets: ["production"],
      sensitive: false,
      comment: "plain",
      ...extra,
    };
    const p = standin();
    assert.deepEqual((await p.check!(V, {}, inputs)).failures, []);
    return { inputs, created: await p.create!(V, inputs) };
  }

  it("creates a project, reads it back without drift, and deletes it", async () => {
    const created = await createProject({
      ...projectInputs,
      gitRepository: { type: "github", repo: "chef-chopsky/chef-chopsky", productionBranch: "release" },
    });
    assert.match(created.id, /^prj_[A-Za-z0-9]+$/);
    const stored = fake().projects.project("chef-chopsky");
    assert.equal(stored?.id, created.id);
    assert.deepEqual(stored?.link, { type: "github", repo: "chef-chopsky/chef-chopsky", productionBranch: "release" });
    assert.equal(stored?.rootDirectory, "frontend");
    const read = await standin().read!(created.id, P, created.outs);
    assert.deepEqual(read.props, created.outs);
    assert.equal(
      (await standin().diff!(created.id, P, read.props, projectInputs)).changes,
      true,
      "branch release ≠ main",
    );
    assert.equal(
      (
        await standin().diff!(created.id, P, read.props, {
          ...projectInputs,
          gitRepository: { ...(projectInputs.gitRepository as Props), productionBranch: "release" },
        })
      ).changes,
      false,
    );
    await standin().delete!(created.id, P, created.outs);
    assert.equal(fake().projects.projects().length, 0);
    await standin().delete!(created.id, P, created.outs); // already gone: no error
  });

  it("project diff as the real provider: name, settings, repository and branch update in place; teamId replaces", async () => {
    const { id, outs } = await createProject();
    const diff = (news: Props) => standin().diff!(id, P, outs, news);
    assert.deepEqual(await diff(projectInputs), { changes: false, replaces: [] });
    for (const news of [
      { ...projectInputs, name: "chef-chopsky-2" },
      { ...projectInputs, framework: "vite" },
      { ...projectInputs, rootDirectory: undefined },
      { ...projectInputs, gitRepository: { type: "github", repo: "chef-chopsky/other" } },
      { ...projectInputs, gitRepository: { type: "github", repo: "chef-chopsky/chef-chopsky", productionBranch: "x" } },
      { ...projectInputs, name: unknownValue },
    ])
      assert.deepEqual(await diff(news), { changes: true, replaces: [] }, JSON.stringify(news));
    assert.deepEqual(await diff({ ...projectInputs, teamId: "team_other" }), { changes: true, replaces: ["teamId"] });
  });

  it("updates a project in place; a name already taken fails with Vercel's 409", async () => {
    const { id, outs } = await createProject();
    const news = {
      ...projectInputs,
      name: "chef-chopsky-next",
      gitRepository: { type: "github", repo: "chef-chopsky/web", productionBranch: "trunk" },
    };
    const updated = await standin().update!(id, P, outs, news);
    assert.deepEqual(fake().projects.project(id)?.link, {
      type: "github",
      repo: "chef-chopsky/web",
      productionBranch: "trunk",
    });
    assert.equal((updated.outs as Props).name, "chef-chopsky-next");
    fake().projects.addProject({ name: "taken" });
    await assert.rejects(
      standin().update!(id, P, updated.outs, { ...news, name: "taken" }),
      /HTTP 409 conflict: Project "taken" already exists/,
    );
    await assert.rejects(createProject({ ...projectInputs, name: "taken" }), /HTTP 409 conflict/);
  });

  it("reads project drift (production branch, framework) and a deleted project as gone", async () => {
    const { id, outs } = await createProject();
    fake().projects.editProject(id, { productionBranch: "develop", framework: "vite" });
    const read = await standin().read!(id, P, outs);
    assert.equal(((read.props as Props).gitRepository as Props).productionBranch, "develop");
    assert.equal((read.props as Props).framework, "vite");
    assert.deepEqual(await standin().diff!(id, P, read.props, projectInputs), { changes: true, replaces: [] });
    fake().projects.deleteProject(id);
    assert.equal((await standin().read!(id, P, outs)).id, "");
  });

  it("creates variables as the real provider does (sensitive or encrypted, target, branch, comment); value stays secret", async () => {
    const { id: projectId } = await createProject();
    const plain = await createVariable(projectId);
    const sens = await createVariable(projectId, {
      key: "SUPABASE_SECRET_KEY",
      value: secret("s3cr3t-value"),
      sensitive: true,
      targets: ["preview"],
      gitBranch: "staging",
      comment: "catalog:STAGING_SUPABASE_SECRET_KEY",
    });
    const stored = fake().projects.variables(projectId);
    assert.deepEqual(
      stored.map((e) => [e.key, e.type, e.target, e.gitBranch, e.comment, e.value]),
      [
        ["NEXT_PUBLIC_AGENT_URL", "encrypted", ["production"], undefined, "plain", "https://agent.example"],
        [
          "SUPABASE_SECRET_KEY",
          "sensitive",
          ["preview"],
          "staging",
          "catalog:STAGING_SUPABASE_SECRET_KEY",
          "s3cr3t-value",
        ],
      ],
    );
    for (const { created } of [plain, sens]) {
      assert.ok(isSecret((created.outs as Props).value), "value is a secret output");
      const read = await standin().read!(created.id, V, created.outs);
      assert.deepEqual(read.props, created.outs);
    }
    assert.deepEqual(await standin().diff!(sens.created.id, V, sens.created.outs, sens.inputs), {
      changes: false,
      replaces: [],
    });
  });

  it("variable diff as the real provider: key, projectId, sensitive replace; value, targets, branch, comment update", async () => {
    const { id: projectId } = await createProject();
    const { inputs, created } = await createVariable(projectId);
    const diff = (news: Props) => standin().diff!(created.id, V, created.outs, { ...inputs, ...news });
    for (const [news, replaces] of [
      [{ key: "OTHER" }, ["key"]],
      [{ projectId: "prj_other" }, ["projectId"]],
      [{ sensitive: true }, ["sensitive"]],
      [{ value: secret("https://agent2.example") }, []],
      [{ targets: ["production", "preview"] }, []],
      [{ targets: ["preview"], gitBranch: "staging" }, []],
      [{ comment: "catalog:X" }, []],
      [{ projectId: unknownValue }, ["projectId"]],
    ] as const)
      assert.deepEqual(await diff(news), { changes: true, replaces: [...replaces] }, JSON.stringify(news));
    assert.deepEqual(await diff({ targets: ["production"] }), { changes: false, replaces: [] });
  });

  it("updates a variable in place and deletes it", async () => {
    const { id: projectId } = await createProject();
    const { inputs, created } = await createVariable(projectId);
    const news = { ...inputs, value: secret("https://agent2.example"), targets: ["preview"], gitBranch: "staging" };
    const updated = await standin().update!(created.id, V, created.outs, news);
    const [stored] = fake().projects.variables(projectId);
    assert.deepEqual(
      [stored.id, stored.value, stored.target, stored.gitBranch],
      [created.id, "https://agent2.example", ["preview"], "staging"],
    );
    assert.equal(reveal((updated.outs as Props).value), "https://agent2.example");
    await standin().delete!(created.id, V, updated.outs);
    assert.deepEqual(fake().projects.variables(projectId), []);
  });

  it("read shows the drift the real provider can see: a changed value or targets, a deleted variable", async () => {
    const { id: projectId } = await createProject();
    const { inputs, created } = await createVariable(projectId);
    fake().projects.editVariable(projectId, created.id, { value: "https://evil.example" });
    let read = await standin().read!(created.id, V, created.outs);
    assert.equal(reveal((read.props as Props).value), "https://evil.example");
    assert.ok(isSecret((read.props as Props).value));
    assert.deepEqual(await standin().diff!(created.id, V, read.props, inputs), { changes: true, replaces: [] });
    fake().projects.editVariable(projectId, created.id, {
      value: "https://agent.example",
      target: ["production", "preview"],
    });
    read = await standin().read!(created.id, V, created.outs);
    assert.deepEqual((read.props as Props).targets, ["production", "preview"]);
    assert.deepEqual(await standin().diff!(created.id, V, read.props, inputs), { changes: true, replaces: [] });
    fake().projects.deleteVariable(projectId, created.id);
    assert.equal((await standin().read!(created.id, V, created.outs)).id, "");
  });

  it("never reads a sensitive value back: a dashboard change to it is invisible, and the configured value is kept", async () => {
    const { id: projectId } = await createProject();
    const { inputs, created } = await createVariable(projectId, {
      key: "SUPABASE_SECRET_KEY",
      value: secret("configured-value"),
      sensitive: true,
    });
    fake().projects.editVariable(projectId, created.id, { value: "changed-in-dashboard" });
    const read = await standin().read!(created.id, V, created.outs);
    assert.equal(reveal((read.props as Props).value), "configured-value");
    assert.deepEqual(await standin().diff!(created.id, V, read.props, inputs), { changes: false, replaces: [] });
    const answered = fake().calls.filter((c) => c.operation === "getEnv");
    assert.equal(answered.length, 1);
    assert.equal(fake().projects.valueOf(projectId, "SUPABASE_SECRET_KEY", "production"), "changed-in-dashboard");
  });

  it("a second variable for the same key and target fails with ENV_ALREADY_EXISTS naming the one in the way", async () => {
    const { id: projectId } = await createProject();
    const { created } = await createVariable(projectId);
    await assert.rejects(createVariable(projectId, { value: secret("x") }), (err: Error) => {
      assert.match(err.message, /HTTP 403 ENV_ALREADY_EXISTS: .*NEXT_PUBLIC_AGENT_URL/);
      assert.ok(
        err.message.includes(`the conflicting environment variable ID is ${projectId}/${created.id}`),
        err.message,
      );
      assert.doesNotMatch(err.message, /agent\.example|\bx\b.*value/);
      return true;
    });
    await standin().delete!(created.id, V, created.outs); // deleteBeforeReplace: delete first, then create works
    await createVariable(projectId, { value: secret("x") });
  });

  it("fails clearly for a missing project, a wrong token (never echoed), and a type or function it does not serve", async () => {
    await assert.rejects(createVariable("prj_missing"), /could not find project prj_missing/);
    const { id: projectId } = await createProject();
    token = "wrong-token-value-123";
    await assert.rejects(
      createVariable(projectId),
      (err: Error) => !err.message.includes(token!) && /HTTP 403 forbidden/.test(err.message),
    );
    token = undefined;
    await assert.rejects(
      createVariable(projectId),
      /no Vercel token: set it with `pulumi config set --secret vercel:apiToken`/,
    );
    await assert.rejects(
      async () => standin().check!(urn("vercel:index/dnsRecord:DnsRecord", "d"), {}, {}),
      /serves only/,
    );
    await assert.rejects(standin().invoke!("vercel:index/getProject:getProject", {}), /serves no functions/);
    assert.ok(
      fake().calls.every(
        (c) =>
          c.headers.authorization === `Bearer ${fake().token}` ||
          c.headers.authorization === "Bearer wrong-token-value-123",
      ),
    );
  });

  it("check refuses what the stand-in does not model and what Vercel refuses, naming the property", async () => {
    const failures = async (u: string, news: Props) =>
      ((await standin().check!(u, {}, news)).failures ?? []).map((f) => f.property);
    const v = { projectId: "prj_x", key: "K", value: secret("v"), targets: ["production"], sensitive: false };
    assert.deepEqual(await failures(V, { ...v, valueWo: "x" }), ["valueWo"]);
    assert.deepEqual(await failures(V, { ...v, gitBranch: "staging" }), ["gitBranch"]);
    assert.deepEqual(await failures(V, { ...v, sensitive: true, targets: ["development"] }), ["sensitive"]);
    assert.deepEqual(await failures(V, { ...v, key: undefined }), ["key"]);
    assert.deepEqual(await failures(V, { ...v, projectId: unknownValue }), []);
    assert.deepEqual(await failures(P, { ...projectInputs, vercelAuthentication: { deploymentType: "none" } }), [
      "vercelAuthentication",
    ]);
    assert.deepEqual(await failures(P, { ...projectInputs, name: "Chef Chopsky" }), ["name"]);
  });

  it("refuses to call anything but a loopback address", () => {
    for (const api of ["http://10.0.0.1:80", "https://api.vercel.com", "http://localhost:1"])
      assert.throws(
        () => createStandinProvider({ api, token: () => "t", team: () => undefined }),
        /only a loopback fake/,
      );
  });
});
