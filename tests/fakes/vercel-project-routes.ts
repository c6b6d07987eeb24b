/**
 * The paths of the Vercel projects fake (see the table in vercel-projects.ts) and the shapes its answers take: a
 * project with its repository as `link`, a variable with its value shown or not by type and endpoint.
 */
import { randomBytes } from "node:crypto";
import type { StoredEnv, StoredProject } from "./vercel-project-rules";

export type Route = { operation: string; write: boolean; project?: string; env?: string; branch?: true; link?: true };

/** Names a request of this module, or `undefined` when the path is not one of its endpoints. */
export function route(method: string, path: string): Route | undefined {
  const m = /^\/v\d+\/projects(?:\/([^/]+)(?:\/(env|branch|link)(?:\/([^/]+))?)?)?$/.exec(path);
  if (!m) return undefined;
  const [, project, sub, env] = m.map((s) => (s === undefined ? s : decodeURIComponent(s)));
  const write = method !== "GET";
  if (!project) return method === "POST" ? { operation: "createProject", write } : undefined;
  if (!sub) {
    const op = { GET: "getProject", PATCH: "updateProject", DELETE: "deleteProject" }[method];
    return op ? { operation: op, write, project } : undefined;
  }
  if (sub === "branch" && !env && method === "PATCH")
    return { operation: "setProductionBranch", write, project, branch: true };
  if (sub === "link" && !env && (method === "POST" || method === "DELETE"))
    return { operation: method === "POST" ? "linkRepository" : "unlinkRepository", write, project, link: true };
  if (sub !== "env") return undefined;
  if (!env)
    return method === "POST" || method === "GET"
      ? { operation: `${method === "POST" ? "create" : "list"}Env`, write, project }
      : undefined;
  const op = { GET: "getEnv", PATCH: "editEnv", DELETE: "deleteEnv" }[method];
  return op ? { operation: op, write, project, env } : undefined;
}

/** A project as the API answers: the repository as `link` with `org` and `repo` apart (client/project.go). */
export function projectView(p: StoredProject): Record<string, unknown> {
  const [org, repo] = p.link ? p.link.repo.split("/") : [];
  return {
    id: p.id,
    name: p.name,
    accountId: p.accountId,
    framework: p.framework,
    rootDirectory: p.rootDirectory,
    nodeVersion: "22.x",
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    ...(p.link
      ? { link: { type: p.link.type, org, repo, productionBranch: p.link.productionBranch, deployHooks: [] } }
      : {}),
  };
}

/** A variable as the API answers; the value by type and by endpoint, never for a sensitive one. */
export function envView(e: StoredEnv, mode: "list" | "decrypted" | "created"): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: e.id,
    key: e.key,
    type: e.type,
    target: [...e.target],
    ...(e.gitBranch ? { gitBranch: e.gitBranch } : {}),
    ...(e.comment ? { comment: e.comment } : {}),
    configurationId: null,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
  if (e.type === "plain") view.value = e.value;
  else if (e.type === "encrypted") {
    view.value = mode === "decrypted" ? e.value : cipher();
    view.decrypted = mode === "decrypted";
  }
  return view;
}

/** Stands for Vercel's ciphertext: opaque, and derived from nothing (no digest of the value leaves the fake). */
function cipher(): string {
  return randomBytes(32).toString("base64");
}
