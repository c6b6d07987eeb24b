// The ServiceVariables provider at its edges: an account token, sorted keys, each check message, what counts as a
// change, state recorded without `keys`, calls made only when needed, and the base URL kept out of the state.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { RAILWAY_API_URL } from "../providers/railway/client";
import { ServiceVariables } from "../providers/railway/variables";
import {
  diffVariables,
  ServiceVariablesProvider,
  type ServiceVariablesOutputs,
} from "../providers/railway/variables-provider";
import { RailwayFake } from "./fakes/railway";
import { useFake } from "./fakes/server";
import { recordInputs, useDefaultMocks } from "./setup";

const ACCOUNT = "rw-account-token-edge-4242";

describe("ServiceVariables provider: edges", () => {
  const fake = useFake(() => new RailwayFake({ accountToken: ACCOUNT }));
  const saved = { RAILWAY_TOKEN: process.env.RAILWAY_TOKEN, RAILWAY_API_TOKEN: process.env.RAILWAY_API_TOKEN };
  beforeEach(() => {
    delete process.env.RAILWAY_TOKEN;
    process.env.RAILWAY_API_TOKEN = ACCOUNT;
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  const inputs = (variables: Record<string, string>) => ({ ...fake().target, variables, apiUrl: fake().graphqlUrl });
  const state = (variables: Record<string, string>, keys?: string[]): ServiceVariablesOutputs => ({
    ...inputs(variables),
    keys: keys as string[],
  });
  const ops = () => fake().calls.map((c) => c.operation);

  it("an account token from RAILWAY_API_TOKEN is sent as a Bearer token", async () => {
    await new ServiceVariablesProvider().create(inputs({ A: "1" }));
    assert.equal(fake().calls[0].headers.authorization, `Bearer ${ACCOUNT}`);
    assert.equal(fake().calls[0].headers["project-access-token"], undefined);
  });

  it("diffVariables lists keys sorted", () => {
    assert.deepEqual(diffVariables(["D", "C"], {}, { B: "1", A: "2" }), { upsert: ["A", "B"], remove: ["C", "D"] });
  });

  it("check: each target field's message, a variables map that is no map, and valid names pass", async () => {
    const p = new ServiceVariablesProvider();
    const bad = await p.check(inputs({}), { ...inputs({ ok_Name1: "v" }), environmentId: "x", serviceId: "y" });
    assert.deepEqual(bad.failures, [
      { property: "environmentId", reason: "expected a Railway environmentId (a UUID)" },
      { property: "serviceId", reason: "expected a Railway serviceId (a UUID)" },
    ]);
    assert.deepEqual((await p.check(inputs({}), inputs({ "1A": "v" }))).failures, [
      { property: "variables", reason: 'invalid variable name "1A"' },
    ]);
    for (const variables of [null, "A=1"]) {
      const { failures } = await p.check(inputs({}), { ...inputs({}), variables: variables as never });
      assert.deepEqual(failures, [{ property: "variables", reason: "expected a map of variable names to values" }]);
    }
  });

  it("diff: a removed key, or a new service alone, is a change", async () => {
    const p = new ServiceVariablesProvider();
    assert.deepEqual(await p.diff("id", state({ A: "1", B: "2" }, ["A", "B"]), inputs({ A: "1" })), {
      changes: true,
      replaces: [],
    });
    const other = { ...inputs({ A: "1" }), serviceId: "44444444-4444-4444-8444-444444444444" };
    assert.deepEqual(await p.diff("id", state({ A: "1" }, ["A"]), other), { changes: true, replaces: ["serviceId"] });
    assert.deepEqual(await p.diff("id", state({ A: "1" }, ["A"]), inputs({ A: "1" })), {
      changes: false,
      replaces: [],
    });
  });

  it("read needs recorded state, and takes the keys from the variables when none are recorded", async () => {
    const p = new ServiceVariablesProvider();
    await assert.rejects(p.read("p/e/s"), {
      message: "Railway variables p/e/s: nothing recorded to read (import is not supported)",
    });
    await p.create(inputs({ B: "2", A: "1", OTHER: "x" }));
    const { props } = await p.read("p/e/s", state({ B: "old", A: "old" }));
    assert.deepEqual([props?.keys, props?.variables], [["A", "B"], { A: "1", B: "2" }]);
  });

  it("update calls only what it must, and records the sorted keys", async () => {
    const p = new ServiceVariablesProvider();
    await p.create(inputs({ A: "1", B: "2" }));
    fake().resetCalls();
    const same = await p.update("id", state({ A: "1", B: "2" }, ["A", "B"]), inputs({ B: "2", A: "1" }));
    assert.deepEqual(ops(), [], "nothing changed: no call");
    assert.deepEqual(same.outs, { ...inputs({ B: "2", A: "1" }), keys: ["A", "B"] });
    await p.update("id", state({ A: "1", B: "2" }, ["A", "B"]), inputs({ A: "3", B: "2" }));
    assert.deepEqual(ops(), ["variableCollectionUpsert"], "an upsert, nothing to remove");
  });

  it("state without recorded keys (older state): no change, and an update with nothing to do makes no call", async () => {
    const p = new ServiceVariablesProvider();
    const older = state({ A: "1" });
    assert.deepEqual(await p.diff("id", older, inputs({ A: "1" })), { changes: false, replaces: [] });
    await p.update("id", older, inputs({ A: "1" }));
    assert.deepEqual(ops(), []);
  });

  it("delete without recorded keys deletes the recorded variables' keys", async () => {
    const p = new ServiceVariablesProvider();
    await p.create(inputs({ A: "1", B: "2", KEEP: "3" }));
    await p.delete("id", state({ A: "1", B: "2" }));
    assert.deepEqual(fake().vars(), { KEEP: "3" });
  });
});

describe("ServiceVariables resource", () => {
  afterEach(() => useDefaultMocks());

  it("records no base URL for Railway's own API, and a test's fake URL as given", async () => {
    const recorded = await recordInputs();
    const target = { projectId: "p", environmentId: "e", serviceId: "s", variables: { A: "1" } };
    const own = new ServiceVariables("own", { ...target, apiUrl: RAILWAY_API_URL });
    const local = new ServiceVariables("local", { ...target, apiUrl: "http://127.0.0.1:1/graphql/v2" });
    await new Promise<void>((done) => pulumi.all([own.urn, local.urn]).apply(() => done()));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      recorded.map((i) => i.apiUrl),
      [undefined, "http://127.0.0.1:1/graphql/v2"],
    );
  });
});
