/**
 * A fake of the Vercel REST endpoints for deployments that the rollback and redeploy tools call (docs/reference/API-FACTS.md,
 * "Vercel"; docs vercel.com/docs/rest-api/deployments):
 * - `GET /v6/deployments?projectId=…&target=…&state=…&limit=…` → `{"deployments":[…],"pagination":{…}}`, newest first;
 * - `GET /v13/deployments/{idOrUrl}`: by id, by the deployment's host, or by an alias host (the production domain
 *   answers with the deployment it serves, a branch alias with that branch's newest READY preview);
 * - `POST /v13/deployments[?forceNew=1]` with `{name, deploymentId, target, meta}`: a redeploy of that deployment, which
 *   goes QUEUED → BUILDING → READY one step per `GET /v13/deployments/{id}` (or ends in ERROR when told to) and takes
 *   the project's environment variables as they are now ("Environment variables apply to new deployments only");
 * - `POST /v1/projects/{projectId}/rollback/{deploymentId}` → 201: the production domain serves that deployment, and
 *   new production deployments are no longer assigned to it automatically (Vercel Instant Rollback) until a promote;
 * - `POST /v10/projects/{projectId}/promote/{deploymentId}` → 201: the domain serves it again, auto-assignment resumes.
 * It also serves each alias as a site (`GET /_site/{host}`: 200 while the alias serves a READY deployment), for the
 * tools' health checks. A wrong token gets 403 `forbidden` as Vercel answers it, a missing one 401; a project of a
 * team is invisible (404) without its `teamId`. Faults (429, 500, slow, lost) come from the base {@link FakeServer}.
 */
import type * as http from "node:http";
import { type FakeReply, FakeServer } from "./server";
import { route as projectRoute, VercelProjects } from "./vercel-projects";
import { matchesGitQuery } from "./vercel-query";

type State = "QUEUED" | "BUILDING" | "READY" | "ERROR" | "CANCELED";

/** One deployment the fake knows, in the shape of the list endpoint's items (plus the fake's own fields). */
export interface FakeVercelDeployment {
  uid: string;
  name?: string;
  projectId: string;
  created: number;
  /** When it became READY, milliseconds since the epoch (Vercel's `ready`). */
  ready?: number;
  state: State;
  target: "production" | null;
  url: string;
  meta?: Record<string, string>;
  isRollbackCandidate?: boolean;
  /** The states it goes through, one per `GET /v13/deployments/{id}`; absent: always `state`. */
  script?: State[];
  polls?: number;
  /** The project's variables when it was built: what it runs with. */
  env?: Record<string, string>;
}

/** A rollback the fake accepted. */
export interface FakeRollback {
  projectId: string;
  deploymentId: string;
  /** The `teamId` or `slug` the call carried. */
  teamId: string | null;
  description: string | null;
}

const json = (status: number, body: unknown): FakeReply => ({ status, body: JSON.stringify(body) });
const error = (status: number, code: string, message: string) => json(status, { error: { code, message } });
const ROUTES: [string, RegExp, string][] = [
  ["GET", /^\/v6\/deployments$/, "listDeployments"],
  ["GET", /^\/v13\/deployments\/[^/]+$/, "getDeployment"],
  ["POST", /^\/v13\/deployments$/, "createDeployment"],
  ["POST", /^\/v1\/projects\/[^/]+\/rollback\/[^/]+$/, "rollback"],
  ["POST", /^\/v10\/projects\/[^/]+\/promote\/[^/]+$/, "promote"],
  ["GET", /^\/_site\/[^/]+$/, "site"],
];

/** The fake Vercel API: one project, optionally owned by a team. */
export class VercelFake extends FakeServer {
  readonly projectId = "prj_chefchopsky0001";
  readonly projectName = "chef-chopsky";
  /** The production domain (an alias of the deployment production serves). */
  readonly productionHost = "chef-chopsky-production.vercel.app";
  token = "vercel-fake-token-0123456789";
  /** What a wrong token gets: Vercel answers 403 `forbidden` (`invalidToken`); 401 is kept for tests of both. */
  wrongTokenStatus: 401 | 403 = 403;
  /** When set, the project belongs to this team and every call must carry its `teamId` or its `slug`. */
  teamId?: string;
  teamSlug = "chef-team";
  readonly deployments: FakeVercelDeployment[] = [];
  readonly rollbacks: FakeRollback[] = [];
  /** Projects and their environment variables (tests/fakes/vercel-projects.ts), behind the same token check. */
  readonly projects = new VercelProjects(() => ({ teamId: this.teamId, teamSlug: this.teamSlug }));
  /** The project's environment variables, as the next deployment will get them. */
  projectEnv: Record<string, string> = {};
  /** How the next deployment the API creates ends. */
  nextOutcome: "READY" | "ERROR" = "READY";
  /** The deployment last put on the production domain by a rollback or a promote, and when. */
  private servedInProduction?: string;
  private servedAt = 0;
  /** False after an Instant Rollback: new production deployments stay off the domain until a promote. */
  autoAssignProduction = true;
  private seq = 0;

  /** Adds a deployment created `minutesAgo` minutes ago. */
  add(uid: string, minutesAgo: number, extra: Partial<FakeVercelDeployment> = {}): this {
    this.deployments.push({
      uid,
      name: this.projectName,
      projectId: this.projectId,
      created: Date.now() - minutesAgo * 60_000,
      state: "READY",
      target: "production",
      url: `chef-chopsky-${uid.replace(/^dpl_/, "").toLowerCase()}.vercel.app`,
      meta: { githubCommitSha: "c0ffee".padEnd(40, "0") },
      env: { ...this.projectEnv },
      ...extra,
    });
    return this;
  }

  /** The state a deployment shows now, without advancing it. */
  stateOf(d: FakeVercelDeployment): State {
    return d.script ? d.script[Math.min(d.script.length - 1, d.polls ?? 0)] : d.state;
  }

  /**
   * The deployment the production domain serves now: the newest READY production deployment, unless a rollback or
   * a promote put another one there; after a promote, a newer deployment takes over again, after a rollback not.
   */
  production(): FakeVercelDeployment | undefined {
    const served = this.deployments.find((d) => d.uid === this.servedInProduction);
    if (!served) return this.newest((d) => d.target === "production");
    if (!this.autoAssignProduction) return served;
    return this.newest((d) => d.target === "production" && d.created > this.servedAt) ?? served;
  }

  /** The deployment a branch alias (`chef-chopsky-git-<branch>.vercel.app`) serves: its newest READY preview. */
  branch(name: string): FakeVercelDeployment | undefined {
    return this.newest((d) => d.target === null && d.meta?.githubCommitRef === name);
  }

  /** The deployment a host serves: a deployment's own host, the production domain, or a branch alias. */
  resolve(host: string): FakeVercelDeployment | undefined {
    if (host === this.productionHost) return this.production();
    const branch = /^chef-chopsky-git-([a-z0-9-]+)\.vercel\.app$/.exec(host)?.[1];
    return this.deployments.find((d) => d.url === host) ?? (branch ? this.branch(branch) : undefined);
  }

  private newest(match: (d: FakeVercelDeployment) => boolean): FakeVercelDeployment | undefined {
    return this.deployments
      .filter((d) => match(d) && this.stateOf(d) === "READY")
      .sort((a, b) => b.created - a.created)[0];
  }

  /** The list endpoint's view of a deployment (the fake's own fields left out). */
  private view(d: FakeVercelDeployment) {
    const { script: _s, polls: _p, env: _e, ...rest } = d;
    return { ...rest, id: d.uid, state: this.stateOf(d), readyState: this.stateOf(d) };
  }

  protected describe(req: http.IncomingMessage): { operation: string; write: boolean } {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const route = ROUTES.find(([method, pattern]) => method === req.method && pattern.test(path));
    if (route) return { operation: route[2], write: req.method !== "GET" };
    const project = projectRoute(req.method ?? "GET", path);
    if (project) return { operation: project.operation, write: project.write };
    return { operation: `${req.method ?? "GET"} ${path}`, write: req.method !== "GET" };
  }

  protected handle(req: http.IncomingMessage, body: string, operation: string): FakeReply {
    const url = new URL(req.url ?? "/", "http://fake");
    const parts = url.pathname.split("/").map(decodeURIComponent);
    if (operation === "site") {
      const d = this.resolve(parts[2]);
      return d && this.stateOf(d) === "READY"
        ? { status: 200, body: "<html>chef chopsky</html>" }
        : error(404, "DEPLOYMENT_NOT_FOUND", "");
    }
    const auth = req.headers.authorization;
    if (!auth) return error(401, "unauthorized", "The request is missing an authentication token");
    if (auth !== `Bearer ${this.token}`)
      return this.wrongTokenStatus === 403
        ? json(403, { error: { code: "forbidden", message: "Not authorized", invalidToken: true } })
        : error(401, "unauthorized", "Invalid token");
    const teamId = url.searchParams.get("teamId");
    const slug = url.searchParams.get("slug");
    const visible = (projectId: string | null | undefined) =>
      projectId === this.projectId &&
      (this.teamId === undefined || teamId === this.teamId || (slug !== null && slug === this.teamSlug));
    const project = projectRoute(req.method ?? "GET", url.pathname);
    if (project && project.operation === operation)
      return this.projects.handle(req.method ?? "GET", url, body, project);
    const notFound = () => error(404, "not_found", "Deployment not found");
    switch (operation) {
      case "listDeployments": {
        const projectId = url.searchParams.get("projectId");
        if (!visible(projectId)) return error(404, "not_found", "Project not found");
        const target = url.searchParams.get("target");
        const state = url.searchParams.get("state");
        const list = this.deployments
          .filter((d) => d.projectId === projectId)
          .filter((d) => (target ? (d.target ?? "preview") === target : true))
          .filter((d) => (state ? this.stateOf(d) === state : true))
          .filter((d) => matchesGitQuery(d, url.searchParams))
          .sort((a, b) => b.created - a.created)
          .slice(0, Number(url.searchParams.get("limit") ?? "20"));
        const deployments = list.map((d) => this.view(d));
        return json(200, { deployments, pagination: { count: list.length, next: null, prev: null } });
      }
      case "getDeployment": {
        const byId = this.deployments.find((d) => d.uid === parts[3]);
        const d = byId ?? this.resolve(parts[3]);
        if (!d || !visible(d.projectId)) return notFound();
        const shown = this.view(d);
        if (byId && d.script) d.polls = (d.polls ?? 0) + 1; // the next poll shows the next state
        return json(200, shown);
      }
      case "createDeployment":
        return this.createDeployment(body, visible);
      case "rollback":
      case "promote": {
        const [projectId, deploymentId] = [parts[3], parts[5]];
        if (!visible(projectId)) return error(404, "not_found", "Project not found");
        const d = this.deployments.find((x) => x.uid === deploymentId && x.projectId === projectId);
        if (!d) return notFound();
        if (this.stateOf(d) !== "READY" || d.target !== "production")
          return error(400, "invalid_deployment", "Only READY production deployments can be served in production");
        if (operation === "rollback")
          this.rollbacks.push({
            projectId,
            deploymentId,
            teamId: teamId ?? slug,
            description: url.searchParams.get("description"),
          });
        this.servedInProduction = d.uid;
        this.servedAt = Date.now() + this.seq;
        this.autoAssignProduction = operation === "promote";
        return { status: 201, body: operation === "promote" ? "{}" : "" };
      }
      default:
        return error(404, "not_found", `no route ${operation}`);
    }
  }

  /** A redeploy: the source deployment's git metadata and target, the project's variables as they are now. */
  private createDeployment(body: string, visible: (projectId?: string) => boolean): FakeReply {
    let input: { name?: unknown; deploymentId?: unknown; target?: unknown; meta?: Record<string, string> };
    try {
      input = JSON.parse(body) as typeof input;
    } catch {
      return error(400, "bad_request", "Invalid JSON");
    }
    if (typeof input.name !== "string") return error(400, "bad_request", "`name` is required");
    const from = this.deployments.find((d) => d.uid === input.deploymentId);
    if (!from || !visible(from.projectId)) return error(404, "not_found", "Deployment not found");
    if (input.target !== undefined && input.target !== "production")
      return error(400, "bad_request", "`target` must be production or omitted (preview)");
    const uid = `dpl_redeploy${String(++this.seq).padStart(4, "0")}`;
    this.add(uid, 0, {
      name: input.name,
      created: Date.now() + this.seq, // strictly newer than anything before
      target: input.target === "production" ? "production" : null,
      meta: { ...from.meta, ...input.meta },
      script: this.nextOutcome === "READY" ? ["QUEUED", "BUILDING", "READY"] : ["QUEUED", "BUILDING", "ERROR"],
      polls: 0,
      state: "QUEUED",
    });
    const created = this.deployments.at(-1)!;
    return json(200, this.view(created));
  }
}
