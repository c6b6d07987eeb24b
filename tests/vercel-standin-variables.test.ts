/**
 * The Vercel stand-in's ProjectEnvironmentVariable (dev/engine/standin-vercel/variable.ts) against the Vercel fake:
 * created as the real provider does, replace-or-update as it decides, drift seen on read, a sensitive value never
 * read back, and ENV_ALREADY_EXISTS reported with the variable in the way.
 */
import * as assert from "node:assert/strict";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { isSecret, reveal, secret } from "../dev/engine/standin-vercel/values";
import { type Props, useStandin, V } from "./vercel-standin-helpers";

describe("Vercel stand-in: ProjectEnvironmentVariable (against the fake)", () => {
  const { fake, standin, createProject, createVariable } = useStandin();

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
});
