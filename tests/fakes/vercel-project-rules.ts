/**
 * The rules and shapes of the Vercel projects fake: what a project and a variable are, the errors the API answers
 * with, and the checks of a variable body and of a repository, as Vercel has them (sources where each is enforced).
 */

export type EnvType = "sensitive" | "encrypted" | "plain";
export type EnvTarget = "production" | "preview" | "development";
export const TARGETS: readonly string[] = ["production", "preview", "development"];
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

const bad = (message: string) => new VercelApiError(400, "bad_request", message);

/**
 * 403 `ENV_ALREADY_EXISTS`: the status and code the Terraform provider's client recognises as a conflict
 * (client/error.go, `conflictingEnvVar`: `StatusCode == 403 && Code == "ENV_ALREADY_EXISTS"`), with the fields it
 * reads (`key`, `target`, `gitBranch`) and the `envVarId` of the variable in the way.
 */
export function alreadyExists(clash: StoredEnv, target: EnvTarget[]): VercelApiError {
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

export function optionalString(v: unknown, field: string): string | undefined {
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
 * the target `preview`; a `sensitive` variable cannot target `development` (Vercel's "Sensitive environment
 * variables": "You can only create sensitive environment variables in the preview and production environments").
 */
export function validEnv(input: EnvInput): Omit<StoredEnv, "id" | "projectId" | "createdAt" | "updatedAt"> {
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
