/**
 * The state behind the Vercel projects fake (tests/fakes/vercel-projects.ts): projects and their environment
 * variables, the rules Vercel enforces on them, the shapes its REST API answers with, and the helpers a test uses to
 * look inside (which value landed where) or to make drift by hand, as someone in the dashboard would.
 *
 * Rules, as Vercel has them (sources in the comments where each is enforced):
 * - a project name is unique in its account (personal or team): a second one is 409 `conflict`;
 * - one variable per key per target and per git branch: a second one is 403 `ENV_ALREADY_EXISTS`;
 * - a `sensitive` variable's value is never returned by any read, decrypted or not.
 */
import { randomBytes } from "node:crypto";

export type EnvType = "sensitive" | "encrypted" | "plain";
export type EnvTarget = "production" | "preview" | "development";
const TARGETS: readonly string[] = ["production", "preview", "development"];
const TYPES: readonly string[] = ["sensitive", "encrypted", "plain"];

/** A project as the fake stores it. */
export interface StoredProject {
  id: string;
  name: string;
  /** The personal account (`user_…`) or the team (`team_…`) that owns it. */
  accountId: string;
  framework: string | null;
  rootDirectory: string | null;
  /** The connected repository, `repo` as `owner/name`. */
  link: { type: string; repo: string; productionBranch: string } | null;
  createdAt: number;
  updatedAt: number;
}

/** An environment variable as the fake stores it: `value` is the plaintext, whatever its type. */
export interface StoredEnv {
  id: string;
  projectId: string;
  key: string;
  value: string;
  type: EnvType;
  target: EnvTarget[];
  gitBranch?: string;
  comment?: string;
  createdAt: number;
  updatedAt: number;
}

/** An error the API answers with: `{"error":{"code","message",…extra}}` and its status. */
export class VercelApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** What creates or edits a variable (API body or hand edit). */
export interface EnvInput {
  key?: unknown;
  value?: unknown;
  type?: unknown;
  target?: unknown;
  gitBranch?: unknown;
  comment?: unknown;
}

/** Picks a variable: by id, or by key + one of its targets (+ git branch; absent means "no branch"). */
export type EnvSelector = string | { key: string; target: EnvTarget; gitBranch?: string };

const newId = (prefix: string) => `${prefix}${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
const bad = (message: string) => new VercelApiError(400, "bad_request", message);
const notFound = (what: string) => new VercelApiError(404, "not_found", `${what} not found`);

// Vercel: "Project names can be up to 100 characters long and must be lowercase. They can include letters, digits,
// and the following characters: '.', '_', '-'. However, they cannot contain the sequence '---'."
// (vercel.com/docs/projects/overview, "Project name"; the same rule as config.ts's vercelProjectName).
const PROJECT_NAME = /^[a-z0-9._-]{1,100}$/;

/** Projects and variables, with Vercel's rules. One instance per fake. */
export class VercelProjectStore {
  readonly projects = new Map<string, StoredProject>();
  readonly envs: StoredEnv[] = [];

  /** The project `idOrName` in `accountId` (both are accepted in API paths), or a 404. */
  find(idOrName: string, accountId: string): StoredProject {
    for (const p of this.projects.values())
      if ((p.id === idOrName || p.name === idOrName) && p.accountId === accountId) return p;
    throw notFound("Project");
  }

  createProject(body: Record<string, unknown>, accountId: string): StoredProject {
    const name = body.name;
    if (typeof name !== "string" || !PROJECT_NAME.test(name) || name.includes("---"))
      throw bad(`Invalid request: \`name\` must be a lowercase project name (got ${JSON.stringify(name)})`);
    this.assertNameFree(name, accountId);
    const now = Date.now();
    const project: StoredProject = {
      id: newId("prj_"),
      name,
      accountId,
      framework: optionalString(body.framework, "framework") ?? null,
      rootDirectory: optionalString(body.rootDirectory, "rootDirectory") ?? null,
      link: null,
      createdAt: now,
      updatedAt: now,
    };
    if (body.gitRepository !== undefined)
      project.link = { ...repository(body.gitRepository), productionBranch: "main" };
    this.projects.set(project.id, project);
    return project;
  }

  /** `PATCH /v9/projects/{idOrName}`: only the fields present change; `null` clears a setting. */
  updateProject(project: StoredProject, body: Record<string, unknown>): StoredProject {
    if (body.name !== undefined && body.name !== project.name) {
      if (typeof body.name !== "string" || !PROJECT_NAME.test(body.name)) throw bad("Invalid request: `name`");
      this.assertNameFree(body.name, project.accountId);
      project.name = body.name;
    }
    if (body.framework !== undefined) project.framework = optionalString(body.framework, "framework") ?? null;
    if (body.rootDirectory !== undefined)
      project.rootDirectory = optionalString(body.rootDirectory, "rootDirectory") ?? null;
    project.updatedAt = Date.now();
    return project;
  }

  deleteProject(project: StoredProject): void {
    this.projects.delete(project.id);
    for (let i = this.envs.length - 1; i >= 0; i--) if (this.envs[i].projectId === project.id) this.envs.splice(i, 1);
  }

  /** Creates a variable, or with `upsert` updates the one it collides with. */
  createEnv(project: StoredProject, input: EnvInput, upsert = false): StoredEnv {
    const v = validEnv(input);
    const clash = this.conflict(project.id, v.key, v.target, v.gitBranch);
    if (clash && upsert) return this.editEnv(project, clash, { value: v.value, type: v.type, comment: v.comment });
    if (clash) throw alreadyExists(clash, v.target);
    const now = Date.now();
    const env: StoredEnv = { id: newId(""), projectId: project.id, ...v, createdAt: now, updatedAt: now };
    this.envs.push(env);
    return env;
  }

  /** `PATCH …/env/{id}`: absent fields keep their value; the result must not collide with another variable. */
  editEnv(project: StoredProject, env: StoredEnv, patch: EnvInput): StoredEnv {
    const merged = validEnv({
      key: patch.key ?? env.key,
      value: patch.value ?? env.value,
      type: patch.type ?? env.type,
      target: patch.target ?? env.target,
      gitBranch: patch.gitBranch === undefined ? env.gitBranch : (patch.gitBranch ?? undefined),
      comment: patch.comment ?? env.comment,
    });
    const clash = this.conflict(project.id, merged.key, merged.target, merged.gitBranch, env.id);
    if (clash) throw alreadyExists(clash, merged.target);
    Object.assign(env, merged, { gitBranch: merged.gitBranch, updatedAt: Date.now() });
    if (merged.gitBranch === undefined) delete env.gitBranch;
    return env;
  }

  deleteEnv(env: StoredEnv): void {
    this.envs.splice(this.envs.indexOf(env), 1);
  }

  envsOf(project: StoredProject): StoredEnv[] {
    return this.envs.filter((e) => e.projectId === project.id);
  }

  /** The variable `selector` of `project`, or a 404. */
  env(project: StoredProject, selector: EnvSelector): StoredEnv {
    const found = this.envsOf(project).find((e) =>
      typeof selector === "string"
        ? e.id === selector
        : e.key === selector.key && e.target.includes(selector.target) && e.gitBranch === selector.gitBranch,
    );
    if (!found) throw notFound("Environment Variable");
    return found;
  }

  private assertNameFree(name: string, accountId: string): void {
    // A second project with the same name answers 409 `conflict` with this message (as `vercel project add` and the
    // dashboard report it): `Project "NAME" already exists, please use a new name.`
    for (const p of this.projects.values())
      if (p.name === name && p.accountId === accountId)
        throw new VercelApiError(409, "conflict", `Project "${name}" already exists, please use a new name.`);
  }

  /**
   * The variable that `key` on `target` (and `gitBranch`) would collide with: same key, an overlapping target, and
   * the same git branch (no branch and a named branch are different slots). The Terraform provider's client finds
   * the conflicting variable by exactly this test (vercel/terraform-provider-vercel, client/environment_variable.go,
   * `findConflictingEnvID`: key equal, gitBranch equal, targets overlapping).
   */
  private conflict(
    projectId: string,
    key: string,
    target: EnvTarget[],
    gitBranch: string | undefined,
    except?: string,
  ): StoredEnv | undefined {
    return this.envs.find(
      (e) =>
        e.projectId === projectId &&
        e.id !== except &&
        e.key === key &&
        e.gitBranch === gitBranch &&
        e.target.some((t) => target.includes(t)),
    );
  }
}

/**
 * 403 `ENV_ALREADY_EXISTS`: the status and code the Terraform provider's client recognises as a conflict
 * (client/error.go, `conflictingEnvVar`: `StatusCode == 403 && Code == "ENV_ALREADY_EXISTS"`), with the fields it
 * reads (`key`, `target`, `gitBranch`) and the `envVarId` of the variable in the way.
 */
function alreadyExists(clash: StoredEnv, target: EnvTarget[]): VercelApiError {
  const overlap = clash.target.filter((t) => target.includes(t));
  const branch = clash.gitBranch ? ` and branch "${clash.gitBranch}"` : "";
  return new VercelApiError(
    403,
    "ENV_ALREADY_EXISTS",
    `A variable with the name \`${clash.key}\` already exists for the target ${overlap.join(", ")}${branch}`,
    {
      key: clash.key,
      envVarKey: clash.key,
      envVarId: clash.id,
      target: overlap,
      ...(clash.gitBranch ? { gitBranch: clash.gitBranch } : {}),
    },
  );
}

function optionalString(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") throw bad(`Invalid request: \`${field}\` should be string`);
  return v;
}

/** A `gitRepository` body (`{type, repo}`), checked. */
export function repository(v: unknown): { type: string; repo: string } {
  const r = (v ?? {}) as Record<string, unknown>;
  if (!["github", "gitlab", "bitbucket"].includes(r.type as string))
    throw bad("Invalid request: `gitRepository.type` must be one of github, gitlab, bitbucket");
  if (typeof r.repo !== "string" || !/^[^/\s]+\/[^/\s]+$/.test(r.repo))
    throw bad("Invalid request: `gitRepository.repo` must be `owner/name`");
  return { type: r.type as string, repo: r.repo };
}

/**
 * The checks of `POST /v10/projects/{idOrName}/env` (vercel.com/docs/rest-api/projects/
 * create-one-or-more-environment-variables): `key`, `value`, `type` and `target` are required; `gitBranch` only with
 * the target `preview`; a `sensitive` variable cannot target `development` (the provider's docs for `sensitive`:
 * "Variables targeting only `development` must set this to `false`").
 */
function validEnv(input: EnvInput): Omit<StoredEnv, "id" | "projectId" | "createdAt" | "updatedAt"> {
  const { key, value, type, target, gitBranch, comment } = input;
  if (typeof key !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
    throw bad("Invalid request: `key` must be letters, digits and underscores, not starting with a digit");
  if (typeof value !== "string") throw bad(`Invalid request: \`value\` of ${key} should be string`);
  if (typeof type !== "string" || !TYPES.includes(type))
    throw bad(`Invalid request: \`type\` of ${key} must be one of ${TYPES.join(", ")}`);
  if (!Array.isArray(target) || target.length === 0 || target.some((t) => !TARGETS.includes(t as string)))
    throw bad(`Invalid request: \`target\` of ${key} must be a non-empty list of ${TARGETS.join(", ")}`);
  const targets = [...new Set(target as EnvTarget[])];
  const branch = optionalString(gitBranch, "gitBranch");
  if (branch !== undefined && (targets.length !== 1 || targets[0] !== "preview"))
    throw bad(`Invalid request: \`gitBranch\` of ${key} is only allowed with the target preview`);
  if (type === "sensitive" && targets.includes("development"))
    throw bad(`Invalid request: sensitive variable ${key} cannot target development`);
  const note = optionalString(comment, "comment");
  if (note !== undefined && note.length > 500) throw bad(`Invalid request: \`comment\` of ${key} is too long`);
  return { key, value, type: type as EnvType, target: targets, gitBranch: branch, comment: note };
}
