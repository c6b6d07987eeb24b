/**
 * A fake of Railway's GraphQL API that executes requests against Railway's real published schema (the
 * introspection JSON, through graphql-js): a document with a typo fails here as it would in production, enum and
 * non-null rules hold, and errors come back as HTTP 200 `{"errors":[…],"data":null}`. Deployments move through
 * QUEUED → BUILDING → DEPLOYING → SUCCESS one step per poll of `deployment(id)` (or per `stepMs`), or end in
 * FAILED / CRASHED / REMOVED when told to. It also serves the agent's `/health`, so the deploy tool can be tested
 * end to end. Faults (429, 500, slow, lost) come from the base {@link FakeServer}.
 *
 * Variables and deployments behave as Railway documents them (docs/reference/API-FACTS.md, "Railway"): each deployment keeps the
 * service variables it was made with (its snapshot), a variable change with `skipDeploys` reaches no running
 * deployment, a redeploy takes the service's current variables, and a rollback restores both the image and the
 * variables of the deployment rolled back to, into the service's variables as well.
 */
import type * as http from "node:http";
import { graphql, Kind, parse } from "graphql";
import type { DeploymentStatus } from "../../providers/railway/client";
import { resolvers } from "./railway-resolvers";
import { railwaySchema } from "./reference";
import { type FakeReply, FakeServer } from "./server";

export { railwaySchema, referenceFile } from "./reference";

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
  private images = 0;

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

  /** The agent deploy tool's environment pointed at this fake: its token, ids, API and agent URL. */
  get deployToolEnv(): Record<string, string> {
    return {
      RAILWAY_TOKEN: this.projectToken,
      RAILWAY_PROJECT_ID: this.projectId,
      RAILWAY_ENVIRONMENT_ID: this.environmentId,
      RAILWAY_SERVICE_ID: this.serviceId,
      RAILWAY_API_URL: this.graphqlUrl,
      AGENT_URL: this.agentUrl,
    };
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
    const d = this.addDeployment(this.environmentId, this.serviceId, [status], { commitHash, image: this.newImage() });
    this.settle();
    return d;
  }

  /** A new image name, as a build produces one. */
  newImage(): string {
    return `registry.railway.test/agent@sha256:${String(++this.images).padStart(64, "0")}`;
  }

  /** The deployment serving now: the newest that reached SUCCESS and was not replaced. */
  live(environmentId = this.environmentId, serviceId = this.serviceId): FakeDeployment | undefined {
    this.settle();
    return this.deployments
      .filter((d) => d.environmentId === environmentId && d.serviceId === serviceId)
      .filter((d) => d.everSucceeded && !d.removed)
      .at(-1);
  }

  /**
   * Creates a deployment that follows `script`, or else the next queued outcome. It runs with `variables`, by
   * default the service's variables as they are now.
   */
  addDeployment(
    environmentId: string,
    serviceId: string,
    script?: DeploymentStatus[],
    meta: Record<string, unknown> = {},
    variables: Record<string, string> = this.vars(environmentId, serviceId),
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
      variables: { ...variables },
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
      d.statusAt = Date.now();
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
  /** The variables it runs with (its snapshot): what the agent sees while this deployment serves. */
  variables: Record<string, string>;
  everSucceeded: boolean;
  /** When it was first seen at SUCCESS (Railway's `statusUpdatedAt` of a live deployment), ms since the epoch. */
  statusAt?: number;
  /** Replaced by a newer SUCCESS. */
  removed: boolean;
}
