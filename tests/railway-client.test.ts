// The Railway client against the fake: how tokens are sent, how GraphQL errors become errors that name the
// operation (and never the token), and which failures are retried.
import * as assert from "node:assert/strict";
import { ServiceError } from "../providers/http";
import { RailwayClient, type RailwayClientOptions, railwayCredentials } from "../providers/railway/client";
import { RailwayFake } from "./fakes/railway";
import { useFake } from "./fakes/server";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";

describe("RailwayClient", () => {
  const fake = useFake(() => new RailwayFake({ accountToken: "rw-account-token-51d0e2" }));
  const waits: number[] = [];
  const client = (options: Partial<RailwayClientOptions> = {}) =>
    new RailwayClient({
      credentials: { token: fake().projectToken, kind: "project" },
      apiUrl: fake().graphqlUrl,
      sleep: async (ms) => void waits.push(ms),
      ...options,
    });
  beforeEach(() => (waits.length = 0));

  async function rejects(p: Promise<unknown>): Promise<ServiceError> {
    try {
      await p;
    } catch (err) {
      assert.ok(err instanceof ServiceError, `expected a ServiceError, got ${String(err)}`);
      return err;
    }
    throw new assert.AssertionError({ message: "expected a rejection" });
  }

  it("sends a project token as project-access-token and an account token as Bearer", async () => {
    await client().getVariables(fake().target);
    await client({ credentials: { token: "rw-account-token-51d0e2", kind: "account" } }).getVariables(fake().target);
    const [project, account] = fake().calls;
    assert.equal(project.headers["project-access-token"], fake().projectToken);
    assert.equal(project.headers.authorization, undefined);
    assert.equal(account.headers.authorization, "Bearer rw-account-token-51d0e2");
    assert.equal(account.headers["project-access-token"], undefined);
  });

  it("takes the config token first, then RAILWAY_TOKEN, then RAILWAY_API_TOKEN", () => {
    const env = { RAILWAY_TOKEN: "env-project", RAILWAY_API_TOKEN: "env-account" };
    assert.deepEqual(railwayCredentials("config", env), { token: "config", kind: "project" });
    assert.deepEqual(railwayCredentials(undefined, env), { token: "env-project", kind: "project" });
    assert.deepEqual(railwayCredentials("", { RAILWAY_API_TOKEN: "env-account" }), {
      token: "env-account",
      kind: "account",
    });
    assert.equal(railwayCredentials(undefined, {}), undefined);
  });

  it("turns Railway's HTTP 200 errors into an error naming the operation and the message, never the token", async () => {
    const bad = "rw-wrong-token-9f8e7d6c";
    const err = await rejects(
      client({ credentials: { token: bad, kind: "project" } }).upsertVariables(fake().target, { A: "secret-value-1" }),
    );
    assert.match(err.message, /^Railway variableCollectionUpsert failed: Not Authorized \(check the Railway token/);
    assert.equal(err.operation, "variableCollectionUpsert");
    assert.ok(!err.message.includes(bad) && !err.message.includes("secret-value-1"));
    const other = await rejects(
      client().deployCommit({ ...fake().target, serviceId: "44444444-4444-4444-8444-444444444444" }, COMMIT),
    );
    assert.equal(other.message, "Railway serviceInstanceDeployV2 failed: Service not found");
  });

  it("scopes a project token to its environment, as Railway does", async () => {
    const err = await rejects(
      client().getVariables({ ...fake().target, environmentId: "55555555-5555-4555-8555-555555555555" }),
    );
    assert.match(err.message, /Not Authorized/);
  });

  it("retries a 429 burst (plain-text body) honouring Retry-After; the upsert lands once", async () => {
    fake().inject({ kind: "429", retryAfterSeconds: 7 }, 3, "variableCollectionUpsert");
    await client().upsertVariables(fake().target, { A: "1" });
    assert.deepEqual(waits, [7000, 7000, 7000]);
    assert.equal(fake().count({ operation: "variableCollectionUpsert" }), 4);
    assert.deepEqual(fake().vars(), { A: "1" });
  });

  it("repeats an idempotent upsert whose reply was lost; the state is what was asked", async () => {
    fake().setVariable("OTHER", "kept");
    fake().inject({ kind: "lost" }, 1, "variableCollectionUpsert");
    await client().upsertVariables(fake().target, { A: "1", B: "2" });
    assert.equal(fake().count({ operation: "variableCollectionUpsert" }), 2);
    assert.deepEqual(fake().vars(), { OTHER: "kept", A: "1", B: "2" });
  });

  it("does not repeat a deploy after a 500 or a lost reply: the error says it may have been applied", async () => {
    fake().inject({ kind: "500" }, 1, "serviceInstanceDeployV2");
    const e500 = await rejects(client().deployCommit(fake().target, COMMIT));
    assert.ok(e500.ambiguous);
    assert.match(e500.message, /HTTP 500.*may or may not have been applied/);
    fake().inject({ kind: "lost" }, 1, "serviceInstanceDeployV2");
    const lost = await rejects(client().deployCommit(fake().target, COMMIT));
    assert.ok(lost.ambiguous);
    assert.equal(fake().count({ operation: "serviceInstanceDeployV2" }), 2);
    assert.equal(fake().deployments.length, 1, "the lost reply's deploy was applied, the 500's was not");
  });

  it("gives up on repeated 5xx with the operation and an excerpt of the non-JSON body", async () => {
    fake().inject({ kind: "500", body: "<html>502 Bad Gateway</html>" }, 10, "variables");
    const err = await rejects(client({ maxRetries: 2 }).getVariables(fake().target));
    assert.match(err.message, /^Railway variables failed: HTTP 500: <html>502 Bad Gateway<\/html> after 3 attempts$/);
  });

  it("reads a deployment moving QUEUED → BUILDING → DEPLOYING → SUCCESS, one step per poll", async () => {
    const c = client();
    const id = await c.deployCommit(fake().target, COMMIT);
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) seen.push((await c.getDeployment(id)).status);
    assert.deepEqual(seen, ["QUEUED", "BUILDING", "DEPLOYING", "SUCCESS", "SUCCESS"]);
    const [listed] = await c.listDeployments(fake().target, 5, ["SUCCESS"]);
    assert.equal(listed.id, id);
    assert.equal(listed.commitHash, COMMIT);
    assert.equal(listed.canRollback, true);
    assert.equal((await c.latestDeployment(fake().target))?.id, id);
  });

  it("the fake can also move deployments over time (stepMs), without polls", async () => {
    const timed = new RailwayFake({ stepMs: 30 });
    await timed.start();
    try {
      const c = client({ apiUrl: timed.graphqlUrl, credentials: { token: timed.projectToken, kind: "project" } });
      await c.deployCommit(timed.target, COMMIT);
      assert.equal((await c.latestDeployment(timed.target))?.status, "QUEUED");
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await c.latestDeployment(timed.target))?.status, "SUCCESS");
    } finally {
      await timed.stop();
    }
  });

  it("points at any base URL (no trailing slash needed)", async () => {
    await client({ apiUrl: `${fake().graphqlUrl}/` }).getVariables(fake().target);
    assert.equal(fake().calls[0].path, "/graphql/v2");
  });
});
