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
 * | listEnv | `GET /v10/projects/{idOrName}/env[?gitBranch=…]` → `{"envs":[…]}` |
 * | getEnv | `GET /v1/projects/{idOrName}/env/{id}` → the variable, decrypted ("Retrieve the decrypted value") |
 * | editEnv | `PATCH /v9/projects/{idOrName}/env/{id}` |
 * | deleteEnv | `DELETE /v9/projects/{idOrName}/env/{id}` |
 *
 * A `sensitive` value is never in any answer: Vercel's docs, "Sensitive environment variables" (vercel.com/docs/
 * projects/environment-variables/sensitive-environment-variables): "environment variables whose values are
 * non-readable once created". An `encrypted` one is ciphertext in the list (even with `decrypt=true`: vercel/sdk
 * issue #118, where Vercel's support points to the read by id instead) and plaintext from getEnv; a `plain` one is
 * always readable. Calls carry `teamId` or `slug` to act in the team's account, else they
 * act in the personal one (a team project is then 404, as in the API).
 */
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

import { envView, projectView, type Route } from "./vercel-project-routes";

export { type EnvSelector, type StoredEnv, type StoredProject, VercelApiError } from "./vercel-project-store";
export { route } from "./vercel-project-routes";

/** The account the calls act in, from the fake's team settings. */
export interface FakeAccount {
  teamId?: string;
  teamSlug: string;
}

export const PERSONAL_ACCOUNT = "user_chefchopskyfake01";

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
        const envs = s
          .envsOf(project)
          .filter((e) => branch === null || e.gitBranch === undefined || e.gitBranch === branch);
        return json(200, { envs: envs.map((e) => envView(e, "list")) });
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
