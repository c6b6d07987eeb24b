/**
 * A fake of Railway's GraphQL API that executes requests against Railway's real published schema (the
 * introspection JSON, through graphql-js): a document with a typo fails here as it would in production, enum and
 * non-null rules hold, and errors come back as HTTP 200 `{"errors":[…],"data":null}`. Deployments move through
 * QUEUED → BUILDING → DEPLOYING → SUCCESS one step per poll of `deployment(id)` (or per `stepMs`), or end in
 * FAILED / CRASHED / REMOVED when told to. It also serves the agent's `/health`, so the deploy tool can be tested
 * end to end. Faults (429, 500, slow, lost) come from the base {@link FakeServer}.
 */
import * as fs from "node:fs";
import type * as http from "node:http";
import * as path from "node:path";
import { buildClientSchema, graphql, type GraphQLSchema, type IntrospectionQuery, Kind, parse } from "graphql";
import type { DeploymentStatus } from "../../providers/railway/client";
import { type FakeReply, FakeServer } from "./server";

/**
 * The path of a file of the shared reference (the services' schemas). Looked up in `$CHEF_CHOPSKY_REFERENCE_DIR`,
 * then `reference/` in the repository, then the workspace's `../shared/reference/`.
 */
export function referenceFile(name: string): string {
  const root = path.resolve(__dirname, "..", "..");
  const dirs = [
    process.env.CHEF_CHOPSKY_REFERENCE_DIR,
    path.join(root, "reference"),
    path.join(root, "..", "shared", "reference"),
  ];
  for (const dir of dirs) if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  throw new Error(
    `reference file ${name} not found in ${dirs.filter(Boolean).join(", ")} (set CHEF_CHOPSKY_REFERENCE_DIR)`,
  );
}

let schema: GraphQLSchema | undefined;
/** Railway's schema, built once from the introspection JSON. */
export function railwaySchema(): GraphQLSchema {
  if (!schema) {
    const json = JSON.parse(fs.readFileSync(referenceFile("railway-graphql.introspection.json"), "utf8")) as {
      data?: IntrospectionQuery;
    } & IntrospectionQuery;
    schema = buildClientSchema(json.data ?? json);
  }
  return schema;
}

/** How a new deployment ends. `STUCK` never leaves BUILDING (for deadline tests). */
export type DeployOutcome = "SUCCESS" | "FAILED" | "CRASHED" | "REMOVED" | "STUCK";

const SCRIPTS: Record<DeployOutcome, DeploymentStatus[]> = {
  SUCCESS: ["QUEUED", "BUILDING", "DEPLOYING", "SUCCESS"],
  FAILED: ["QUEUED", "BUILDING", "FAILED"],
  CRASHED: ["QUEUED", "BUILDING", "DEPLOYING", "CRASHED"],
  REMOVED: ["QUEUED", "BUILDING", "REMOVED"],
  STUCK: ["QUEUED", "BUILDING"],
};

/** Options of the fake. */
export interface RailwayFakeOptions {
  /** The project token the fake accepts (header `project-access-token`), scoped to the fake's environment. */
  projectToken?: string;
  /** An account token (Bearer) the fake accepts for any environment. */
  accountToken?: string;
  /** Advance every deployment one status per this many ms as well as per poll; default per poll only. */
  stepMs?: number;
}

/** The fake Railway API: one project, one environment and one agent service unless told otherwise. */
export class RailwayFake extends FakeServer {
  readonly projectId = "11111111-1111-4111-8111-111111111111";
  readonly environmentId = "22222222-2222-4222-8222-222222222222";
  readonly serviceId = "33333333-3333-4333-8333-333333333333";
  readonly projectToken: string;
  readonly accountToken?: string;
  readonly stepMs?: number;
  /** Variables by `environmentId/serviceId`. */
  readonly variableStore = new Map<string, Record<string, string>>();
  readonly deployments: FakeDeployment[] = [];
  /** `never`: `/health` answers 503 whatever the deployments do. */
  health: "auto" | "never" = "auto";
  /** How deployments end when nothing is queued with {@link nextOutcome}. */
  defaultOutcome: DeployOutcome = "SUCCESS";
  private readonly outcomes: DeployOutcome[] = [];
  private seq = 0;

  constructor(options: RailwayFakeOptions = {}) {
    super();
    this.projectToken = options.projectToken ?? "rw-project-token-7f3a9c1e";
    this.accountToken = options.accountToken;
    this.stepMs = options.stepMs;
  }

  /** The GraphQL endpoint, for a client's `apiUrl`. */
  get graphqlUrl(): string {
    return `${this.url}/graphql/v2`;
  }

  /** The agent's URL served by this fake (its `/health`). */
  get agentUrl(): string {
    return this.url;
  }

  /** The target the fake's project token is scoped to. */
  get target(): { projectId: string; environmentId: string; serviceId: string } {
    return { projectId: this.projectId, environmentId: this.environmentId, serviceId: this.serviceId };
  }

  /** Queues how the next deployments (deploys and rollbacks) end, in order. */
  nextOutcome(...outcomes: DeployOutcome[]): this {
    this.outcomes.push(...outcomes);
    return this;
  }

  /** The variables of a service (default: the agent), as stored. */
  vars(environmentId = this.environmentId, serviceId = this.serviceId): Record<string, string> {
    return { ...(this.variableStore.get(`${environmentId}/${serviceId}`) ?? {}) };
  }

  /** Sets a variable as someone would in the dashboard (no API call is logged). */
  setVariable(
    name: string,
    value: string | undefined,
    environmentId = this.environmentId,
    serviceId = this.serviceId,
  ): void {
    const key = `${environmentId}/${serviceId}`;
    const vars = { ...(this.variableStore.get(key) ?? {}) };
    if (value === undefined) delete vars[name];
    else vars[name] = value;
    this.variableStore.set(key, vars);
  }

  /** Adds a deployment that has already reached `status` (history for rollback tests). */
  seedDeployment(status: "SUCCESS" | "FAILED" | "CRASHED", commitHash: string): FakeDeployment {
    const d = this.addDeployment(this.environmentId, this.serviceId, [status], { commitHash });
    this.settle();
    return d;
  }

  /** Creates a deployment that follows `script`, or else the next queued outcome. */
  addDeployment(
    environmentId: string,
    serviceId: string,
    script?: DeploymentStatus[],
    meta: Record<string, unknown> = {},
  ): FakeDeployment {
    const n = ++this.seq;
    const d: FakeDeployment = {
      id: `d${String(n).padStart(7, "0")}-0000-4000-8000-${String(n).padStart(12, "0")}`,
      seq: n,
      projectId: this.projectId,
      environmentId,
      serviceId,
      createdAt: Date.now(),
      script: script ?? SCRIPTS[this.outcomes.shift() ?? this.defaultOutcome],
      polls: 0,
      meta,
      everSucceeded: false,
      removed: false,
    };
    this.deployments.push(d);
    return d;
  }

  /** The status a deployment shows now, without advancing it. */
  statusOf(d: FakeDeployment): DeploymentStatus {
    if (d.removed) return "REMOVED";
    const byTime = this.stepMs ? Math.floor((Date.now() - d.createdAt) / this.stepMs) : 0;
    return d.script[Math.min(d.script.length - 1, Math.max(d.polls, byTime))];
  }

  /** Newest deployment of a service. */
  latest(environmentId = this.environmentId, serviceId = this.serviceId): FakeDeployment | undefined {
    return this.deployments.filter((d) => d.environmentId === environmentId && d.serviceId === serviceId).at(-1);
  }

  /** Applies what a SUCCESS implies: the deployment it replaces is REMOVED (and stays available for rollback). */
  settle(): void {
    for (const d of this.deployments) {
      if (d.everSucceeded || this.statusOf(d) !== "SUCCESS") continue;
      d.everSucceeded = true;
      for (const older of this.deployments) {
        if (
          older.seq < d.seq &&
          older.serviceId === d.serviceId &&
          older.environmentId === d.environmentId &&
          older.everSucceeded
        ) {
          older.removed = true;
        }
      }
    }
  }

  protected describe(req: http.IncomingMessage, body: string): { operation: string; write: boolean } {
    if ((req.url ?? "").split("?")[0] === "/health") return { operation: "health", write: false };
    try {
      const { query } = JSON.parse(body) as { query?: string };
      const doc = parse(query ?? "");
      const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      const field = op?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
      return { operation: field?.name.value ?? "unknown", write: op?.operation === "mutation" };
    } catch {
      return { operation: "invalid", write: false };
    }
  }

  protected async handle(req: http.IncomingMessage, body: string): Promise<FakeReply> {
    this.settle();
    const route = (req.url ?? "").split("?")[0];
    if (route === "/health") return this.healthReply();
    if (route !== "/graphql/v2" || req.method !== "POST")
      return { status: 404, body: JSON.stringify({ message: "Not Found" }) };
    let request: { query?: unknown; variables?: Record<string, unknown>; operationName?: string };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return { status: 400, body: JSON.stringify({ errors: [{ message: "Invalid JSON body" }] }) };
    }
    const result = await graphql({
      schema: railwaySchema(),
      source: String(request.query ?? ""),
      rootValue: resolvers(this),
      contextValue: { auth: this.authOf(req) },
      variableValues: request.variables,
      operationName: request.operationName,
    });
    const errors = result.errors?.map((e) => ({ message: e.message, path: e.path }));
    // graphql-js answers a document that does not validate without `data`: Railway sends those as HTTP 400.
    const status = result.data === undefined && errors ? 400 : 200;
    return { status, body: JSON.stringify({ data: result.data ?? null, ...(errors ? { errors } : {}) }) };
  }

  private authOf(req: http.IncomingMessage): { kind: "project" | "account" } | undefined {
    const project = req.headers["project-access-token"];
    if (project !== undefined) return project === this.projectToken ? { kind: "project" } : undefined;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    return bearer !== undefined && bearer === this.accountToken ? { kind: "account" } : undefined;
  }

  private healthReply(): FakeReply {
    const latest = this.latest();
    const ok = this.health === "auto" && latest !== undefined && this.statusOf(latest) === "SUCCESS";
    return ok
      ? { status: 200, body: JSON.stringify({ status: "ok" }) }
      : { status: 503, body: JSON.stringify({ status: "unavailable" }) };
  }
}

/** A deployment held by the fake. */
export interface FakeDeployment {
  id: string;
  seq: number;
  projectId: string;
  environmentId: string;
  serviceId: string;
  createdAt: number;
  /** The statuses it goes through, one per poll; it stays on the last. */
  script: DeploymentStatus[];
  polls: number;
  meta: Record<string, unknown>;
  everSucceeded: boolean;
  /** Replaced by a newer SUCCESS. */
  removed: boolean;
}

// The resolvers get (args, context) from graphql-js; the arguments were already checked against the schema.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Resolver = (args: any, ctx: { auth?: { kind: "project" | "account" } }) => unknown;

function resolvers(fake: RailwayFake): Record<string, Resolver> {
  // A project token is scoped to one project and environment, as on Railway.
  const allow = (ctx: Parameters<Resolver>[1], environmentId?: unknown, projectId?: unknown) => {
    if (!ctx.auth) throw new Error("Not Authorized");
    const outside =
      (environmentId !== undefined && environmentId !== fake.environmentId) ||
      (projectId !== undefined && projectId !== fake.projectId);
    if (ctx.auth.kind === "project" && outside) throw new Error("Not Authorized");
  };
  const find = (id: string, ctx: Parameters<Resolver>[1]) => {
    const d = fake.deployments.find((x) => x.id === id);
    if (!d) throw new Error("Deployment not found");
    allow(ctx, d.environmentId);
    return d;
  };
  const node = (d: FakeDeployment) => ({
    id: d.id,
    status: fake.statusOf(d),
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.createdAt).toISOString(),
    meta: d.meta,
    projectId: d.projectId,
    environmentId: d.environmentId,
    serviceId: d.serviceId,
    canRedeploy: fake.statusOf(d) !== "QUEUED",
    canRollback: d.everSucceeded,
    url: `chef-chopsky-agent-${d.seq}.up.railway.app`,
  });
  const service = (environmentId: string, serviceId: string) => {
    if (serviceId !== fake.serviceId) throw new Error("Service not found");
    return { environmentId, serviceId };
  };
  const start = (environmentId: string, serviceId: string, meta: Record<string, unknown>, rollback = false) => {
    const d = fake.addDeployment(environmentId, serviceId, undefined, meta);
    if (rollback) d.script = d.script.filter((s) => s !== "BUILDING"); // a rollback reuses an image
    return d;
  };
  return {
    variables: (a, ctx) => {
      allow(ctx, a.environmentId, a.projectId);
      return fake.vars(a.environmentId, a.serviceId ?? "shared");
    },
    variableCollectionUpsert: ({ input }, ctx) => {
      allow(ctx, input.environmentId, input.projectId);
      const { environmentId, serviceId } = service(input.environmentId, input.serviceId);
      const vars = input.variables as unknown;
      if (typeof vars !== "object" || vars === null || Object.values(vars).some((v) => typeof v !== "string")) {
        throw new Error("Problem processing request: variables must be a map of strings");
      }
      if (input.replace) fake.variableStore.delete(`${environmentId}/${serviceId}`);
      for (const [k, v] of Object.entries(vars as Record<string, string>))
        fake.setVariable(k, v, environmentId, serviceId);
      if (!input.skipDeploys) start(environmentId, serviceId, { reason: "variables changed" });
      return true;
    },
    variableDelete: ({ input }, ctx) => {
      allow(ctx, input.environmentId, input.projectId);
      const { environmentId, serviceId } = service(input.environmentId, input.serviceId);
      fake.setVariable(input.name, undefined, environmentId, serviceId);
      return true;
    },
    serviceInstanceDeployV2: (a, ctx) => {
      allow(ctx, a.environmentId);
      const { environmentId, serviceId } = service(a.environmentId, a.serviceId);
      if (a.commitSha != null && !/^[0-9a-f]{7,40}$/.test(a.commitSha)) throw new Error("Invalid commit SHA");
      return start(environmentId, serviceId, { commitHash: a.commitSha ?? "f".repeat(40) }).id;
    },
    deployment: ({ id }, ctx) => {
      const d = find(id, ctx);
      const shown = node(d);
      d.polls++; // the next poll shows the next status
      return shown;
    },
    deployments: ({ input, first }, ctx) => {
      allow(ctx, input.environmentId, input.projectId);
      const list = fake.deployments
        .filter(
          (d) =>
            (input.environmentId ?? d.environmentId) === d.environmentId &&
            (input.serviceId ?? d.serviceId) === d.serviceId,
        )
        .filter((d) => !input.status?.in || input.status.in.includes(fake.statusOf(d)))
        .filter((d) => !input.status?.notIn || !input.status.notIn.includes(fake.statusOf(d)))
        .sort((x, y) => y.seq - x.seq);
      const page = list.slice(0, first ?? 50);
      const pageInfo = {
        hasNextPage: list.length > page.length,
        hasPreviousPage: false,
        startCursor: page[0]?.id ?? null,
        endCursor: page.at(-1)?.id ?? null,
      };
      return { edges: page.map((d) => ({ cursor: d.id, node: node(d) })), pageInfo };
    },
    deploymentRollback: ({ id }, ctx) => {
      const d = find(id, ctx);
      if (!d.everSucceeded) throw new Error("Deployment cannot be rolled back");
      start(d.environmentId, d.serviceId, { ...d.meta, rollbackFrom: d.id }, true);
      return true;
    },
    serviceInstance: (a, ctx) => {
      allow(ctx, a.environmentId);
      const { environmentId, serviceId } = service(a.environmentId, a.serviceId);
      const latest = fake.latest(environmentId, serviceId);
      return {
        id: `${environmentId}:${serviceId}`,
        environmentId,
        serviceId,
        latestDeployment: latest ? node(latest) : null,
      };
    },
  };
}
