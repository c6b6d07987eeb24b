// The ServiceVariables dynamic provider against the Railway fake: it upserts only its keys without redeploying,
// sees dashboard changes on read (drift), diffs by key, deletes only its keys, survives a 429 burst and a lost
// reply, and takes its token at call time from the stack config or the environment.
import * as assert from "node:assert/strict";
import { unknownValue as UNKNOWN } from "@pulumi/pulumi/runtime/rpc";
import {
  diffVariables,
  ServiceVariablesProvider,
  type ServiceVariablesOutputs,
} from "../providers/railway/variables-provider";
import { RailwayFake } from "./fakes/railway";
import { useFake } from "./fakes/server";

const SECRET = "sk-live-openai-0123456789";
const config = (values: Record<string, string>) => ({
  get: (key: string) => values[key],
  require: (key: string) => values[key] ?? assert.fail(`no ${key}`),
});

describe("ServiceVariables provider", () => {
  const fake = useFake(() => new RailwayFake());
  const saved = { RAILWAY_TOKEN: process.env.RAILWAY_TOKEN, RAILWAY_API_TOKEN: process.env.RAILWAY_API_TOKEN };
  beforeEach(() => {
    delete process.env.RAILWAY_TOKEN;
    delete process.env.RAILWAY_API_TOKEN;
  });
  after(() => Object.assign(process.env, Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== undefined))));

  async function provider(): Promise<ServiceVariablesProvider> {
    const p = new ServiceVariablesProvider();
    await p.configure({ config: config({ "chef-chopsky:railwayToken": fake().projectToken }) });
    return p;
  }
  const inputs = (variables: Record<string, string>) => ({ ...fake().target, variables, apiUrl: fake().graphqlUrl });

  it("diffVariables: upserts new and changed keys, removes undeclared ones, by key", () => {
    assert.deepEqual(diffVariables(["A", "B", "C"], { A: "1", B: "2", C: "3" }, { A: "1", B: "x", D: "4" }), {
      upsert: ["B", "D"],
      remove: ["C"],
    });
    assert.deepEqual(diffVariables(["A"], { A: "1" }, { A: "1" }), { upsert: [], remove: [] });
    // A key missing from the recorded values (deleted in the dashboard, seen by refresh) is upserted again.
    assert.deepEqual(diffVariables(["A", "B"], { A: "1" }, { A: "1", B: "2" }), { upsert: ["B"], remove: [] });
  });

  it("create upserts only its keys with replace:false and skipDeploys:true, and starts no deployment", async () => {
    fake().setVariable("MANUAL", "set by hand");
    const result = await (await provider()).create(inputs({ OPENAI_API_KEY: SECRET, APP_ENV: "staging" }));
    const [call] = fake().calls;
    const body = JSON.parse(call.body) as { variables: { input: Record<string, unknown> } };
    assert.equal(body.variables.input.replace, false);
    assert.equal(body.variables.input.skipDeploys, true);
    assert.deepEqual(fake().vars(), { MANUAL: "set by hand", OPENAI_API_KEY: SECRET, APP_ENV: "staging" });
    assert.equal(fake().deployments.length, 0);
    assert.deepEqual(result.outs?.keys, ["APP_ENV", "OPENAI_API_KEY"]);
    assert.equal(result.id, `${fake().projectId}/${fake().environmentId}/${fake().serviceId}`);
  });

  it("read returns the live values of exactly its keys, so a dashboard change shows as drift", async () => {
    const p = await provider();
    const created = await p.create(inputs({ A: "1", B: "2", C: "3" }));
    const olds = created.outs as ServiceVariablesOutputs;
    fake().setVariable("B", "changed in the dashboard");
    fake().setVariable("C", undefined);
    fake().setVariable("UNRELATED", "x");
    const read = await p.read(created.id, olds);
    assert.deepEqual(read.props?.variables, { A: "1", B: "changed in the dashboard" });
    assert.deepEqual(read.props?.keys, ["A", "B", "C"]);
    const diff = await p.diff(created.id, read.props as ServiceVariablesOutputs, inputs({ A: "1", B: "2", C: "3" }));
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
    const clean = await p.diff(created.id, olds, inputs({ A: "1", B: "2", C: "3" }));
    assert.equal(clean.changes, false);
  });

  it("update writes only the changed keys and deletes only the undeclared ones; a new service replaces", async () => {
    const p = await provider();
    const created = await p.create(inputs({ A: "1", B: "2", C: "3" }));
    fake().setVariable("MANUAL", "kept");
    fake().resetCalls();
    await p.update(created.id, created.outs as ServiceVariablesOutputs, inputs({ A: "1", B: "two", D: "4" }));
    const upsert = JSON.parse(fake().calls.find((c) => c.operation === "variableCollectionUpsert")!.body) as {
      variables: { input: { variables: Record<string, string> } };
    };
    assert.deepEqual(upsert.variables.input.variables, { B: "two", D: "4" });
    assert.equal(fake().count({ operation: "variableDelete" }), 1);
    assert.deepEqual(fake().vars(), { A: "1", B: "two", D: "4", MANUAL: "kept" });
    const moved = await p.diff(created.id, created.outs as ServiceVariablesOutputs, {
      ...inputs({ A: "1" }),
      serviceId: "other",
    });
    assert.deepEqual(moved.replaces, ["serviceId"]);
  });

  it("delete removes only its keys, and is safe to repeat", async () => {
    const p = await provider();
    fake().setVariable("MANUAL", "kept");
    const created = await p.create(inputs({ A: "1", B: "2" }));
    await p.delete(created.id, created.outs as ServiceVariablesOutputs);
    assert.deepEqual(fake().vars(), { MANUAL: "kept" });
    fake().resetCalls();
    await p.delete(created.id, created.outs as ServiceVariablesOutputs);
    assert.equal(fake().count({ write: true }), 0);
  });

  it("a 429 burst and a lost reply during create leave exactly the declared state", async () => {
    // Lost first: the backoff after a network error doubles per attempt, and a 429 says its own wait (0 here).
    fake().inject({ kind: "lost" }, 1, "variableCollectionUpsert");
    fake().inject({ kind: "429", retryAfterSeconds: 0 }, 3, "variableCollectionUpsert");
    const p = await provider();
    const created = await p.create(inputs({ A: "1", B: "2" }));
    assert.equal(fake().count({ operation: "variableCollectionUpsert" }), 5);
    assert.deepEqual(fake().vars(), { A: "1", B: "2" });
    fake().inject({ kind: "429", retryAfterSeconds: 0 }, 2, "variables");
    const read = await p.read(created.id, created.outs as ServiceVariablesOutputs);
    assert.deepEqual(read.props?.variables, { A: "1", B: "2" });
  });

  it("takes the token from the stack config first, else RAILWAY_TOKEN, and fails clearly without one", async () => {
    const unconfigured = new ServiceVariablesProvider();
    await assert.rejects(
      unconfigured.create(inputs({ A: "1" })),
      /Railway credentials are not set: set the secret stack config chef-chopsky:railwayToken .* or the environment variable RAILWAY_TOKEN or RAILWAY_API_TOKEN$/,
    );
    assert.equal(fake().calls.length, 0);
    process.env.RAILWAY_TOKEN = fake().projectToken;
    await unconfigured.create(inputs({ A: "1" }));
    const wrongEnvRightConfig = new ServiceVariablesProvider();
    process.env.RAILWAY_TOKEN = "rw-wrong-env-token-000";
    await wrongEnvRightConfig.configure({ config: config({ "chef-chopsky:railwayToken": fake().projectToken }) });
    await wrongEnvRightConfig.create(inputs({ B: "2" }));
    assert.deepEqual(fake().vars(), { A: "1", B: "2" });
  });

  it("errors name the operation and Railway's message, never the token or a value", async () => {
    const p = new ServiceVariablesProvider();
    const bad = "rw-bad-token-abcdef123456";
    await p.configure({ config: config({ "chef-chopsky:railwayToken": bad }) });
    await assert.rejects(p.create(inputs({ OPENAI_API_KEY: SECRET })), (err: Error) => {
      assert.match(err.message, /^Railway variableCollectionUpsert failed: Not Authorized/);
      assert.ok(!err.message.includes(bad) && !err.message.includes(SECRET));
      return true;
    });
  });

  it("preview: a map not known yet passes check and diffs as a change", async () => {
    const p = new ServiceVariablesProvider();
    const unknown = { ...inputs({}), variables: UNKNOWN as unknown as Record<string, string> };
    assert.deepEqual((await p.check(inputs({}), unknown)).failures, []);
    const olds = { ...inputs({ A: "1" }), keys: ["A"] };
    assert.deepEqual(await p.diff("id", olds, unknown), { changes: true, replaces: [] });
  });

  it("check names invalid fields and variable names without showing values", async () => {
    const result = await new ServiceVariablesProvider().check(inputs({}), {
      ...inputs({ "BAD-NAME": SECRET }),
      projectId: "",
    });
    const text = JSON.stringify(result.failures);
    assert.match(text, /projectId/);
    assert.match(text, /invalid variable name \\"BAD-NAME\\"/);
    assert.ok(!text.includes(SECRET));
  });
});
