/**
 * A fake of the GitHub REST API, as the real GitHub provider (`@pulumi/github` 6.15.0, bridging
 * terraform-provider-github at 20728bb, go-github v88) calls it for `github.RepositoryEnvironment`,
 * `github.RepositoryEnvironmentDeploymentPolicy` and `github.ActionsEnvironmentSecret`. Point the provider at it
 * with `github:baseUrl` = `${fake.url}/`: a custom base URL is GitHub Enterprise to the provider (config.go
 * `getBaseURL`), so every path carries `/api/v3` (GraphQL, `/api/graphql`, is never called by these resources).
 *
 * Endpoints, with the provider function (upstream/github/…) that calls each:
 * - `GET /orgs/{owner}`: provider.go `configureProviderMeta`, at every configure (a 404 means "owner is a user").
 * - `GET /user`: provider.go `configureProviderMeta`, only with the legacy client (the default,
 *   `GITHUB_LEGACY_CLIENT`) and no owner.
 * - `GET /repos/{owner}/{repo}`: the Create of all three resources (repository_id), their importers,
 *   util_diff.go `diffRepository` when `repository` changes.
 * - `PUT|GET|DELETE /repos/{owner}/{repo}/environments/{env}`: resource_github_repository_environment.go
 *   Create+Update / Read / Delete (Create does not read back; Read maps a 404 to "gone").
 * - `POST /repos/{owner}/{repo}/environments/{env}/deployment-branch-policies` and
 *   `GET|PUT|DELETE …/deployment-branch-policies/{id}`: resource_github_repository_environment_deployment_policy.go
 *   Create / Read / Update / Delete.
 * - `GET /repositories/{id}/environments/{env}/secrets/public-key`, `PUT|GET|DELETE …/secrets/{name}`:
 *   resource_github_actions_environment_secret.go `getEnvironmentPublicKeyDetails` (Create, Update), Create and
 *   Update (PUT, then GET for the timestamps), Read (GET; 404 = gone), Delete.
 * - `POST /repos/{owner}/{repo}/actions/variables`, `GET|PATCH|DELETE …/actions/variables/{name}`:
 *   resource_github_actions_variable.go Create (POST, GET repo, GET for the timestamps) / Read / Update (PATCH, a 1 s
 *   sleep, GET) / Delete; `GET …/actions/variables?per_page=100`: data_source_github_actions_variables.go, the
 *   `getActionsVariables` staging reads production's published fingerprints with (tests/fakes/github-variables.ts).
 *
 * Behaviour: a wrong token gets 401 "Bad credentials"; what is absent gets 404 `{"message":"Not Found",…}`;
 * names of repositories, environments and secrets are case-insensitive; a PUT of a secret must carry the
 * environment's current `key_id` and a sealed box that opens with its key (else 422, GitHub's words), and the fake
 * keeps the opened plaintext (201 when new, 204 when updated; `updated_at` moves by at least a second). GET
 * answers carry GitHub's ETag (the algorithm of bored-engineer/github-conditional-http-transport, the new client's
 * cache) and a matching `If-None-Match` gets 304. Measured with the real provider: the legacy client sends no
 * `If-None-Match` for these resources, and the new one (`GITHUB_LEGACY_CLIENT=false`) computes it without the
 * token (its cache sits above the oauth2 transport), so neither gets a 304, here or from GitHub. Faults (429,
 * 500, slow, lost) come from FakeServer. Helpers (tests/fakes/github-state.ts) read the state and edit it "by
 * hand", as in GitHub's UI.
 */
import * as crypto from "node:crypto";
import type * as http from "node:http";
import { error } from "./github-model";
import { ROUTES, matchRoute, type GitHubApi } from "./github-routes";
import { GitHubState } from "./github-state";
import type { FakeReply } from "./server";

export { sealForGitHub } from "./github-sealed-box";
export type { EnvironmentSettings, FakeBranchPolicy } from "./github-model";
export type { FakeEnvironmentView } from "./github-state";

/** Options of the fake. */
export interface GitHubFakeOptions {
  /** The token the fake accepts (`Authorization: Bearer …` or `token …`). */
  token: string;
  /** More tokens it accepts, with the same rights (e.g. one per stack, as each stack should have its own). */
  otherTokens?: string[];
  /** The owner every repository belongs to (the provider's `github:owner`). */
  owner: string;
  /** Names of the repositories that exist (ids 700000001, 700000002, … in this order: `repositoryId`). */
  repositories: string[];
  /** Default "Organization"; a "User" owner answers 404 to `GET /orgs/{owner}`, as GitHub does. */
  ownerType?: "Organization" | "User";
  /** Login of the token's user (`GET /user`); default: the owner if a user, else `chef-chopsky-admin`. */
  viewer?: string;
  /** The clock (default: the real one). */
  now?: () => Date;
}

/** GitHub varies its ETags on these request headers (and its `Vary` names them). */
const VARY = "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding, Accept, X-Requested-With";

/**
 * The fake GitHub API: one owner, its repositories, their environments, branch policies and secrets. Inspection
 * (`environment`, `branchPatterns`, `secretNames`, `secretValue`, …) and hand edits (`setSecretByHand`,
 * `deleteEnvironmentByHand`, …) are inherited from {@link GitHubState}.
 */
export class GitHubFake extends GitHubState {
  readonly token: string;
  readonly otherTokens: string[];
  readonly owner: string;
  readonly ownerType: "Organization" | "User";
  /** How many GETs were answered 304 Not Modified (they are in `calls` too). */
  notModified = 0;
  private readonly viewer: string;

  constructor(options: GitHubFakeOptions) {
    super(options.repositories, options.now ?? (() => new Date()));
    this.token = options.token;
    this.otherTokens = options.otherTokens ?? [];
    this.owner = options.owner;
    this.ownerType = options.ownerType ?? "Organization";
    this.viewer = options.viewer ?? (this.ownerType === "User" ? this.owner : "chef-chopsky-admin");
  }

  // ---- the API -------------------------------------------------------------------------------------------------

  protected describe(req: http.IncomingMessage): { operation: string; write: boolean } {
    const match = matchRoute(req.method ?? "GET", req.url ?? "/");
    if (match) return { operation: match.route.operation, write: match.route.write };
    return { operation: `${req.method ?? "GET"} ${(req.url ?? "/").split("?")[0]}`, write: req.method !== "GET" };
  }

  protected async handle(req: http.IncomingMessage, body: string): Promise<FakeReply> {
    const auth = req.headers.authorization;
    if (!auth) return error(401, "Requires authentication", "https://docs.github.com/rest");
    const accepted = [this.token, ...this.otherTokens];
    if (!accepted.some((t) => auth === `Bearer ${t}` || auth === `token ${t}`))
      return error(401, "Bad credentials", "https://docs.github.com/rest");
    const match = matchRoute(req.method ?? "GET", req.url ?? "/");
    if (!match) return error(404, "Not Found", "https://docs.github.com/rest");
    const reply = await match.route.handler(this.api(req), match.params, body);
    if (req.method !== "GET" || reply.status !== 200) return reply;
    // GitHub's ETag: SHA-256 over the Accept, Authorization and Cookie values (each followed by ":") and the body.
    const hash = crypto.createHash("sha256");
    for (const name of ["accept", "authorization", "cookie"])
      for (const value of req.headersDistinct[name] ?? []) hash.update(`${value}:`);
    const tag = hash.update(reply.body).digest("hex");
    const headers = { ...reply.headers, etag: `W/"${tag}"`, vary: VARY };
    const asked = (req.headers["if-none-match"] ?? "").split(",").map((t) => t.trim().replace(/^W\//, ""));
    if (!asked.includes(`"${tag}"`)) return { ...reply, headers };
    this.notModified++;
    return { status: 304, body: "", headers };
  }

  private api(req: http.IncomingMessage): GitHubApi {
    return {
      origin: `http://${req.headers.host ?? "127.0.0.1"}`,
      owner: { login: this.owner, id: 9_000_001, type: this.ownerType },
      viewer: { login: this.viewer, id: 9_000_002 },
      now: this.now,
      repoByName: (owner, name) =>
        owner.toLowerCase() === this.owner.toLowerCase() ? this.repos.get(name.toLowerCase()) : undefined,
      repoById: (id) => [...this.repos.values()].find((r) => String(r.id) === id),
      createEnvironment: (repo, name) => this.createEnvironment(repo, name),
      newId: () => ++this.lastId,
    };
  }
}

/** The operation names the fake logs (for `count({ operation })`). */
export const GITHUB_OPERATIONS = ROUTES.map((r) => r.operation);
