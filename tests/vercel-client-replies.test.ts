// The Vercel deployments client on scripted replies: each field of a deployment and its older spellings, what is
// not a deployment, each failure's message (Vercel's code and message, a plain-text body, the status's advice),
// which calls are retried, what each request sends; and the served/ready helpers over a scripted client.
import * as assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { VercelClient, type VercelDeployment } from "../providers/vercel/client";
import { servedDeployment, waitUntilReady } from "../providers/vercel/deployments";
import { serviceFailure as failure } from "./service-failure";

type Reply = { status: number; body?: unknown };
const TOKEN = "vercel-token-replies-5150";

describe("Vercel client: scripted replies", () => {
  let server: http.Server;
  let replies: Reply[];
  let requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
  let client: VercelClient;
  beforeEach(async () => {
    replies = [];
    requests = [];
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
        const r = replies.shift() ?? { status: 200, body: { id: "d0", readyState: "READY" } };
        res.writeHead(r.status).end(typeof r.body === "string" ? r.body : JSON.stringify(r.body ?? {}));
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new VercelClient({ token: TOKEN, baseUrl, sleep: async () => undefined });
  });
  afterEach(() => new Promise<void>((done) => server.close(() => done())));

  it("reads every field, preferring id and readyState, and the older uid, state and created", async () => {
    replies.push(
      {
        status: 200,
        body: {
          id: "d1",
          uid: "old",
          readyState: "READY",
          state: "BUILDING",
          name: "chef",
          projectId: "prj_1",
          target: "production",
          createdAt: 7,
          created: 1,
          ready: 9,
          url: "chef-1.vercel.app",
          meta: { githubCommitRef: "main", githubCommitSha: "abc" },
          isRollbackCandidate: false,
        },
      },
      { status: 200, body: { id: 5, uid: "d2", state: "ERROR", created: 3, meta: null, isRollbackCandidate: "no" } },
      {
        status: 200,
        body: {
          uid: "d3",
          state: "READY",
          createdAt: "7",
          created: 3,
          meta: { githubCommitRef: 1, githubCommitSha: 2 },
        },
      },
    );
    assert.deepEqual(await client.getDeployment("d1"), {
      id: "d1",
      name: "chef",
      projectId: "prj_1",
      state: "READY",
      target: "production",
      createdAt: 7,
      readyAt: 9,
      url: "chef-1.vercel.app",
      branch: "main",
      commitSha: "abc",
      isRollbackCandidate: false,
    });
    const d2 = await client.getDeployment("d2");
    assert.deepEqual(
      [d2?.id, d2?.state, d2?.createdAt, d2?.target, d2?.isRollbackCandidate],
      ["d2", "ERROR", 3, null, undefined],
    );
    const d3 = await client.getDeployment("d3");
    assert.deepEqual([d3?.branch, d3?.commitSha, d3?.createdAt], [undefined, undefined, 3]);
  });

  it("a reply without an id or a state is not a deployment; a list must be a list", async () => {
    for (const body of [null, { id: "d" }, { readyState: "READY" }, { id: "", readyState: "READY" }]) {
      replies.push({ status: 200, body });
      const err = await failure(client.getDeployment("d"));
      assert.equal(err.message, "Vercel get deployment failed: the reply is not a deployment");
      assert.deepEqual([err.service, err.operation], ["Vercel", "get deployment"]);
    }
    replies.push({ status: 201, body: { id: "d9" } });
    const redeploy = await failure(client.redeploy({ id: "d1", state: "READY", target: null }, "chef"));
    assert.equal(redeploy.message, "Vercel redeploy failed: the reply is not a deployment");
    replies.push({ status: 200, body: { deployments: {} } });
    const list = await failure(client.listReady("prj_1", "production"));
    assert.equal(list.message, "Vercel list deployments failed: the reply has no deployments list");
    assert.deepEqual([list.service, list.operation], ["Vercel", "list deployments"]);
  });

  it("lists READY deployments newest first; production only of the production target", async () => {
    const deployments = [
      { id: "a", readyState: "READY", target: "production", createdAt: 1 },
      { id: "b", readyState: "READY", target: null, createdAt: 3 },
      { id: "c", readyState: "ERROR", target: "production", createdAt: 4 },
      { id: "d", readyState: "READY", target: "production" },
      { id: "e", readyState: "READY", target: "production", createdAt: 2 },
      null,
    ];
    replies.push({ status: 200, body: { deployments } }, { status: 200, body: { deployments } });
    const ids = (ds: VercelDeployment[]) => ds.map((d) => d.id);
    assert.deepEqual(ids(await client.listReady("prj_1", "production")), ["e", "a", "d"]);
    assert.deepEqual(ids(await client.listReady("prj_1", "preview", 5, "staging")), ["b", "e", "a", "d"]);
    const query = new URL(requests[1].url, "http://x").searchParams;
    assert.deepEqual(Object.fromEntries(query), {
      projectId: "prj_1",
      target: "preview",
      branch: "staging",
      state: "READY",
      limit: "5",
    });
  });

  it("says what Vercel said, and what each status means", async () => {
    const cases: [Reply, string][] = [
      [
        { status: 402, body: { error: { code: "plan", message: "upgrade" } } },
        "HTTP 402: plan - upgrade (the Hobby plan",
      ],
      [{ status: 409, body: { error: { message: 7 } } }, "conflict (HTTP 409); a rollback may already be in progress"],
      [{ status: 400, body: "bad\nrequest" }, "HTTP 400: bad request"],
      [
        { status: 401, body: { error: { code: "forbidden" } } },
        "Vercel rejected the token (HTTP 401: forbidden); check the Vercel token",
      ],
      [
        { status: 404, body: {} },
        "not found (HTTP 404); check the project id, the deployment id and the team of the project",
      ],
    ];
    for (const [reply, expected] of cases) {
      replies.push(reply);
      const err = await failure(client.rollback("prj_1", "d1"));
      assert.ok(err.message.startsWith(`Vercel rollback failed: ${expected}`), `${err.message} vs ${expected}`);
      assert.deepEqual([err.service, err.status], ["Vercel", reply.status]);
    }
    for (const [reply, expected] of [
      [{ status: 400, body: "  " }, "Vercel rollback failed: HTTP 400"],
      [{ status: 300, body: {} }, "Vercel rollback failed: HTTP 300"],
    ] as const) {
      replies.push(reply);
      assert.equal((await failure(client.rollback("prj_1", "d1"))).message, expected);
    }
  });

  it("keeps the token out of a failure that echoes it", async () => {
    replies.push({ status: 400, body: { error: { message: `bad ${TOKEN}` } } });
    const err = await failure(client.promote("prj_1", "d1"));
    assert.equal(err.message, "Vercel promote failed: HTTP 400: bad [redacted]");
  });

  it("retries a 5xx three times by default, but never a redeploy", async () => {
    for (let i = 0; i < 4; i++) replies.push({ status: 500, body: "down" });
    const err = await failure(client.promote("prj_1", "d1"));
    assert.equal(err.message, "Vercel promote failed: HTTP 500: down after 4 attempts");
    requests = [];
    replies.push({ status: 500, body: "down" });
    await failure(client.redeploy({ id: "d1", state: "READY", target: null }, "chef"));
    assert.equal(requests.length, 1);
  });

  it("sends JSON with a body only, forceNew on a redeploy, no empty parameter, and 2xx as success", async () => {
    replies.push({ status: 200 });
    await client.promote("prj_1", "d1");
    requests = [];
    replies.push({ status: 201, body: { id: "d9", readyState: "QUEUED" } }, { status: 204 });
    await client.redeploy({ id: "d1", state: "READY", target: "production" }, "chef");
    await client.rollback("prj_1", "d1", "");
    const [redeploy, rollback] = requests;
    assert.equal(redeploy.headers["content-type"], "application/json");
    assert.equal(redeploy.headers.accept, "application/json");
    assert.equal(redeploy.url, "/v13/deployments?forceNew=1");
    assert.equal(rollback.headers["content-type"], undefined);
    assert.equal(rollback.url, "/v1/projects/prj_1/rollback/d1");
  });
});

describe("Vercel deployments helpers", () => {
  const d = (id: string, over: Partial<VercelDeployment> = {}): VercelDeployment => ({
    id,
    state: "READY",
    target: null,
    ...over,
  });
  const stub = (served: VercelDeployment | undefined, ready: VercelDeployment[]) =>
    ({ getDeployment: async () => served, listReady: async () => ready }) as never;

  it("falls back to the newest READY one: production's first, a preview's of its branch", async () => {
    const ready = [d("x", { branch: "other" }), d("y", { branch: "staging" })];
    assert.equal((await servedDeployment(stub(undefined, ready), { projectId: "p", target: "production" }))?.id, "x");
    const preview = { projectId: "p", target: "preview", branch: "staging", host: "h" } as const;
    assert.equal((await servedDeployment(stub(undefined, ready), preview))?.id, "y");
    assert.equal((await servedDeployment(stub(d("s"), ready), preview))?.id, "s");
  });

  it("waits for READY, logging each new state once; CANCELED ends it; a deadline says how long", async () => {
    const log: string[] = [];
    const states = ["QUEUED", "QUEUED", "BUILDING", "READY"];
    const client = { getDeployment: async () => d("n", { state: states.shift() ?? "READY" }) } as never;
    const wait = { pollMs: 1, timeoutMs: 1000, sleep: async () => undefined, log: (l: string) => void log.push(l) };
    const fail = (m: string) => new Error(m);
    assert.equal((await waitUntilReady(client, "n", { ...wait, fail })).state, "READY");
    assert.deepEqual(log, ["deployment n: QUEUED", "deployment n: BUILDING", "deployment n: READY"]);
    const canceled = { getDeployment: async () => d("n", { state: "CANCELED" }) } as never;
    await assert.rejects(waitUntilReady(canceled, "n", { ...wait, fail }), {
      message: "deployment n ended CANCELED; see its build logs in Vercel",
    });
    const missing = { getDeployment: async () => undefined } as never;
    let t = 0;
    await assert.rejects(waitUntilReady(missing, "n", { ...wait, timeoutMs: 2500, now: () => (t += 1000), fail }), {
      message: "deployment n did not become READY within 2.5 s",
    });
    assert.equal(log.at(-1), "deployment n: missing");
  });
});
