/**
 * A small client for Railway's public GraphQL API (https://backboard.railway.com/graphql/v2), on the shared HTTP
 * path of `providers/http.ts` (timeouts, bounded retries on 429 and 5xx, credential-free errors).
 *
 * Railway reports most failures as HTTP 200 with `{"errors":[{"message":…}],"data":null}`: the client turns those
 * into a {@link ServiceError} that names the operation and Railway's message, never the token.
 */
import { type HttpClientOptions, parseJson, type RetryOptions, send, serviceError, serviceHttp } from "../http";
import { RAILWAY_DOCUMENTS, type RailwayOperation } from "./documents";

/** Railway's public GraphQL endpoint. */
export const RAILWAY_API_URL = "https://backboard.railway.com/graphql/v2";

/** Every status a Railway deployment can have (the schema's `DeploymentStatus`). */
export type DeploymentStatus =
  | "BUILDING"
  | "CRASHED"
  | "DEPLOYING"
  | "FAILED"
  | "INITIALIZING"
  | "NEEDS_APPROVAL"
  | "QUEUED"
  | "REMOVED"
  | "REMOVING"
  | "SKIPPED"
  | "SLEEPING"
  | "SUCCESS"
  | "WAITING";

/** A Railway token and how it is sent: a project token as `project-access-token`, an account token as Bearer. */
export interface RailwayCredentials {
  token: string;
  kind: "project" | "account";
}

/** The service instance a call is about. */
export interface RailwayTarget {
  projectId: string;
  environmentId: string;
  serviceId: string;
}

/** The fields of a deployment this project reads. */
export interface Deployment {
  id: string;
  status: DeploymentStatus;
  createdAt?: string;
  /** When it reached its current status (for a SUCCESS deployment: when it went live), when the query asks. */
  statusUpdatedAt?: string;
  /** The deployed commit, from the deployment's `meta.commitHash` when Railway reports it. */
  commitHash?: string;
  canRollback?: boolean;
  url?: string | null;
}

/** How to reach Railway. */
export interface RailwayClientOptions extends RetryOptions {
  credentials: RailwayCredentials;
  /** GraphQL endpoint; default {@link RAILWAY_API_URL}. Tests point it at the local fake. */
  apiUrl?: string;
}

/**
 * Where the credentials come from, in order: the stack config secret (`chef-chopsky:railwayToken`, a project token,
 * as the runbook's `RAILWAY_TOKEN`), then env `RAILWAY_TOKEN` (project token), then env `RAILWAY_API_TOKEN`
 * (account token, the Railway CLI's name for it). Undefined when none is set.
 */
export function railwayCredentials(
  configToken: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): RailwayCredentials | undefined {
  if (configToken) return { token: configToken, kind: "project" };
  if (env.RAILWAY_TOKEN) return { token: env.RAILWAY_TOKEN, kind: "project" };
  if (env.RAILWAY_API_TOKEN) return { token: env.RAILWAY_API_TOKEN, kind: "account" };
  return undefined;
}

interface GraphQlReply {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown }[];
}

function toDeployment(value: unknown): Deployment | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== "string" || typeof v.status !== "string") return undefined;
  const meta = typeof v.meta === "object" && v.meta !== null ? (v.meta as Record<string, unknown>) : {};
  return {
    id: v.id,
    status: v.status as DeploymentStatus,
    createdAt: typeof v.createdAt === "string" ? v.createdAt : undefined,
    statusUpdatedAt: typeof v.statusUpdatedAt === "string" ? v.statusUpdatedAt : undefined,
    commitHash: typeof meta.commitHash === "string" ? meta.commitHash : undefined,
    canRollback: typeof v.canRollback === "boolean" ? v.canRollback : undefined,
    url: typeof v.url === "string" ? v.url : null,
  };
}

/** Railway's GraphQL API, one method per operation this project performs. */
export class RailwayClient {
  private readonly http: HttpClientOptions;
  private readonly auth: Record<string, string>;

  constructor(options: RailwayClientOptions) {
    const { credentials } = options;
    this.auth =
      credentials.kind === "project"
        ? { "project-access-token": credentials.token }
        : { authorization: `Bearer ${credentials.token}` };
    this.http = serviceHttp("Railway", options.apiUrl ?? RAILWAY_API_URL, options, [credentials.token]);
  }

  /**
   * Sends one document and returns its root field's value.
   * @param secrets - values sent in this call that must not appear in an error (variable values).
   */
  private async call(
    operation: RailwayOperation,
    variables: Record<string, unknown>,
    idempotent: boolean,
    secrets: readonly string[] = [],
  ): Promise<unknown> {
    const http = { ...this.http, redact: [...(this.http.redact ?? []), ...secrets] };
    const reply = await send(http, {
      operation,
      method: "POST",
      path: "",
      headers: { "content-type": "application/json", accept: "application/json", ...this.auth },
      body: JSON.stringify({ query: RAILWAY_DOCUMENTS[operation], operationName: operation, variables }),
      idempotent,
    });
    const body = parseJson(http, operation, reply) as GraphQlReply;
    const fail = (message: string) => serviceError(http, operation, message, reply.status);
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const messages = body.errors.map((e) => (typeof e?.message === "string" ? e.message : "unknown error"));
      const hint = messages.some((m) => /not authori[sz]ed|unauthori[sz]ed/i.test(m))
        ? " (check the Railway token: chef-chopsky:railwayToken, RAILWAY_TOKEN or RAILWAY_API_TOKEN, and its scope)"
        : "";
      throw fail(`${messages.join("; ")}${hint}`);
    }
    if (reply.status !== 200) throw fail(`HTTP ${reply.status} without GraphQL errors`);
    if (!body.data || !(operation in body.data)) throw fail("the reply has no data");
    return body.data[operation];
  }

  /** The deployment a reply holds, or an error naming the operation and `what` is missing. */
  private deploymentOf(operation: RailwayOperation, value: unknown, what = "no deployment in the reply"): Deployment {
    const d = toDeployment(value);
    if (!d) throw serviceError(this.http, operation, what);
    return d;
  }

  /** The service's variables (unrendered), as a map of name to value. */
  async getVariables(target: RailwayTarget): Promise<Record<string, string>> {
    const value = await this.call("variables", { ...target }, true);
    if (typeof value !== "object" || value === null) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = String(v);
    return out;
  }

  /**
   * Upserts variables without touching other keys and without triggering a deploy. Idempotent (same values, same
   * result), so the shared HTTP path may repeat it after a lost reply.
   */
  async upsertVariables(target: RailwayTarget, variables: Record<string, string>): Promise<void> {
    const input = { ...target, variables, replace: false, skipDeploys: true };
    await this.call("variableCollectionUpsert", { input }, true, Object.values(variables));
  }

  /** Deletes one variable of the service. */
  async deleteVariable(target: RailwayTarget, name: string): Promise<void> {
    await this.call("variableDelete", { input: { ...target, name } }, true);
  }

  /**
   * Starts a deployment of one commit and returns its id. Not idempotent: after an ambiguous failure the caller
   * must look for the deployment itself (see the deploy tool).
   */
  async deployCommit(target: RailwayTarget, commitSha: string): Promise<string> {
    const { environmentId, serviceId } = target;
    const id = await this.call("serviceInstanceDeployV2", { commitSha, environmentId, serviceId }, false);
    if (typeof id !== "string" || id === "")
      throw serviceError(this.http, "serviceInstanceDeployV2", "no deployment id");
    return id;
  }

  /** One deployment by id. */
  async getDeployment(id: string): Promise<Deployment> {
    return this.deploymentOf(
      "deployment",
      await this.call("deployment", { id }, true),
      `no deployment ${id} in the reply`,
    );
  }

  /** The service's deployments, newest first, optionally only some statuses. */
  async listDeployments(
    target: RailwayTarget,
    first = 20,
    statuses?: readonly DeploymentStatus[],
  ): Promise<Deployment[]> {
    const input = { ...target, ...(statuses ? { status: { in: statuses } } : {}) };
    const value = (await this.call("deployments", { input, first }, true)) as { edges?: { node?: unknown }[] } | null;
    return (value?.edges ?? []).map((e) => toDeployment(e.node)).filter((d): d is Deployment => d !== undefined);
  }

  /** The newest deployment of the service instance, or undefined when it has none. */
  async latestDeployment(target: RailwayTarget): Promise<Deployment | undefined> {
    const { environmentId, serviceId } = target;
    const value = (await this.call("serviceInstance", { environmentId, serviceId }, true)) as {
      latestDeployment?: unknown;
    } | null;
    return toDeployment(value?.latestDeployment);
  }

  /**
   * Redeploys a deployment (its source and image) with the service's current variables; returns the new
   * deployment. Not idempotent: after an ambiguous failure the caller looks for the new deployment itself.
   */
  async redeploy(deploymentId: string): Promise<Deployment> {
    const value = await this.call("deploymentRedeploy", { id: deploymentId, usePreviousImageTag: true }, false);
    return this.deploymentOf("deploymentRedeploy", value);
  }

  /** Rolls back to an earlier deployment; Railway starts a new deployment from it. Not idempotent. */
  async rollback(deploymentId: string): Promise<void> {
    await this.call("deploymentRollback", { id: deploymentId }, false);
  }
}
