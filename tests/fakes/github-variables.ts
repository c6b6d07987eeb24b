/**
 * The GitHub fake's repository variables (GitHub Actions "configuration variables"), as the real provider calls them
 * for `github.ActionsVariable` and `github.getActionsVariables` (terraform-provider-github at 20728bb:
 * resource_github_actions_variable.go, data_source_github_actions_variables.go; go-github v88 actions_variables.go).
 * Endpoints and answers follow GitHub's REST docs, "REST API endpoints for GitHub Actions variables"
 * (https://docs.github.com/en/rest/actions/variables):
 * - `GET /repos/{owner}/{repo}/actions/variables`: "List repository variables", `{ total_count, variables: [{ name,
 *   value, created_at, updated_at }] }`; `per_page` "(max 30)", default 10, and `page`, with GitHub's `Link` header
 *   when there is a next page (the provider asks for 100 and follows `Link`). Fine-grained tokens need the
 *   repository permission "Variables" (read).
 * - `POST …/actions/variables` `{ name, value }`: 201 with an empty object. A taken name is refused with 409 (the
 *   fake's choice: the docs document only 201).
 * - `GET …/actions/variables/{name}`: one variable, 404 when absent (the provider's Read maps it to "gone").
 * - `PATCH …/actions/variables/{name}` `{ name?, value? }`: 204. `DELETE`: 204. Writes need "Variables" (write).
 * Names are case-insensitive and shown upper-case, with the secrets' rules (letters, digits, `_`; not `GITHUB_`);
 * a value may be up to 48 KB ("Store information in variables", Limits for configuration variables).
 */
import {
  error,
  iso,
  json,
  later,
  notFound,
  parseObject,
  secretNameProblem,
  validationFailed,
  type StoredRepository,
} from "./github-model";
import type { GitHubApi, Handler, Params } from "./github-handlers";
import type { FakeReply } from "./server";

export const VARIABLES = "repos/:owner/:repo/actions/variables";
const DOC = "https://docs.github.com/rest/actions/variables";
/** "Individual variables are limited to 48 KB in size." */
const MAX_VALUE_BYTES = 48 * 1024;

const variableJson = (v: { name: string; value: string; createdAt: Date; updatedAt: Date }) => ({
  name: v.name,
  value: v.value,
  created_at: iso(v.createdAt),
  updated_at: iso(v.updatedAt),
});

const repoOf = (api: GitHubApi, p: Params): StoredRepository | undefined => api.repoByName(p.owner, p.repo);

/** Checks a name and a value as GitHub does; a reply when one is refused. */
function refused(name: unknown, value: unknown, doc: string): FakeReply | undefined {
  if (typeof name !== "string") return error(422, `Invalid request.\n\n"name" wasn't supplied.`, doc);
  const problem = secretNameProblem(name)?.replace("Secret", "Variable");
  if (problem) return validationFailed("Variable", "name", "invalid", problem, doc);
  if (typeof value !== "string") return error(422, `Invalid request.\n\n"value" wasn't supplied.`, doc);
  if (Buffer.byteLength(value) > MAX_VALUE_BYTES)
    return validationFailed("Variable", "value", "too_long", "value is too long (maximum is 48 KB)", doc);
  return undefined;
}

export const listVariables: Handler = (api, p) => {
  const repo = repoOf(api, p);
  if (!repo) return notFound(`${DOC}#list-repository-variables`);
  const perPage = Math.min(30, Math.max(1, Number(p["?per_page"] ?? 10) || 10));
  const page = Math.max(1, Number(p["?page"] ?? 1) || 1);
  const all = [...repo.variables.values()].sort((a, b) => a.name.localeCompare(b.name));
  const variables = all.slice((page - 1) * perPage, page * perPage).map(variableJson);
  const reply = json(200, { total_count: all.length, variables });
  if (page * perPage >= all.length) return reply;
  const url = `${api.origin}/api/v3/repos/${api.owner.login}/${repo.name}/actions/variables`;
  const link = (n: number, rel: string) => `<${url}?per_page=${perPage}&page=${n}>; rel="${rel}"`;
  const last = Math.ceil(all.length / perPage);
  return { ...reply, headers: { link: `${link(page + 1, "next")}, ${link(last, "last")}` } };
};

export const createVariable: Handler = (api, p, body) => {
  const doc = `${DOC}#create-a-repository-variable`;
  const repo = repoOf(api, p);
  if (!repo) return notFound(doc);
  const parsed = parseObject(body);
  if (typeof parsed === "string") return error(400, parsed, doc);
  const bad = refused(parsed.name, parsed.value, doc);
  if (bad) return bad;
  const name = (parsed.name as string).toUpperCase();
  if (repo.variables.has(name)) return error(409, "Already exists - Variable already exists", doc);
  const now = later(api.now());
  repo.variables.set(name, { name, value: parsed.value as string, createdAt: now, updatedAt: now });
  return json(201, {});
};

export const getVariable: Handler = (api, p) => {
  const v = repoOf(api, p)?.variables.get(p.name.toUpperCase());
  return v ? json(200, variableJson(v)) : notFound(`${DOC}#get-a-repository-variable`);
};

export const updateVariable: Handler = (api, p, body) => {
  const doc = `${DOC}#update-a-repository-variable`;
  const repo = repoOf(api, p);
  const v = repo?.variables.get(p.name.toUpperCase());
  if (!repo || !v) return notFound(doc);
  const parsed = parseObject(body);
  if (typeof parsed === "string") return error(400, parsed, doc);
  const bad = refused(parsed.name ?? v.name, parsed.value ?? v.value, doc);
  if (bad) return bad;
  const name = String(parsed.name ?? v.name).toUpperCase();
  if (name !== v.name && repo.variables.has(name)) return error(409, "Already exists - Variable already exists", doc);
  repo.variables.delete(v.name);
  repo.variables.set(name, {
    ...v,
    name,
    value: String(parsed.value ?? v.value),
    updatedAt: later(api.now(), v.updatedAt),
  });
  return { status: 204, body: "" };
};

export const deleteVariable: Handler = (api, p) => {
  const repo = repoOf(api, p);
  if (!repo?.variables.delete(p.name.toUpperCase())) return notFound(`${DOC}#delete-a-repository-variable`);
  return { status: 204, body: "" };
};
