/**
 * The stand-in's HTTP client to the Vercel fake. It refuses any address that is not a loopback IP literal (the
 * second catch after guard.ts), sends the token only there, and never puts the token or a request body in an error.
 */
import { isLoopbackHost } from "./guard";

/** Where and as whom the stand-in calls. */
export interface StandinClientOptions {
  /** The fake's base URL, e.g. `http://127.0.0.1:41234`. */
  api: string;
  /** The token, read late: it arrives with the provider's Configure call (`vercel:apiToken`). */
  token: () => string | undefined;
  /** `vercel:team`: a team id (`team_…`, sent as `teamId`) or a slug (sent as `slug`); undefined for personal. */
  team: () => string | undefined;
}

/** An error answer of the API: status, Vercel's `error.code` and `error.message`, and its other fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly details: Record<string, unknown>,
    what: string,
  ) {
    super(`${what}: HTTP ${status}${code ? ` ${code}` : ""}${apiMessage ? `: ${apiMessage}` : ""}`);
  }
}

export class StandinClient {
  private readonly base: URL;

  constructor(private readonly options: StandinClientOptions) {
    this.base = new URL(options.api);
    if (!isLoopbackHost(this.base.hostname))
      throw new Error(`the Vercel stand-in calls only a loopback fake, not ${this.base.hostname}`);
  }

  /** One call; `what` names it in errors (e.g. `create project chef-chopsky`). 2xx bodies are parsed JSON. */
  async call<T>(what: string, method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(this.base.href.replace(/\/+$/, "") + path);
    const team = this.options.team();
    if (team) url.searchParams.set(team.startsWith("team_") ? "teamId" : "slug", team);
    const token = this.options.token();
    if (!token) throw new Error(`${what}: no Vercel token: set it with \`pulumi config set --secret vercel:apiToken\``);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      throw new Error(`${what}: the Vercel fake at ${this.base.host} did not answer (${(err as Error).message})`);
    }
    const parsed: unknown = await res.json().catch(() => undefined); // an empty or non-JSON body: no fields
    if (!res.ok) {
      const error = ((parsed as { error?: Record<string, unknown> } | undefined)?.error ?? {}) as Record<
        string,
        unknown
      >;
      const { code, message, ...details } = error;
      throw new ApiError(res.status, String(code ?? ""), String(message ?? ""), details, what);
    }
    return parsed as T;
  }
}

export const isNotFound = (err: unknown): boolean => err instanceof ApiError && err.status === 404;
