/**
 * The handlers of the GitHub fake's write endpoints and their checks (environments, branch policies, secrets).
 * Status codes and bodies follow GitHub's REST description (github/rest-api-description,
 * api.github.com.2022-11-28.yaml) where it documents them; tests/fakes/github.ts lists which provider function
 * calls which endpoint.
 */
import {
  BASE64,
  DEFAULT_SETTINGS,
  branchPatternProblem,
  environmentJson,
  error,
  invalidRequest,
  json,
  later,
  notFound,
  parseObject,
  secretNameProblem,
  validationFailed,
  type EnvironmentSettings,
  type StoredEnvironment,
  type StoredRepository,
} from "./github-model";
import { openSealedBox } from "./github-sealed-box";
import type { FakeReply } from "./server";

/** What the handlers need from the fake. */
export interface GitHubApi {
  /** `http://127.0.0.1:PORT`, for the URLs in bodies and the 303 `Location`. */
  origin: string;
  owner: { login: string; id: number; type: "Organization" | "User" };
  viewer: { login: string; id: number };
  now(): Date;
  repoByName(owner: string, name: string): StoredRepository | undefined;
  repoById(id: string): StoredRepository | undefined;
  /** Creates an environment with default settings and a fresh key pair. */
  createEnvironment(repo: StoredRepository, name: string): StoredEnvironment;
  newId(): number;
}

export type Params = Record<string, string>;
export type Handler = (api: GitHubApi, p: Params, body: string) => FakeReply | Promise<FakeReply>;
export const REST = "https://docs.github.com/rest";
export const ENV = "repos/:owner/:repo/environments/:env";
export const SECRETS = "repositories/:repoId/environments/:env/secrets";
/** GitHub's answer to a box that does not open (terraform-provider-github#2315, rollthecloudinc/hedge#256). */
const IMPROPER = "Bad request - validation failed due to an improperly encrypted secret";

export const envOf = (api: GitHubApi, p: Params) => {
  const repo = p.repoId !== undefined ? api.repoById(p.repoId) : api.repoByName(p.owner, p.repo);
  return { repo, env: repo?.environments.get(p.env.toLowerCase()) };
};
export const policyJson = (p: { id: number; name: string; type: string }) => ({ ...p, node_id: `BP_fake${p.id}` });

/** Validates a PUT environment body into the settings it sets (absent fields keep their value). */
function environmentSettings(
  body: Record<string, unknown>,
  current: EnvironmentSettings,
): EnvironmentSettings | string {
  const next = { ...current };
  const wait = body.wait_timer;
  if (wait !== undefined) {
    if (wait !== null && (!Number.isInteger(wait) || (wait as number) < 0 || (wait as number) > 43200))
      return "wait_timer must be an integer between 0 and 43200.";
    next.waitTimer = (wait as number | null) ?? 0;
  }
  for (const [field, key] of [
    ["prevent_self_review", "preventSelfReview"],
    ["can_admins_bypass", "canAdminsBypass"],
  ] as const) {
    if (body[field] === undefined) continue;
    if (typeof body[field] !== "boolean") return `${field} is not a boolean.`;
    next[key] = body[field];
  }
  const reviewers = body.reviewers;
  if (reviewers !== undefined) {
    const list = (reviewers ?? []) as { type?: unknown; id?: unknown }[];
    if (!Array.isArray(list) || list.length > 6) return "reviewers must be an array of at most 6 items.";
    if (list.some((r) => (r.type !== "User" && r.type !== "Team") || !Number.isInteger(r.id)))
      return "reviewers items need a type (User or Team) and an integer id.";
    next.reviewers = list.map((r) => ({ type: r.type as "User" | "Team", id: r.id as number }));
  }
  const policy = body.deployment_branch_policy as Record<string, unknown> | null | undefined;
  if (policy !== undefined) {
    if (policy === null) next.deploymentBranchPolicy = null;
    else if (typeof policy.protected_branches !== "boolean" || typeof policy.custom_branch_policies !== "boolean")
      return "deployment_branch_policy needs protected_branches and custom_branch_policies (booleans).";
    else
      next.deploymentBranchPolicy = {
        protectedBranches: policy.protected_branches,
        customBranchPolicies: policy.custom_branch_policies,
      };
  }
  return next;
}

export const putEnvironment: Handler = (api, p, body) => {
  const doc = `${REST}/deployments/environments#create-or-update-an-environment`;
  const { repo, env } = envOf(api, p);
  if (!repo) return notFound(doc);
  if (p.env.length === 0 || p.env.length > 255) return error(422, `Invalid environment name: ${p.env}`, doc);
  const parsed = parseObject(body);
  if (typeof parsed === "string") return error(400, parsed, doc);
  const settings = environmentSettings(parsed, env ?? DEFAULT_SETTINGS);
  if (typeof settings === "string") return invalidRequest(settings, doc);
  const policy = settings.deploymentBranchPolicy;
  if (policy && policy.protectedBranches === policy.customBranchPolicies)
    // The 422 GitHub documents: "when protected_branches and custom_branch_policies … are set to the same value".
    return error(422, "protected_branches and custom_branch_policies cannot have the same value", doc);
  const target = env ?? api.createEnvironment(repo, p.env);
  Object.assign(target, settings, { updatedAt: env ? later(api.now(), env.updatedAt) : target.updatedAt });
  return json(200, environmentJson(api.origin, api.owner.login, repo, target));
};

export const createBranchPolicy: Handler = (api, p, body) => {
  const doc = `${REST}/deployments/branch-policies#create-a-deployment-branch-policy`;
  const { repo, env } = envOf(api, p);
  // 404 also "when deployment_branch_policy.custom_branch_policies … is set to false" (GitHub's description).
  if (!repo || !env || env.deploymentBranchPolicy?.customBranchPolicies !== true) return notFound(doc);
  const parsed = parseObject(body);
  if (typeof parsed === "string") return error(400, parsed, doc);
  const { name, type = "branch" } = parsed;
  if (typeof name !== "string") return invalidRequest(`"name" wasn't supplied.`, doc);
  if (type !== "branch" && type !== "tag") return invalidRequest(`type must be one of branch, tag.`, doc);
  const problem = branchPatternProblem(name);
  if (problem) return validationFailed("DeploymentBranchPolicy", "name", "invalid", problem, doc);
  const same = env.policies.find((x) => x.name === name && x.type === type);
  if (same) {
    // "303: Response if the same branch name pattern already exists": the client follows it to the policy.
    const location = `${api.origin}/api/v3/repos/${api.owner.login}/${repo.name}/environments/${encodeURIComponent(env.name)}/deployment-branch-policies/${same.id}`;
    return { status: 303, body: "", headers: { location } };
  }
  const created = { id: api.newId(), name, type: type as "branch" | "tag" };
  env.policies.push(created);
  return json(200, policyJson(created));
};

const branchPolicy = (doc: string, then: (env: StoredEnvironment, i: number, body: string) => FakeReply): Handler => {
  return (api, p, body) => {
    const { env } = envOf(api, p);
    const i = env ? env.policies.findIndex((x) => String(x.id) === p.policy) : -1;
    return env && i >= 0 ? then(env, i, body) : notFound(doc);
  };
};

export const getBranchPolicy = branchPolicy(
  `${REST}/deployments/branch-policies#get-a-deployment-branch-policy`,
  (env, i) => json(200, policyJson(env.policies[i])),
);
const UPDATE_POLICY_DOC = `${REST}/deployments/branch-policies#update-a-deployment-branch-policy`;
export const updateBranchPolicy = branchPolicy(UPDATE_POLICY_DOC, (env, i, body) => {
  const parsed = parseObject(body);
  if (typeof parsed === "string") return error(400, parsed, UPDATE_POLICY_DOC);
  if (typeof parsed.name !== "string") return invalidRequest(`"name" wasn't supplied.`, UPDATE_POLICY_DOC);
  const problem = branchPatternProblem(parsed.name);
  if (problem) return validationFailed("DeploymentBranchPolicy", "name", "invalid", problem, UPDATE_POLICY_DOC);
  env.policies[i] = { ...env.policies[i], name: parsed.name };
  return json(200, policyJson(env.policies[i]));
});
export const deleteBranchPolicy = branchPolicy(
  `${REST}/deployments/branch-policies#delete-a-deployment-branch-policy`,
  (env, i) => {
    env.policies.splice(i, 1);
    return { status: 204, body: "" };
  },
);

export const putEnvSecret: Handler = async (api, p, body) => {
  const doc = `${REST}/actions/secrets#create-or-update-an-environment-secret`;
  const { env } = envOf(api, p);
  if (!env) return notFound(doc);
  const nameProblem = secretNameProblem(p.secret);
  if (nameProblem) return validationFailed("Secret", "name", "invalid", nameProblem, doc);
  const parsed = parseObject(body);
  if (typeof parsed === "string") return error(400, parsed, doc);
  for (const field of ["encrypted_value", "key_id"])
    if (typeof parsed[field] !== "string") return invalidRequest(`"${field}" wasn't supplied.`, doc);
  const sealed = parsed.encrypted_value as string;
  // GitHub echoes the value here; the fake does not, so that no value can reach a log through it.
  if (!BASE64.test(sealed)) return invalidRequest(`encrypted_value does not match ${BASE64}.`, doc);
  const value = parsed.key_id === env.key.keyId ? await openSealedBox(sealed, env.key) : undefined;
  if (value === undefined) return error(422, IMPROPER, doc);
  const name = p.secret.toUpperCase();
  const existing = env.secrets.get(name);
  const now = api.now();
  env.secrets.set(name, {
    name,
    value,
    createdAt: existing?.createdAt ?? later(now),
    updatedAt: later(now, existing?.updatedAt),
  });
  // "201: Response when creating a secret" (an empty object), "204: Response when updating a secret".
  return existing ? { status: 204, body: "" } : json(201, {});
};

export const secretRoute = (doc: string, then: (env: StoredEnvironment, name: string) => FakeReply): Handler => {
  return (api, p) => {
    const { env } = envOf(api, p);
    const name = p.secret.toUpperCase();
    return env?.secrets.has(name) ? then(env, name) : notFound(`${REST}/actions/secrets#${doc}`);
  };
};
