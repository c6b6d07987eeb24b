/**
 * The state behind the Vercel projects fake (tests/fakes/vercel-projects.ts): projects and their environment
 * variables, changed only under the rules Vercel enforces (the checks themselves are in vercel-project-rules.ts).
 *
 * Rules, as Vercel has them (sources in the comments where each is enforced):
 * - a project name is unique in its account (personal or team): a second one is 409 `conflict`;
 * - one variable per key per target and per git branch: a second one is 403 `ENV_ALREADY_EXISTS`;
 * - a `sensitive` variable's value is never returned by any read, decrypted or not.
 */
import { randomBytes } from "node:crypto";
import {
  alreadyExists,
  type EnvInput,
  type EnvSelector,
  type EnvTarget,
  optionalString,
  repository,
  type StoredEnv,
  type StoredProject,
  validEnv,
  VercelApiError,
} from "./vercel-project-rules";

export * from "./vercel-project-rules";

const newId = (prefix: string) => `${prefix}${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
const bad = (message: string) => new VercelApiError(400, "bad_request", message);
const notFound = (what: string) => new VercelApiError(404, "not_found", `${what} not found`);

// A project name: lowercase letters, digits, '.', '_' and '-', up to 100 characters: the rule config.ts checks for
// vercelProjectName; the Terraform provider's validator (vercel/resource_project.go, `name`) allows a subset of it.
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
    if (typeof name !== "string" || !PROJECT_NAME.test(name))
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
