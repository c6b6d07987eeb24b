/**
 * The Vercel stand-in's provider methods (dev/engine/standin-vercel), called directly against the Vercel fake: the
 * Project's create/read/diff/update/delete and the drift a refresh sees, errors as the real provider reports them,
 * and what the stand-in refuses. Variables are in vercel-standin-variables.test.ts, the refusal to start in
 * vercel-standin-guard.test.ts.
 */
import * as assert from "node:assert/strict";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { createStandinProvider } from "../dev/engine/standin-vercel/provider";
import { secret } from "../dev/engine/standin-vercel/values";
import { P, projectInputs, type Props, urn, useStandin, V } from "./vercel-standin-helpers";

describe("Vercel stand-in: Project, errors, refusals (against the fake)", () => {
  const { fake, auth, standin, createProject, createVariable } = useStandin();

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

  it("fails clearly for a missing project, a wrong token (never echoed), and a type or function it does not serve", async () => {
    await assert.rejects(createVariable("prj_missing"), /could not find project prj_missing/);
    const { id: projectId } = await createProject();
    auth.token = "wrong-token-value-123";
    await assert.rejects(
      createVariable(projectId),
      (err: Error) => !err.message.includes(auth.token!) && /HTTP 403 forbidden/.test(err.message),
    );
    auth.token = undefined;
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
