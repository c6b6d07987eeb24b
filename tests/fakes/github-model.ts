/**
 * The state of the GitHub fake and the shapes GitHub answers with: error bodies, repository, environment, branch
 * policy and secret JSON (fields as go-github v88 reads them: repos.go, repos_environments.go,
 * repos_deployment_branch_policies.go, actions_secrets.go), and the checks GitHub makes on what it is sent.
 */
import type { FakeReply } from "./server";
import type { SealingKey } from "./github-sealed-box";

/** A branch (or tag) name pattern that admits refs to an environment. */
export interface FakeBranchPolicy {
  id: number;
  name: string;
  type: "branch" | "tag";
}

/** A stored environment secret: the opened plaintext stays inside the fake (tests read it via `secretValue`). */
export interface StoredSecret {
  name: string;
  value: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The settings of an environment that `PUT …/environments/{name}` sets. */
export interface EnvironmentSettings {
  waitTimer: number;
  preventSelfReview: boolean;
  canAdminsBypass: boolean;
  reviewers: { type: "User" | "Team"; id: number }[];
  /** null: every branch may deploy. */
  deploymentBranchPolicy: { protectedBranches: boolean; customBranchPolicies: boolean } | null;
}

export interface StoredEnvironment extends EnvironmentSettings {
  id: number;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  key: SealingKey;
  policies: FakeBranchPolicy[];
  /** By upper-case name (GitHub secret names are case-insensitive and shown upper-case). */
  secrets: Map<string, StoredSecret>;
}

/** A repository variable (GitHub Actions configuration variable): plaintext, readable through the API. */
export interface StoredVariable {
  name: string;
  value: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredRepository {
  id: number;
  name: string;
  createdAt: Date;
  /** By lower-case name (environment names are case-insensitive). */
  environments: Map<string, StoredEnvironment>;
  /** Repository variables, by upper-case name (shown upper-case, compared without regard to case). */
  variables: Map<string, StoredVariable>;
}

export const DEFAULT_SETTINGS: EnvironmentSettings = {
  waitTimer: 0,
  preventSelfReview: false,
  canAdminsBypass: true,
  reviewers: [],
  deploymentBranchPolicy: null,
};

/** GitHub's timestamps: ISO 8601 to the second. */
export const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** A time strictly after `previous` at GitHub's one-second resolution, so every change shows in `updated_at`. */
export function later(now: Date, previous?: Date): Date {
  const seconds = Math.floor(now.getTime() / 1000) * 1000;
  return new Date(previous && seconds <= previous.getTime() ? previous.getTime() + 1000 : seconds);
}

export const json = (status: number, body: unknown): FakeReply => ({ status, body: JSON.stringify(body) });

/** GitHub's error body (`basic-error`): message, documentation_url and the status as a string. */
export const error = (status: number, message: string, doc: string) =>
  json(status, { message, documentation_url: doc, status: String(status) });
export const notFound = (doc: string) => error(404, "Not Found", doc);
/** A body that fails the endpoint's JSON schema: 422 "Invalid request." with the reason. */
export const invalidRequest = (reason: string, doc: string) => error(422, `Invalid request.\n\n${reason}`, doc);
/** GitHub's `validation_failed` shape: "Validation Failed" with one error naming resource, field and code. */
export const validationFailed = (resource: string, field: string, code: string, message: string, doc: string) =>
  json(422, {
    message: "Validation Failed",
    errors: [{ resource, code, field, message }],
    documentation_url: doc,
    status: "422",
  });

/**
 * Why a branch name pattern can never match a branch, or undefined when it can. GitHub matches the pattern
 * (File.fnmatch syntax, so `*`, `?`, `[…]` are allowed) against branch names, and branch names obey
 * git-check-ref-format(1): no control characters, space, `~ ^ : \`, no `..` or `@{`, no empty path component,
 * no component starting with `.` or ending with `.lock`, no trailing `/` or `.`. GitHub documents no 422 for this
 * endpoint; the fake refuses such patterns with GitHub's validation_failed shape (issue 12 asks for it).
 */
export function branchPatternProblem(name: string): string | undefined {
  if (name.length === 0) return "name can't be blank";
  if (name.length > 255) return "name is too long (maximum is 255 characters)";
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:\\]/.test(name)) return `name ${JSON.stringify(name)} has a character no branch name can have`;
  if (name.includes("..") || name.includes("@{") || name.includes("//"))
    return `name ${JSON.stringify(name)} has a sequence no branch name can have`;
  if (name.startsWith("/") || name.endsWith("/") || name.endsWith("."))
    return `name ${JSON.stringify(name)} starts or ends where no branch name can`;
  if (name.split("/").some((part) => part.startsWith(".") || part.endsWith(".lock")))
    return `name ${JSON.stringify(name)} has a path component no branch name can have`;
  return undefined;
}

/** GitHub's secret-name rules: letters, digits, `_`; not starting with a digit or `GITHUB_`. */
export function secretNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return "Secret names can only contain alphanumeric characters or _";
  if (/^GITHUB_/i.test(name)) return "Secret names must not start with GITHUB_";
  return undefined;
}

/** The schema's pattern for `encrypted_value` (api.github.com.2022-11-28.yaml). */
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;

/** Parses a JSON object body; a string reason when it is not one. */
export function parseObject(body: string): Record<string, unknown> | string {
  if (body.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    return "Body should be a JSON object";
  } catch {
    return "Problems parsing JSON";
  }
}

/** The environment as `GET`/`PUT …/environments/{name}` return it (`environment` schema). */
export function environmentJson(base: string, owner: string, repo: StoredRepository, env: StoredEnvironment) {
  const rules: Record<string, unknown>[] = [];
  const rule = (n: number, type: string, extra: Record<string, unknown>) =>
    rules.push({ id: env.id * 10 + n, node_id: `GA_fake${env.id * 10 + n}`, type, ...extra });
  if (env.waitTimer > 0) rule(1, "wait_timer", { wait_timer: env.waitTimer });
  if (env.reviewers.length > 0)
    rule(2, "required_reviewers", {
      prevent_self_review: env.preventSelfReview,
      reviewers: env.reviewers.map((r) => ({
        type: r.type,
        reviewer:
          r.type === "User" ? { login: `user-${r.id}`, id: r.id, type: "User" } : { id: r.id, slug: `team-${r.id}` },
      })),
    });
  if (env.deploymentBranchPolicy) rule(3, "branch_policy", {});
  const escaped = encodeURIComponent(env.name);
  return {
    id: env.id,
    node_id: `EN_fake${env.id}`,
    name: env.name,
    url: `${base}/api/v3/repos/${owner}/${repo.name}/environments/${escaped}`,
    html_url: `${base}/${owner}/${repo.name}/deployments/activity_log?environments_filter=${escaped}`,
    created_at: iso(env.createdAt),
    updated_at: iso(env.updatedAt),
    can_admins_bypass: env.canAdminsBypass,
    protection_rules: rules,
    deployment_branch_policy: env.deploymentBranchPolicy && {
      protected_branches: env.deploymentBranchPolicy.protectedBranches,
      custom_branch_policies: env.deploymentBranchPolicy.customBranchPolicies,
    },
  };
}

/** `GET /repos/{owner}/{repo}` (`full-repository`, the fields a client of these endpoints reads). */
export function repositoryJson(
  base: string,
  owner: { login: string; id: number; type: string },
  repo: StoredRepository,
) {
  return {
    id: repo.id,
    node_id: `R_fake${repo.id}`,
    name: repo.name,
    full_name: `${owner.login}/${repo.name}`,
    private: true,
    visibility: "private",
    owner: { login: owner.login, id: owner.id, node_id: `O_fake${owner.id}`, type: owner.type, site_admin: false },
    html_url: `${base}/${owner.login}/${repo.name}`,
    url: `${base}/api/v3/repos/${owner.login}/${repo.name}`,
    fork: false,
    archived: false,
    disabled: false,
    default_branch: "main",
    created_at: iso(repo.createdAt),
    updated_at: iso(repo.createdAt),
    pushed_at: iso(repo.createdAt),
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
  };
}
