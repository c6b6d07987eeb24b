/**
 * The Vercel deployments API that `@pulumiverse/vercel` has no resource for, shared by the frontend redeploy
 * (deploy/), the rollback and `npm run status` (ops/), on the project's shared HTTP path (`providers/http.ts`:
 * timeouts, bounded retries on 429/5xx, errors that never contain the token). Docs: vercel.com/docs/rest-api.
 * - `GET /v13/deployments/{idOrUrl}` ("Get a deployment by ID or URL": the id or the hostname), which for an alias
 *   host answers with the deployment that alias serves, as `vercel inspect <url>` relies on (vercel/vercel,
 *   packages/cli/src/util/get-deployment.ts);
 * - `GET /v6/deployments?projectId=…&target=…&state=READY` (docs/reference/API-FACTS.md, "Vercel");
 * - `POST /v13/deployments?forceNew=1` with `{deploymentId, name, target, meta: {action: "redeploy"}}`: "a deployment
 *   id can be specified to redeploy a previous deployment", the request `vercel redeploy` sends
 *   (vercel/vercel, packages/cli/src/commands/redeploy/index.ts); target `production`, or omitted for a preview;
 * - `POST /v10/projects/{projectId}/promote/{deploymentId}` (docs/reference/API-FACTS.md), which puts a deployment on
 *   the production domains and ends an Instant Rollback's pin ("To undo a rollback, promote a deployment":
 *   vercel.com/docs/cli/rollback);
 * - `POST /v1/projects/{projectId}/rollback/{deploymentId}` (docs/reference/API-FACTS.md): Vercel's Instant Rollback.
 */
import {
  bearerJson,
  excerpt,
  type HttpClientOptions,
  type HttpReply,
  parseJson,
  type RetryOptions,
  send,
  ServiceError,
  serviceError,
  serviceHttp,
} from "../http";

/** Vercel's API. Tests point the clients elsewhere with `VERCEL_API_URL`. */
export const VERCEL_API_URL = "https://api.vercel.com";

/** The fields of a deployment the tools read. */
export interface VercelDeployment {
  id: string;
  /** The project name Vercel deploys it under (`name` of a redeploy request). */
  name?: string;
  projectId?: string;
  /** `QUEUED`, `BUILDING`, `READY`, `ERROR`, `CANCELED`, … (`readyState`, or `state` in older replies). */
  state: string;
  /** `production`, or null for a preview. */
  target: string | null;
  /** Creation time, milliseconds since the epoch. */
  createdAt?: number;
  /** When it became READY (`ready`), milliseconds since the epoch, when Vercel reports it. */
  readyAt?: number;
  /** The deployment's own host name (not the production domain), when Vercel reports it. */
  url?: string;
  /** The git branch it was built from (`meta.githubCommitRef`), when it came from git. */
  branch?: string;
  /** The git commit it was built from (`meta.githubCommitSha`), when it came from git. */
  commitSha?: string;
  /** False when Vercel says the deployment cannot be rolled back to; undefined when the reply does not say. */
  isRollbackCandidate?: boolean;
}

/** How to reach Vercel. */
export interface VercelClientOptions extends Pick<RetryOptions, "timeoutMs" | "maxDelayMs" | "sleep"> {
  /** A Vercel access token (secret). Sent as `Authorization: Bearer`, scrubbed from every error. */
  token: string;
  /** Base URL without a trailing slash; default {@link VERCEL_API_URL}. */
  baseUrl?: string;
  /**
   * The team that owns the project, as the Vercel provider's `vercel:team` takes it: an id (`team_…`, sent as
   * `teamId`) or a slug (sent as `slug`), on every call. Omit for a personal account.
   */
  team?: string;
  /** Retries after the first attempt (see `providers/http.ts`). Default 3: a rollback is urgent, not patient. */
  maxRetries?: number;
  /** How the tool's user sets the token and the team, for the hints of a 401/403/404 (e.g. `--team-id`). */
  settings?: { token: string; team: string };
}

function toDeployment(value: unknown): VercelDeployment | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  const num = (k: string) => (typeof v[k] === "number" ? (v[k] as number) : undefined);
  const id = str("id") ?? str("uid");
  const state = str("readyState") ?? str("state");
  if (!id || !state) return undefined;
  const meta = typeof v.meta === "object" && v.meta !== null ? (v.meta as Record<string, unknown>) : {};
  return {
    id,
    name: str("name"),
    projectId: str("projectId"),
    state,
    target: str("target") ?? null,
    createdAt: num("createdAt") ?? num("created"),
    readyAt: num("ready"),
    url: str("url"),
    branch: typeof meta.githubCommitRef === "string" ? meta.githubCommitRef : undefined,
    commitSha: typeof meta.githubCommitSha === "string" ? meta.githubCommitSha : undefined,
    isRollbackCandidate: typeof v.isRollbackCandidate === "boolean" ? v.isRollbackCandidate : undefined,
  };
}

/** What a status means for the person running the tool; the token is never part of it. */
function describeFailure(status: number, said: string, settings: { token: string; team: string }): string {
  const detail = said ? `: ${said}` : "";
  if (status === 401 || status === 403)
    return `Vercel rejected the token (HTTP ${status}${detail}); check ${settings.token}, its scope, and ${settings.team} for a team project`;
  if (status === 402)
    return `HTTP 402${detail} (the Hobby plan can roll back only to the immediately previous production deployment)`;
  if (status === 404)
    return `not found (HTTP 404${detail}); check the project id, the deployment id and ${settings.team}`;
  if (status === 409) return `conflict (HTTP 409${detail}); a rollback may already be in progress`;
  return `HTTP ${status}${detail}`;
}

/** Vercel's REST API, reduced to the deployment calls the tools make. */
export class VercelClient {
  private readonly http: HttpClientOptions;

  constructor(private readonly options: VercelClientOptions) {
    const tuning = { ...options, maxRetries: options.maxRetries ?? 3 };
    this.http = serviceHttp("Vercel", options.baseUrl ?? VERCEL_API_URL, tuning, [options.token]);
  }

  private query(params: Record<string, string | undefined> = {}): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, v);
    const team = this.options.team;
    if (team) q.set(team.startsWith("team_") ? "teamId" : "slug", team);
    const s = q.toString();
    return s ? `?${s}` : "";
  }

  /** One call; `ok` the statuses that succeed. Every POST here but a redeploy is idempotent: the same state again. */
  private async call(
    operation: string,
    method: "GET" | "POST",
    path: string,
    ok: readonly number[] | "2xx",
    body?: unknown,
  ): Promise<HttpReply> {
    const idempotent = operation !== "redeploy";
    const reply = await send(this.http, bearerJson(this.options.token, { operation, method, path, idempotent }, body));
    const succeeded = ok === "2xx" ? reply.status >= 200 && reply.status < 300 : ok.includes(reply.status);
    if (!succeeded) throw this.fail(operation, reply);
    return reply;
  }

  private fail(operation: string, reply: HttpReply): ServiceError {
    let said = "";
    try {
      const e = (JSON.parse(reply.text) as { error?: { code?: unknown; message?: unknown } }).error;
      said = [e?.code, e?.message].filter((x) => typeof x === "string" && x).join(" - ");
    } catch {
      said = reply.text.trim() ? excerpt(reply.text, [], 120) : "";
    }
    const settings = this.options.settings ?? { token: "the Vercel token", team: "the team of the project" };
    const text = `Vercel ${operation} failed: ${describeFailure(reply.status, said, settings)}`;
    return new ServiceError(excerpt(text, this.http.redact, 400), "Vercel", operation, reply.status);
  }

  private parse(operation: string, reply: HttpReply): VercelDeployment {
    const d = toDeployment(parseJson(this.http, operation, reply));
    if (!d) throw serviceError(this.http, operation, "the reply is not a deployment");
    return d;
  }

  /** A deployment by id or by host (an alias host gives the deployment it serves); undefined when none. */
  async getDeployment(idOrHost: string): Promise<VercelDeployment | undefined> {
    const operation = "get deployment";
    const path = `/v13/deployments/${encodeURIComponent(idOrHost)}${this.query()}`;
    const reply = await this.call(operation, "GET", path, [200, 404]);
    return reply.status === 404 ? undefined : this.parse(operation, reply);
  }

  /**
   * The project's READY deployments of one target, newest first; of one git branch when `branch` is given (the
   * `branch` filter of `GET /v6/deployments`: "Filter deployments based on the branch name",
   * https://vercel.com/docs/rest-api/sdk/deployments/list-deployments).
   * @param limit - how many to ask for; a rollback needs two, a few more allow skipping non-candidates.
   */
  async listReady(projectId: string, target: "production" | "preview", limit = 20, branch?: string) {
    const operation = "list deployments";
    const q = this.query({ projectId, target, branch, state: "READY", limit: String(limit) });
    const reply = await this.call(operation, "GET", `/v6/deployments${q}`, [200]);
    const body = parseJson(this.http, operation, reply) as { deployments?: unknown };
    if (!Array.isArray(body.deployments)) throw serviceError(this.http, operation, "the reply has no deployments list");
    return body.deployments
      .map(toDeployment)
      .filter((d): d is VercelDeployment => d?.state === "READY" && (target !== "production" || d.target === target))
      .sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
  }

  /** Rebuilds a deployment (same source, same target) with the project's current variables. Not idempotent. */
  async redeploy(from: VercelDeployment, name: string): Promise<VercelDeployment> {
    const body = {
      deploymentId: from.id,
      name,
      ...(from.target === "production" ? { target: "production" } : {}),
      meta: { action: "redeploy" },
    };
    const path = `/v13/deployments${this.query({ forceNew: "1" })}`;
    return this.parse("redeploy", await this.call("redeploy", "POST", path, [200, 201], body));
  }

  /** Puts a READY production deployment on the production domains (and ends an Instant Rollback's pin). */
  async promote(projectId: string, deploymentId: string): Promise<void> {
    const path = `/v10/projects/${encodeURIComponent(projectId)}/promote/${encodeURIComponent(deploymentId)}`;
    await this.call("promote", "POST", `${path}${this.query()}`, "2xx");
  }

  /**
   * Points every production domain of the project at a deployment (Vercel's Instant Rollback).
   * @param reason - recorded by Vercel as the rollback's description.
   */
  async rollback(projectId: string, deploymentId: string, reason?: string): Promise<void> {
    const path = `/v1/projects/${encodeURIComponent(projectId)}/rollback/${encodeURIComponent(deploymentId)}`;
    await this.call("rollback", "POST", `${path}${this.query({ description: reason })}`, "2xx");
  }
}
