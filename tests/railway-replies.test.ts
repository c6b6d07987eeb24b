// The Railway client on replies the fake's schema never produces but a proxy, an outage or a changed API could:
// partial deployments, nulls, errors without a message, a 4xx without errors, data without the field asked for. And
// what each request sends: its headers, the status filter, which writes are retried, and the secrets redacted.
import * as assert from "node:assert/strict";
import type * as http from "node:http";
import { RailwayClient } from "../providers/railway/client";
import { RailwayFake } from "./fakes/railway";
import { type FakeReply, useFake } from "./fakes/server";
import { serviceFailure as failure } from "./service-failure";

/** The Railway fake, except that a test may answer one operation itself. */
class CannedRailway extends RailwayFake {
  readonly canned = new Map<string, () => FakeReply>();
  protected async handle(req: http.IncomingMessage, body: string): Promise<FakeReply> {
    const answer = this.canned.get(this.describe(req, body).operation);
    return answer ? answer() : super.handle(req, body);
  }
}

const COMMIT = "0123456789abcdef0123456789abcdef01234567";

describe("RailwayClient: odd replies", () => {
  const fake = useFake(() => new CannedRailway());
  const client = () =>
    new RailwayClient({
      credentials: { token: fake().projectToken, kind: "project" },
      apiUrl: fake().graphqlUrl,
      maxRetries: 1,
      sleep: async () => undefined,
    });
  const answer = (operation: string, body: unknown, status = 200) =>
    fake().canned.set(operation, () => ({ status, body: JSON.stringify(body) }));
  const sent = (operation: string) =>
    JSON.parse(fake().calls.find((c) => c.operation === operation)?.body ?? "{}") as {
      variables: Record<string, unknown>;
    };

  it("reads a deployment's optional fields only when they have their type", async () => {
    const full = {
      id: "d1",
      status: "SUCCESS",
      createdAt: "2026-01-01T00:00:00Z",
      statusUpdatedAt: "2026-01-01T00:01:00Z",
      meta: { commitHash: COMMIT },
      canRollback: false,
      url: "https://agent.test",
    };
    const odd = {
      id: "d2",
      status: "FAILED",
      createdAt: 1,
      statusUpdatedAt: null,
      meta: null,
      canRollback: "yes",
      url: 5,
    };
    answer("deployment", { data: { deployment: full } });
    assert.deepEqual(await client().getDeployment("d1"), {
      id: "d1",
      status: "SUCCESS",
      createdAt: "2026-01-01T00:00:00Z",
      statusUpdatedAt: "2026-01-01T00:01:00Z",
      commitHash: COMMIT,
      canRollback: false,
      url: "https://agent.test",
    });
    answer("deployment", { data: { deployment: odd } });
    assert.deepEqual(await client().getDeployment("d2"), {
      id: "d2",
      status: "FAILED",
      createdAt: undefined,
      statusUpdatedAt: undefined,
      commitHash: undefined,
      canRollback: undefined,
      url: null,
    });
    answer("deployment", { data: { deployment: { id: "d3", status: "SUCCESS", meta: { commitHash: 7 } } } });
    assert.equal((await client().getDeployment("d3")).commitHash, undefined);
  });

  it("a deployment without an id or a status, or none at all, is an error naming what is missing", async () => {
    for (const deployment of [null, "d1", { id: "d1" }, { status: "SUCCESS" }, { id: 1, status: "SUCCESS" }]) {
      answer("deployment", { data: { deployment } });
      const err = await failure(client().getDeployment("d1"));
      assert.equal(err.message, "Railway deployment failed: no deployment d1 in the reply");
      assert.deepEqual([err.service, err.operation, err.ambiguous], ["Railway", "deployment", false]);
    }
    answer("deploymentRedeploy", { data: { deploymentRedeploy: null } });
    const err = await failure(client().redeploy("d1"));
    assert.equal(err.message, "Railway deploymentRedeploy failed: no deployment in the reply");
  });

  it("lists only well-formed deployments; no edges is none; no latest deployment is undefined", async () => {
    answer("deployments", {
      data: {
        deployments: { edges: [{ node: { id: "a", status: "SUCCESS" } }, { node: { id: "b" } }, { node: null }] },
      },
    });
    assert.deepEqual(
      (await client().listDeployments(fake().target)).map((d) => d.id),
      ["a"],
    );
    answer("deployments", { data: { deployments: null } });
    assert.deepEqual(await client().listDeployments(fake().target), []);
    answer("serviceInstance", { data: { serviceInstance: null } });
    assert.equal(await client().latestDeployment(fake().target), undefined);
  });

  it("asks for the statuses given, and for all when none is", async () => {
    fake().canned.clear();
    await client().listDeployments(fake().target, 3, ["SUCCESS", "FAILED"]);
    assert.deepEqual(sent("deployments").variables, {
      input: { ...fake().target, status: { in: ["SUCCESS", "FAILED"] } },
      first: 3,
    });
    fake().resetCalls();
    await client().listDeployments(fake().target);
    assert.deepEqual(sent("deployments").variables, { input: fake().target, first: 20 });
  });

  it("a deploy reply without an id is an error", async () => {
    for (const id of [null, "", 42]) {
      answer("serviceInstanceDeployV2", { data: { serviceInstanceDeployV2: id } });
      const err = await failure(client().deployCommit(fake().target, COMMIT));
      assert.equal(err.message, "Railway serviceInstanceDeployV2 failed: no deployment id");
      assert.deepEqual([err.service, err.operation], ["Railway", "serviceInstanceDeployV2"]);
    }
  });

  it("joins every GraphQL error; one without a message is an unknown error; the hint only when unauthorised", async () => {
    answer("variables", { errors: [{ message: "first" }, {}, null, { message: 3 }] });
    const err = await failure(client().getVariables(fake().target));
    assert.equal(err.message, "Railway variables failed: first; unknown error; unknown error; unknown error");
    assert.deepEqual([err.service, err.operation, err.status], ["Railway", "variables", 200]);
    answer("variables", { errors: [{ message: "Rate limited" }, { message: "Unauthorized" }] });
    const hinted = await failure(client().getVariables(fake().target));
    assert.match(hinted.message, /^Railway variables failed: Rate limited; Unauthorized \(check the Railway token/);
    answer("variables", { errors: [], data: { variables: { A: 1 } } });
    assert.deepEqual(await client().getVariables(fake().target), { A: "1" }, "an empty error list is no error");
  });

  it("a 4xx without errors, or data without the field, is an error; a null value is no variables", async () => {
    answer("variables", { data: { variables: {} } }, 403);
    const status = await failure(client().getVariables(fake().target));
    assert.equal(status.message, "Railway variables failed: HTTP 403 without GraphQL errors");
    assert.equal(status.status, 403);
    for (const body of [{ data: null }, { data: { other: 1 } }]) {
      answer("variables", body);
      const err = await failure(client().getVariables(fake().target));
      assert.equal(err.message, "Railway variables failed: the reply has no data");
    }
    answer("variables", { data: { variables: null } });
    assert.deepEqual(await client().getVariables(fake().target), {});
    answer("variables", { data: { variables: "A=1" } });
    assert.deepEqual(await client().getVariables(fake().target), {}, "text is no variables");
  });

  it("sends JSON; retries a variable delete after a 500 but never a rollback or a redeploy", async () => {
    fake().canned.clear();
    await client()
      .deleteVariable(fake().target, "NOPE")
      .catch(() => undefined);
    const [call] = fake().calls;
    assert.equal(call.headers["content-type"], "application/json");
    assert.equal(call.headers.accept, "application/json");
    fake().resetCalls();
    fake().inject({ kind: "500" }, 1, "variableDelete");
    await client()
      .deleteVariable(fake().target, "NOPE")
      .catch(() => undefined);
    assert.equal(fake().count({ operation: "variableDelete" }), 2);
    fake().inject({ kind: "500" }, 1, "deployment");
    await client()
      .getDeployment("d1")
      .catch(() => undefined);
    assert.equal(fake().count({ operation: "deployment" }), 2, "a read is retried");
    for (const [operation, run] of [
      ["deploymentRollback", () => client().rollback("d1")],
      ["deploymentRedeploy", () => client().redeploy("d1")],
    ] as const) {
      fake().inject({ kind: "500" }, 1, operation);
      const err = await failure(run());
      assert.ok(err.ambiguous, operation);
      assert.equal(fake().count({ operation }), 1, operation);
    }
    assert.deepEqual(sent("deploymentRedeploy").variables, { id: "d1", usePreviousImageTag: true });
  });

  it("keeps the token and the upserted values out of an error, even when the API echoes them", async () => {
    const value = "upserted-secret-value-88";
    const echo = () => ({ errors: [{ message: `bad ${fake().projectToken} and ${value}` }] });
    answer("variableCollectionUpsert", echo());
    const err = await failure(client().upsertVariables(fake().target, { A: value }));
    assert.equal(err.message, "Railway variableCollectionUpsert failed: bad [redacted] and [redacted]");
  });
});
