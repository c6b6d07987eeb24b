/**
 * The Vercel REST API's project and environment-variable endpoints, as a module the {@link VercelFake} mounts
 * (tests/fakes/vercel.ts checks the token first, then hands these paths here). Paths, bodies and answers follow
 * Vercel's REST API reference (vercel.com/docs/rest-api/projects/…) and the calls the Terraform provider that
 * `@pulumiverse/vercel` bridges makes (vercel/terraform-provider-vercel, client/project.go and
 * client/environment_variable.go); the version segment (`/v9/`, `/v10/`, …) is accepted whatever it is, as clients
 * of different ages use different ones:
 *
 * | call | path |
 * |---|---|
 * | createProject | `POST /v11/projects` → 200 the project; 409 `conflict` for a name already used in the account |
 * | getProject | `GET /v9/projects/{idOrName}` |
 * | updateProject | `PATCH /v9/projects/{idOrName}` (name, framework, rootDirectory) |
 * | deleteProject | `DELETE /v9/projects/{idOrName}` → 204, its variables with it |
 * | setProductionBranch | `PATCH /v9/projects/{idOrName}/branch` `{"branch"}` (client/project.go, UpdateProductionBranch) |
 * | linkRepository / unlinkRepository | `POST` / `DELETE /v9/projects/{idOrName}/link` (client/project.go) |
 * | createEnv | `POST /v10/projects/{idOrName}/env[?upsert=true]` → 201 `{"created":{…},"failed":[]}`; 403 `ENV_ALREADY_EXISTS` |
 * | listEnv | `GET /v10/projects/{idOrName}/env[?gitBranch=…&decrypt=true]` → `{"envs":[…]}` |
 * | getEnv | `GET /v1/projects/{idOrName}/env/{id}` → the variable, decrypted ("Retrieve the decrypted value") |
 * | editEnv | `PATCH /v9/projects/{idOrName}/env/{id}` |
 * | deleteEnv | `DELETE /v9/projects/{idOrName}/env/{id}` |
 *
 * A `sensitive` value is never in any answer: Vercel's docs, "Sensitive environment variables": "their values are
 * non-readable once created". An `encrypted` one is ciphertext in the list unless `decrypt=true`, plaintext from
 * getEnv; a `plain` one is always readable. Calls carry `teamId` or `slug` to act in the team's account, else they
 * act in the personal one (a team project is then 404, as in the API).
 */
import { randomBytes } from "node:crypto";
import type { FakeReply } from "./server";
import {
  type EnvInput,
  type EnvSelector,
  type StoredEnv,
  type StoredProject,
  repository,
  VercelApiError,
  VercelProjectStore,
} from "./vercel-project-store";

export { type EnvSelector, type StoredEnv, type StoredProject, VercelApiError } from "./vercel-project-store";

/** The account the calls act in, from the fake's team settings. */
export interface FakeAccount {
  teamId?: string;
  teamSlug: string;
}

export const PERSONAL_ACCOUNT = "user_chefchopskyfake01";

type Route = { operation: string; write: boolean; project?: string; env?: string; branch?: true; link?: true };

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

const json = (status: number, body: unknown): FakeReply => ({ status, body: JSON.stringify(body) });

/** The project endpoints with their store; inspection and hand-edit helpers for tests. */
export class VercelProjects {
  readonly store = new VercelProjectStore();

  constructor(private readonly account: () => FakeAccount) {}

  /** Answers a call that {@link route} named; errors as Vercel does: `{"error":{"code","message",…}}`. */
  handle(method: string, url: URL, body: string, r: Route): FakeReply {
    try {
      return this.answer(method, url, body, r);
    } catch (err) {
      if (!(err instanceof VercelApiError)) throw err;
      return json(err.status, { error: { code: err.code, message: err.message, ...err.extra } });
    }
  }

  private answer(method: string, url: URL, raw: string, r: Route): FakeReply {
    const accountId = this.callAccount(url);
    const body = parse(raw);
    if (r.operation === "createProject") return json(200, projectView(this.store.createProject(body, accountId)));
    const project = this.store.find(r.project ?? "", accountId);
    const s = this.store;
    switch (r.operation) {
      case "getProject":
        return json(200, projectView(project));
      case "updateProject":
        return json(200, projectView(s.updateProject(project, body)));
      case "deleteProject":
        s.deleteProject(project);
        return { status: 204, body: "" };
      case "setProductionBranch":
        if (!project.link) throw new VercelApiError(400, "bad_request", "The project is not connected to a repository");
        if (typeof body.branch !== "string" || body.branch === "")
          throw new VercelApiError(400, "bad_request", "Invalid request: `branch` should be string");
        project.link.productionBranch = body.branch;
        project.updatedAt = Date.now();
        return json(200, projectView(project));
      case "linkRepository":
        project.link = { ...repository(body), productionBranch: "main" };
        project.updatedAt = Date.now();
        return json(200, projectView(project));
      case "unlinkRepository":
        project.link = null;
        return json(200, projectView(project));
      case "createEnv": {
        if (Array.isArray(body))
          throw new VercelApiError(400, "bad_request", "this fake creates one variable per call, not a list");
        const created = s.createEnv(project, body as EnvInput, url.searchParams.get("upsert") === "true");
        return json(201, { created: envView(created, "created"), failed: [] });
      }
      case "listEnv": {
        const branch = url.searchParams.get("gitBranch");
        const decrypt = url.searchParams.get("decrypt") === "true";
        const envs = s
          .envsOf(project)
          .filter((e) => branch === null || e.gitBranch === undefined || e.gitBranch === branch);
        return json(200, { envs: envs.map((e) => envView(e, decrypt ? "decrypted" : "list")) });
      }
      case "getEnv":
        return json(200, envView(s.env(project, r.env ?? ""), "decrypted"));
      case "editEnv":
        return json(200, envView(s.editEnv(project, s.env(project, r.env ?? ""), body as EnvInput), "decrypted"));
      case "deleteEnv": {
        const env = s.env(project, r.env ?? "");
        s.deleteEnv(env);
        return json(200, envView(env, "created"));
      }
    }
    throw new VercelApiError(404, "not_found", `no route ${method} ${url.pathname}`);
  }

  /** The account a call acts in: the team when it names it (`teamId` or `slug`), else the personal account. */
  private callAccount(url: URL): string {
    const teamId = url.searchParams.get("teamId");
    const slug = url.searchParams.get("slug");
    if (teamId === null && slug === null) return PERSONAL_ACCOUNT;
    const { teamId: team, teamSlug } = this.account();
    if (team !== undefined && (teamId === team || (teamId === null && slug === teamSlug))) return team;
    throw new VercelApiError(403, "forbidden", "Not authorized");
  }

  // ---- inspection (what landed where, with stored values, sensitive ones included) ----

  /** Every project, copied. */
  projects(): StoredProject[] {
    return [...this.store.projects.values()].map((p) => structuredClone(p));
  }

  /** The project with this id or name, in any account. */
  project(idOrName: string): StoredProject | undefined {
    const p = [...this.store.projects.values()].find((x) => x.id === idOrName || x.name === idOrName);
    return p && structuredClone(p);
  }

  /** The variables of a project, with their stored plaintext values (what a build would see). */
  variables(projectIdOrName: string): StoredEnv[] {
    return this.store.envsOf(this.own(projectIdOrName)).map((e) => structuredClone(e));
  }

  /** The stored value of the variable `key` for `target` (and `gitBranch`), or undefined. */
  valueOf(projectIdOrName: string, key: string, target: StoredEnv["target"][number], gitBranch?: string) {
    try {
      return this.store.env(this.own(projectIdOrName), { key, target, gitBranch }).value;
    } catch {
      return undefined;
    }
  }

  // ---- hand edits (drift, as made in the dashboard; the same rules apply) ----

  /** Adds a project by hand (e.g. to make a name already taken). */
  addProject(body: { name: string; framework?: string; rootDirectory?: string; gitRepository?: object }) {
    return structuredClone(this.store.createProject(body, this.account().teamId ?? PERSONAL_ACCOUNT));
  }

  /** Adds a variable by hand (`type` defaults to `encrypted`). */
  addVariable(projectIdOrName: string, input: EnvInput): StoredEnv {
    return structuredClone(this.store.createEnv(this.own(projectIdOrName), { type: "encrypted", ...input }));
  }

  /** Edits a variable's value, targets, branch (`null` clears it), type or comment. */
  editVariable(projectIdOrName: string, selector: EnvSelector, patch: EnvInput): StoredEnv {
    const p = this.own(projectIdOrName);
    return structuredClone(this.store.editEnv(p, this.store.env(p, selector), patch));
  }

  deleteVariable(projectIdOrName: string, selector: EnvSelector): void {
    const p = this.own(projectIdOrName);
    this.store.deleteEnv(this.store.env(p, selector));
  }

  /** Edits project settings (name, framework, rootDirectory) and/or the production branch. */
  editProject(
    idOrName: string,
    patch: { name?: string; framework?: string | null; rootDirectory?: string | null; productionBranch?: string },
  ) {
    const p = this.own(idOrName);
    const { productionBranch, ...settings } = patch;
    this.store.updateProject(p, settings);
    if (productionBranch !== undefined) {
      if (!p.link) throw new Error(`project ${p.name} has no repository`);
      p.link.productionBranch = productionBranch;
    }
    return structuredClone(p);
  }

  deleteProject(idOrName: string): void {
    this.store.deleteProject(this.own(idOrName));
  }

  private own(idOrName: string): StoredProject {
    const p = [...this.store.projects.values()].find((x) => x.id === idOrName || x.name === idOrName);
    if (!p) throw new Error(`no Vercel project ${idOrName} in the fake`);
    return p;
  }
}

function parse(raw: string): Record<string, unknown> {
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw new VercelApiError(400, "bad_request", "Invalid JSON body");
  }
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
