/**
 * The Vercel REST calls a redeploy needs (docs: vercel.com/docs/rest-api/deployments), on the project's shared HTTP
 * path (`providers/http.ts`: timeouts, bounded retries on 429/5xx, errors that never contain the token):
 * - `GET /v13/deployments/{idOrUrl}` ("Get a deployment by ID or URL": the id or the hostname), which for an alias
 *   host answers with the deployment that alias serves, as `vercel inspect <url>` relies on (vercel/vercel,
 *   packages/cli/src/util/get-deployment.ts);
 * - `GET /v6/deployments?projectId=…&target=…&state=READY` (docs/reference/API-FACTS.md), the fallback when no alias answers;
 * - `POST /v13/deployments?forceNew=1` with `{deploymentId, name, target, meta: {action: "redeploy"}}`: "a deployment
 *   id can be specified to redeploy a previous deployment", the request `vercel redeploy` sends
 *   (vercel/vercel, packages/cli/src/commands/redeploy/index.ts); target `production`, or omitted for a preview;
 * - `POST /v10/projects/{projectId}/promote/{deploymentId}` (docs/reference/API-FACTS.md), when an Instant Rollback keeps new
 *   production deployments off the domain ("To undo a rollback, promote a deployment": vercel.com/docs/cli/rollback).
 */
import { excerpt, type HttpClientOptions, type HttpReply, parseJson, send, ServiceError } from "../../providers/http";

/** Vercel's API. */
export const VERCEL_API_URL = "https://api.vercel.com";

/** The fields of a deployment the redeploy reads. */
export interface VercelDeployment {
  id: string;
  /** The project name Vercel deploys it under (`name` of a redeploy request). */
  name?: string;
  projectId?: string;
  /** `QUEUED`, `BUILDING`, `READY`, `ERROR`, `CANCELED`, … */
  state: string;
  /** `production`, or null for a preview. */
  target: string | null;
  createdAt?: number;
  /** When it became READY (`ready`), milliseconds since the epoch, when Vercel reports it. */
  readyAt?: number;
  /** The git branch it was built from, when it came from git. */
  branch?: string;
  commitSha?: string;
}

/** How to reach Vercel. */
export interface VercelDeployClientOptions {
  token: string;
  baseUrl?: string;
  /** The team of the project: an id (`team_…`, sent as `teamId`) or a slug (sent as `slug`). */
  team?: string;
  maxRetries?: number;
  /** Timeout of one attempt, and the longest wait between attempts, in milliseconds (see `providers/http.ts`). */
  timeoutMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

function toDeployment(value: unknown): VercelDeployment | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  const id = str("id") ?? str("uid");
  const state = str("readyState") ?? str("state");
  if (!id || !state) return undefined;
  const meta = typeof v.meta === "object" && v.meta !== null ? (v.meta as Record<string, unknown>) : {};
  const created = typeof v.createdAt === "number" ? v.createdAt : typeof v.created === "number" ? v.created : undefined;
  return {
    id,
    name: str("name"),
    projectId: str("projectId"),
    state,
    target: str("target") ?? null,
    createdAt: created,
    readyAt: typeof v.ready === "number" ? v.ready : undefined,
    branch: typeof meta.githubCommitRef === "string" ? meta.githubCommitRef : undefined,
    commitSha: typeof meta.githubCommitSha === "string" ? meta.githubCommitSha : undefined,
  };
}

/** Vercel's REST API, reduced to what a redeploy needs. */
export class VercelDeployClient {
  private readonly http: HttpClientOptions;

  constructor(private readonly options: VercelDeployClientOptions) {
    this.http = {
      service: "Vercel",
      baseUrl: (options.baseUrl ?? VERCEL_API_URL).replace(/\/+$/, ""),
      maxRetries: options.maxRetries ?? 3,
      timeoutMs: options.timeoutMs,
      maxDelayMs: options.maxDelayMs,
      sleep: options.sleep,
      redact: [options.token],
    };
  }

  private query(params: Record<string, string | undefined> = {}): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, v);
    const team = this.options.team;
    if (team) q.set(team.startsWith("team_") ? "teamId" : "slug", team);
    const s = q.toString();
    return s ? `?${s}` : "";
  }

  private async call(
    operation: string,
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    idempotent = true,
  ): Promise<HttpReply> {
    return send(this.http, {
      operation,
      method,
      path,
      headers: {
        authorization: `Bearer ${this.options.token}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      idempotent,
    });
  }

  private fail(operation: string, reply: HttpReply): ServiceError {
    let said = "";
    try {
      const e = (JSON.parse(reply.text) as { error?: { code?: unknown; message?: unknown } }).error;
      said = [e?.code, e?.message].filter((x) => typeof x === "string" && x).join(" - ");
    } catch {
      said = reply.text.trim() ? excerpt(reply.text, [], 120) : "";
    }
    const hint =
      reply.status === 401 || reply.status === 403
        ? " (check the Vercel token, its scope, and the team of the project)"
        : reply.status === 404
          ? " (check the project id and the team)"
          : "";
    const text = `Vercel ${operation} failed: HTTP ${reply.status}${said ? `: ${said}` : ""}${hint}`;
    return new ServiceError(excerpt(text, this.http.redact, 400), "Vercel", operation, reply.status);
  }

  private parse(operation: string, reply: HttpReply): VercelDeployment {
    const d = toDeployment(parseJson(this.http, operation, reply));
    if (!d) throw new ServiceError(`Vercel ${operation} failed: the reply is not a deployment`, "Vercel", operation);
    return d;
  }

  /** A deployment by id or by host (an alias host gives the deployment it serves); undefined when none. */
  async getDeployment(idOrHost: string): Promise<VercelDeployment | undefined> {
    const operation = "get deployment";
    const reply = await this.call(operation, "GET", `/v13/deployments/${encodeURIComponent(idOrHost)}${this.query()}`);
    if (reply.status === 404) return undefined;
    if (reply.status !== 200) throw this.fail(operation, reply);
    return this.parse(operation, reply);
  }

  /**
   * The project's READY deployments of one target, newest first; of one git branch when `branch` is given (the
   * `branch` filter of `GET /v6/deployments`: "Filter deployments based on the branch name",
   * https://vercel.com/docs/rest-api/sdk/deployments/list-deployments).
   */
  async listReady(
    projectId: string,
    target: "production" | "preview",
    limit = 20,
    branch?: string,
  ): Promise<VercelDeployment[]> {
    const operation = "list deployments";
    const q = this.query({ projectId, target, branch, state: "READY", limit: String(limit) });
    const reply = await this.call(operation, "GET", `/v6/deployments${q}`);
    if (reply.status !== 200) throw this.fail(operation, reply);
    const body = parseJson(this.http, operation, reply) as { deployments?: unknown };
    if (!Array.isArray(body.deployments))
      throw new ServiceError(`Vercel ${operation} failed: the reply has no deployments list`, "Vercel", operation);
    return body.deployments
      .map(toDeployment)
      .filter((d): d is VercelDeployment => d !== undefined && d.state === "READY")
      .sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
  }

  /** Rebuilds a deployment (same source, same target) with the project's current variables. Not idempotent. */
  async redeploy(from: VercelDeployment, name: string): Promise<VercelDeployment> {
    const operation = "redeploy";
    const body = {
      deploymentId: from.id,
      name,
      ...(from.target === "production" ? { target: "production" } : {}),
      meta: { action: "redeploy" },
    };
    const reply = await this.call(operation, "POST", `/v13/deployments${this.query({ forceNew: "1" })}`, body, false);
    if (reply.status !== 200 && reply.status !== 201) throw this.fail(operation, reply);
    return this.parse(operation, reply);
  }

  /** Puts a READY production deployment on the production domains. Idempotent: the same state again. */
  async promote(projectId: string, deploymentId: string): Promise<void> {
    const operation = "promote";
    const path = `/v10/projects/${encodeURIComponent(projectId)}/promote/${encodeURIComponent(deploymentId)}`;
    const reply = await this.call(operation, "POST", `${path}${this.query()}`);
    if (reply.status < 200 || reply.status >= 300) throw this.fail(operation, reply);
  }
}

/** Where a frontend lives: its project, its target, its branch (previews), and the host people reach it by. */
export interface FrontendLocation {
  projectId: string;
  target: "production" | "preview";
  /** Preview only: the branch whose latest preview the host serves, e.g. `staging`. */
  branch?: string;
  /** The alias host (the production domain or the branch alias); undefined to use the fallback only. */
  host?: string;
}

/**
 * The deployment a frontend serves: the one its alias host answers with (after an Instant Rollback, the rolled-back
 * one), else the newest READY deployment of its target (production) or branch (preview). Both are asked at once, so
 * the fallback costs no extra round trip. Shared by the frontend redeploy and `npm run status`.
 */
export async function servedDeployment(
  client: VercelDeployClient,
  where: FrontendLocation,
): Promise<VercelDeployment | undefined> {
  const branch = where.target === "preview" ? where.branch : undefined;
  const [served, ready] = await Promise.all([
    where.host ? client.getDeployment(where.host) : Promise.resolve(undefined),
    client.listReady(where.projectId, where.target, 20, branch),
  ]);
  if (served) return served;
  return where.target === "production" ? ready[0] : ready.find((d) => d.branch === where.branch);
}

/** How {@link waitUntilReady} waits, and what it throws when the build fails or takes too long. */
export interface ReadyWait {
  timeoutMs: number;
  pollMs: number;
  log: (line: string) => void;
  fail: (message: string) => Error;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Polls a new deployment until it is READY; throws `fail(…)` when it ends ERROR/CANCELED or at the deadline. */
export async function waitUntilReady(client: VercelDeployClient, id: string, w: ReadyWait): Promise<VercelDeployment> {
  const now = w.now ?? Date.now;
  const sleep = w.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = now() + w.timeoutMs;
  let last = "";
  for (;;) {
    const d = await client.getDeployment(id);
    const state = d?.state ?? "missing";
    if (state !== last) w.log(`deployment ${id}: ${state}`);
    last = state;
    if (state === "ERROR" || state === "CANCELED")
      throw w.fail(`deployment ${id} ended ${state}; see its build logs in Vercel`);
    if (d && state === "READY") return d;
    if (now() + w.pollMs > deadline)
      throw w.fail(`deployment ${id} did not become READY within ${Math.round(w.timeoutMs / 100) / 10} s`);
    await sleep(w.pollMs);
  }
}
