/**
 * A fake of the two Vercel REST endpoints the rollback tool calls (API-FACTS.md, "Vercel"):
 * `GET /v6/deployments?projectId=…&target=…&state=…&limit=…[&teamId=…]` → `{"deployments":[…],"pagination":{…}}`,
 * newest first, and `POST /v1/projects/{projectId}/rollback/{deploymentId}[?teamId=…&description=…]` → 201.
 * A wrong token gets 403 `{"error":{"code":"forbidden",…}}` as Vercel answers it, a missing one 401; a project of a
 * team is invisible (404) without its `teamId`. Faults (429, 500, slow, lost) come from the base {@link FakeServer}.
 */
import type * as http from "node:http";
import { type FakeReply, FakeServer } from "./server";
import { route as projectRoute, VercelProjects } from "./vercel-projects";
import { matchesGitQuery } from "./vercel-query";

/** One deployment the fake knows, in the shape of the list endpoint's items. */
export interface FakeVercelDeployment {
  uid: string;
  projectId: string;
  created: number;
  /** When it became READY, milliseconds since the epoch (Vercel's `ready`). */
  ready?: number;
  state: "READY" | "ERROR" | "BUILDING" | "CANCELED";
  target: "production" | null;
  url: string;
  meta?: Record<string, string>;
  isRollbackCandidate?: boolean;
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

/** The fake Vercel API: one project, optionally owned by a team. */
export class VercelFake extends FakeServer {
  readonly projectId = "prj_chefchopsky0001";
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

  /** Adds a deployment created `minutesAgo` minutes ago. */
  add(uid: string, minutesAgo: number, extra: Partial<FakeVercelDeployment> = {}): this {
    this.deployments.push({
      uid,
      projectId: this.projectId,
      created: Date.now() - minutesAgo * 60_000,
      state: "READY",
      target: "production",
      url: `chef-chopsky-${uid.replace(/^dpl_/, "").toLowerCase()}.vercel.app`,
      meta: { githubCommitSha: "c0ffee".padEnd(40, "0") },
      ...extra,
    });
    return this;
  }

  protected describe(req: http.IncomingMessage): { operation: string; write: boolean } {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    if (req.method === "GET" && path === "/v6/deployments") return { operation: "listDeployments", write: false };
    if (req.method === "POST" && /^\/v1\/projects\/[^/]+\/rollback\/[^/]+$/.test(path))
      return { operation: "rollback", write: true };
    const project = projectRoute(req.method ?? "GET", path);
    if (project) return { operation: project.operation, write: project.write };
    return { operation: `${req.method ?? "GET"} ${path}`, write: req.method !== "GET" };
  }

  protected handle(req: http.IncomingMessage, body: string, operation: string): FakeReply {
    const url = new URL(req.url ?? "/", "http://fake");
    const auth = req.headers.authorization;
    if (!auth) return error(401, "unauthorized", "The request is missing an authentication token");
    if (auth !== `Bearer ${this.token}`)
      return this.wrongTokenStatus === 403
        ? json(403, { error: { code: "forbidden", message: "Not authorized", invalidToken: true } })
        : error(401, "unauthorized", "Invalid token");
    const teamId = url.searchParams.get("teamId");
    const slug = url.searchParams.get("slug");
    const visible = (projectId: string | null) =>
      projectId === this.projectId &&
      (this.teamId === undefined || teamId === this.teamId || (slug !== null && slug === this.teamSlug));
    const project = projectRoute(req.method ?? "GET", url.pathname);
    if (project && project.operation === operation)
      return this.projects.handle(req.method ?? "GET", url, body, project);
    if (operation === "listDeployments") {
      const projectId = url.searchParams.get("projectId");
      if (!visible(projectId)) return error(404, "not_found", "Project not found");
      const target = url.searchParams.get("target");
      const state = url.searchParams.get("state");
      const limit = Number(url.searchParams.get("limit") ?? "20");
      const list = this.deployments
        .filter((d) => d.projectId === projectId)
        .filter((d) => (target ? d.target === target : true))
        .filter((d) => (state ? d.state === state : true))
        .filter((d) => matchesGitQuery(d, url.searchParams))
        .sort((a, b) => b.created - a.created)
        .slice(0, limit);
      return json(200, { deployments: list, pagination: { count: list.length, next: null, prev: null } });
    }
    if (operation === "rollback") {
      const [, , , projectId, , deploymentId] = url.pathname.split("/").map(decodeURIComponent);
      if (!visible(projectId)) return error(404, "not_found", "Project not found");
      const deployment = this.deployments.find((d) => d.uid === deploymentId && d.projectId === projectId);
      if (!deployment) return error(404, "not_found", "Deployment not found");
      if (deployment.state !== "READY" || deployment.target !== "production")
        return error(400, "invalid_deployment", "Only READY production deployments can be rolled back to");
      this.rollbacks.push({
        projectId,
        deploymentId,
        teamId: teamId ?? slug,
        description: url.searchParams.get("description"),
      });
      return { status: 201, body: "" };
    }
    return error(404, "not_found", `no route ${operation}`);
  }
}
