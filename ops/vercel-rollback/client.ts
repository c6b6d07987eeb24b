/**
 * The two Vercel REST calls a frontend rollback needs (docs/reference/API-FACTS.md, "Vercel"): list the project's READY production
 * deployments, and point the production domains back at one of them. `@pulumiverse/vercel` has no resource for
 * either, so this goes through the project's shared HTTP path (`providers/http.ts`): timeouts, bounded retries on
 * 429/5xx, and errors that never contain the token.
 */
import { excerpt, type HttpClientOptions, type HttpReply, parseJson, send, ServiceError } from "../../providers/http";

/** Vercel's API. Tests point the client elsewhere with `VERCEL_API_URL`. */
export const VERCEL_API_URL = "https://api.vercel.com";

/** How to reach Vercel. */
export interface VercelClientOptions {
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
  /** Timeout of one attempt, in milliseconds (see `providers/http.ts`). */
  timeoutMs?: number;
  /** Longest wait between attempts, in milliseconds, whatever a `Retry-After` asks (see `providers/http.ts`). */
  maxDelayMs?: number;
  /** Injected for tests: how to wait between retries. */
  sleep?: (ms: number) => Promise<void>;
}

/** The fields of a deployment the rollback reads. */
export interface VercelDeployment {
  id: string;
  /** Creation time, milliseconds since the epoch. */
  createdAt: number;
  /** `READY`, `ERROR`, … (`state`, or `readyState` in older replies). */
  state: string;
  /** `production`, or null for a preview. */
  target: string | null;
  /** The deployment's own host name (not the production domain), when Vercel reports it. */
  url?: string;
  /** The git commit it was built from, when it came from git. */
  commitSha?: string;
  /** The git branch it was built from (`meta.githubCommitRef`), when it came from git. */
  branch?: string;
  /** When it became READY (`ready`), milliseconds since the epoch, when Vercel reports it. */
  readyAt?: number;
  /** False when Vercel says the deployment cannot be rolled back to; undefined when the reply does not say. */
  isRollbackCandidate?: boolean;
}

/** What a status means for the person running the rollback; the token is never part of it. */
function describeFailure(status: number, vercelMessage: string): string {
  const said = vercelMessage ? `: ${vercelMessage}` : "";
  if (status === 401 || status === 403)
    return `Vercel rejected the token (HTTP ${status}${said}); check VERCEL_TOKEN, its scope, and --team-id for a team project`;
  if (status === 402)
    return `HTTP 402${said} (the Hobby plan can roll back only to the immediately previous production deployment)`;
  if (status === 404) return `not found (HTTP 404${said}); check the project id, the deployment id and --team-id`;
  if (status === 409) return `conflict (HTTP 409${said}); a rollback may already be in progress`;
  return `HTTP ${status}${said}`;
}

function toDeployment(value: unknown): VercelDeployment | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const id = typeof v.uid === "string" ? v.uid : typeof v.id === "string" ? v.id : undefined;
  const state = typeof v.state === "string" ? v.state : typeof v.readyState === "string" ? v.readyState : undefined;
  const createdAt = typeof v.created === "number" ? v.created : typeof v.createdAt === "number" ? v.createdAt : NaN;
  if (!id || !state || !Number.isFinite(createdAt)) return undefined;
  const meta = typeof v.meta === "object" && v.meta !== null ? (v.meta as Record<string, unknown>) : {};
  return {
    id,
    createdAt,
    state,
    target: typeof v.target === "string" ? v.target : null,
    url: typeof v.url === "string" ? v.url : undefined,
    commitSha: typeof meta.githubCommitSha === "string" ? meta.githubCommitSha : undefined,
    branch: typeof meta.githubCommitRef === "string" ? meta.githubCommitRef : undefined,
    readyAt: typeof v.ready === "number" ? v.ready : undefined,
    isRollbackCandidate: typeof v.isRollbackCandidate === "boolean" ? v.isRollbackCandidate : undefined,
  };
}

/** Vercel's REST API, reduced to what a rollback needs. */
export class VercelClient {
  private readonly http: HttpClientOptions;

  constructor(private readonly options: VercelClientOptions) {
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

  private query(params: Record<string, string | undefined>): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, v);
    const team = this.options.team;
    if (team) q.set(team.startsWith("team_") ? "teamId" : "slug", team);
    const s = q.toString();
    return s ? `?${s}` : "";
  }

  private fail(operation: string, reply: HttpReply): ServiceError {
    let message = "";
    try {
      const body = JSON.parse(reply.text) as { error?: { message?: unknown; code?: unknown } };
      const code = typeof body.error?.code === "string" ? body.error.code : "";
      const text = typeof body.error?.message === "string" ? body.error.message : "";
      message = [code, text].filter(Boolean).join(" - ");
    } catch {
      message = reply.text.trim() ? excerpt(reply.text, [], 120) : "";
    }
    const text = `Vercel ${operation} failed: ${describeFailure(reply.status, message)}`;
    return new ServiceError(excerpt(text, this.http.redact, 400), "Vercel", operation, reply.status);
  }

  /** `GET /v6/deployments` with a query; the deployments of the reply, newest first. */
  private async list(query: Record<string, string | undefined>): Promise<VercelDeployment[]> {
    const operation = "list deployments";
    const reply = await send(this.http, {
      operation,
      method: "GET",
      path: `/v6/deployments${this.query(query)}`,
      headers: { authorization: `Bearer ${this.options.token}`, accept: "application/json" },
    });
    if (reply.status !== 200) throw this.fail(operation, reply);
    const body = parseJson(this.http, operation, reply) as { deployments?: unknown };
    if (!Array.isArray(body.deployments))
      throw new ServiceError(`Vercel ${operation} failed: the reply has no deployments list`, "Vercel", operation);
    return body.deployments
      .map(toDeployment)
      .filter((d): d is VercelDeployment => d !== undefined)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /**
   * The project's READY production deployments, newest first.
   * @param projectId - the project id (`prj_…`) or name.
   * @param limit - how many to ask for; the rollback needs two, a few more allow skipping non-candidates.
   */
  async listReadyProductionDeployments(projectId: string, limit = 20): Promise<VercelDeployment[]> {
    const list = await this.list({ projectId, target: "production", state: "READY", limit: String(limit) });
    return list.filter((d) => d.state === "READY" && d.target === "production");
  }

  /**
   * Points every production domain of the project at a deployment (Vercel's Instant Rollback).
   * Sent as idempotent: repeating "production is deployment X" after a lost reply sets the same state again.
   * @param reason - recorded by Vercel as the rollback's description.
   */
  async rollback(projectId: string, deploymentId: string, reason?: string): Promise<void> {
    const operation = "rollback";
    const path = `/v1/projects/${encodeURIComponent(projectId)}/rollback/${encodeURIComponent(deploymentId)}`;
    const reply = await send(this.http, {
      operation,
      method: "POST",
      path: `${path}${this.query({ description: reason })}`,
      headers: { authorization: `Bearer ${this.options.token}`, accept: "application/json" },
      idempotent: true,
    });
    if (reply.status < 200 || reply.status >= 300) throw this.fail(operation, reply);
  }
}

/** The deployment production serves now and the one a rollback goes back to. */
export interface RollbackChoice {
  current: VercelDeployment;
  previous: VercelDeployment;
}

/**
 * Chooses the rollback target from READY production deployments (newest first): the current one is the newest,
 * the target the newest older one that Vercel does not rule out as a rollback candidate.
 * @returns the choice, or undefined when there is no previous deployment to go back to.
 */
export function choosePrevious(deployments: readonly VercelDeployment[]): RollbackChoice | undefined {
  const [current, ...older] = deployments;
  if (!current) return undefined;
  const previous = older.find((d) => d.id !== current.id && d.isRollbackCandidate !== false);
  return previous ? { current, previous } : undefined;
}
