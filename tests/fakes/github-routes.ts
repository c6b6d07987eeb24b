/**
 * The route table of the GitHub fake: every endpoint it serves under `/api/v3/`, its operation name (as logged in
 * `calls`) and whether it writes. Paths are as go-github v88 builds them; tests/fakes/github.ts lists which
 * provider function calls each.
 */
import { environmentJson, iso, json, notFound, repositoryJson } from "./github-model";
import {
  ENV,
  REST,
  SECRETS,
  createBranchPolicy,
  deleteBranchPolicy,
  envOf,
  getBranchPolicy,
  putEnvSecret,
  putEnvironment,
  secretRoute,
  updateBranchPolicy,
  type Handler,
  type Params,
} from "./github-handlers";
import {
  VARIABLES,
  createVariable,
  deleteVariable,
  getVariable,
  listVariables,
  updateVariable,
} from "./github-variables";

export type { GitHubApi } from "./github-handlers";

interface Route {
  method: string;
  path: string[];
  operation: string;
  write: boolean;
  handler: Handler;
}

const r = (method: string, path: string, operation: string, handler: Handler): Route => ({
  method,
  path: path.split("/"),
  operation,
  write: method !== "GET",
  handler,
});

/** Every endpoint the fake serves, under `/api/v3/`. */
export const ROUTES: Route[] = [
  r("GET", "orgs/:org", "getOrg", (api, p) =>
    api.owner.type === "Organization" && p.org.toLowerCase() === api.owner.login.toLowerCase()
      ? json(200, { login: api.owner.login, id: api.owner.id, node_id: `O_fake${api.owner.id}`, type: "Organization" })
      : notFound(`${REST}/orgs/orgs#get-an-organization`),
  ),
  r("GET", "user", "getAuthenticatedUser", (api) =>
    json(200, { login: api.viewer.login, id: api.viewer.id, node_id: `U_fake${api.viewer.id}`, type: "User" }),
  ),
  r("GET", "repos/:owner/:repo", "getRepo", (api, p) => {
    const repo = api.repoByName(p.owner, p.repo);
    return repo
      ? json(200, repositoryJson(api.origin, api.owner, repo))
      : notFound(`${REST}/repos/repos#get-a-repository`);
  }),
  r("GET", ENV, "getEnvironment", (api, p) => {
    const { repo, env } = envOf(api, p);
    return repo && env
      ? json(200, environmentJson(api.origin, api.owner.login, repo, env))
      : notFound(`${REST}/deployments/environments#get-an-environment`);
  }),
  r("PUT", ENV, "putEnvironment", putEnvironment),
  r("DELETE", ENV, "deleteEnvironment", (api, p) => {
    const { repo, env } = envOf(api, p);
    if (!repo || !env) return notFound(`${REST}/deployments/environments#delete-an-environment`);
    repo.environments.delete(env.name.toLowerCase());
    return { status: 204, body: "" };
  }),
  r("POST", `${ENV}/deployment-branch-policies`, "createBranchPolicy", createBranchPolicy),
  r("GET", `${ENV}/deployment-branch-policies/:policy`, "getBranchPolicy", getBranchPolicy),
  r("PUT", `${ENV}/deployment-branch-policies/:policy`, "updateBranchPolicy", updateBranchPolicy),
  r("DELETE", `${ENV}/deployment-branch-policies/:policy`, "deleteBranchPolicy", deleteBranchPolicy),
  r("GET", `${SECRETS}/public-key`, "getEnvPublicKey", (api, p) => {
    const { env } = envOf(api, p);
    if (!env) return notFound(`${REST}/actions/secrets#get-an-environment-public-key`);
    return json(200, { key_id: env.key.keyId, key: env.key.publicKey.toString("base64") });
  }),
  r(
    "GET",
    `${SECRETS}/:secret`,
    "getEnvSecret",
    secretRoute("get-an-environment-secret", (env, name) => {
      const s = env.secrets.get(name)!;
      return json(200, { name: s.name, created_at: iso(s.createdAt), updated_at: iso(s.updatedAt) });
    }),
  ),
  r("PUT", `${SECRETS}/:secret`, "putEnvSecret", putEnvSecret),
  r(
    "DELETE",
    `${SECRETS}/:secret`,
    "deleteEnvSecret",
    secretRoute("delete-an-environment-secret", (env, name) => {
      env.secrets.delete(name);
      return { status: 204, body: "" };
    }),
  ),
  r("GET", VARIABLES, "listRepoVariables", listVariables),
  r("POST", VARIABLES, "createRepoVariable", createVariable),
  r("GET", `${VARIABLES}/:name`, "getRepoVariable", getVariable),
  r("PATCH", `${VARIABLES}/:name`, "updateRepoVariable", updateVariable),
  r("DELETE", `${VARIABLES}/:name`, "deleteRepoVariable", deleteVariable),
];

/** The route and its path parameters for a request path (with its query), or undefined. */
export function matchRoute(method: string, url: string): { route: Route; params: Params } | undefined {
  const path = url.split("?")[0];
  if (!path.startsWith("/api/v3/")) return undefined;
  let parts: string[];
  try {
    parts = path.slice("/api/v3/".length).split("/").map(decodeURIComponent);
  } catch {
    return undefined;
  }
  for (const route of ROUTES) {
    if (route.method !== method || route.path.length !== parts.length) continue;
    const params: Params = {};
    const ok = route.path.every((seg, i) =>
      seg.startsWith(":") ? parts[i] !== "" && (params[seg.slice(1)] = parts[i]) !== undefined : seg === parts[i],
    );
    if (ok && (params.repoId === undefined || /^\d+$/.test(params.repoId))) {
      // Query parameters (`per_page`, `page`) as `?name`, beside the path's.
      for (const [k, v] of new URLSearchParams(url.split("?")[1] ?? "")) params[`?${k}`] = v;
      return { route, params };
    }
  }
  return undefined;
}
