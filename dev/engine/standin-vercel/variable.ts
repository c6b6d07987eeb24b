/**
 * `vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable`, for the properties the program sets
 * (components/frontend.ts): `projectId`, `key`, `value`, `targets`, `gitBranch`, `sensitive`, `comment`, and
 * `teamId`. Property names are the real provider's (node_modules/@pulumiverse/vercel/projectEnvironmentVariable.d.ts).
 *
 * As the Terraform provider it bridges (vercel/terraform-provider-vercel, vercel/resource_project_environment_variable.go):
 * - `key`, `project_id`, `sensitive` and a configured `team_id` force a replacement (`RequiresReplace`); `value`,
 *   `target`, `git_branch` and `comment` are updated in place with `PATCH /v9/projects/{id}/env/{envId}`;
 * - create checks the project exists, then `POST /v10/projects/{id}/env` with `type` `sensitive` or `encrypted`;
 *   a collision is the API's 403 `ENV_ALREADY_EXISTS`, reported with the id of the variable in the way;
 * - read is `GET /v1/projects/{id}/env/{envId}` (decrypted); for a `sensitive` variable the API returns no value,
 *   so the value in the state is kept (`convertResponseToProjectEnvironmentVariable`: `if response.Type ==
 *   "sensitive" { value = v }`): a change made in the dashboard to a sensitive value is invisible to refresh.
 */
import type * as provider from "@pulumi/pulumi/provider";
import { ApiError, isNotFound } from "./client";
import {
  ApiKind,
  changed,
  changedOptionals,
  deleteIfPresent,
  diffResult,
  mustMatch,
  readOutputs,
  type ResourceKind,
  unsupported,
} from "./kind";
import { hasUnknown, optional, reveal, sameSet, secret } from "./values";

type Props = Record<string, unknown>;

/** A variable as the API answers. */
interface ApiEnv {
  id: string;
  key: string;
  type: "sensitive" | "encrypted" | "plain";
  value?: string;
  target: string[];
  gitBranch?: string;
  comment?: string;
}

const INPUTS = ["projectId", "key", "value", "targets", "gitBranch", "sensitive", "comment", "teamId"] as const;
const REPLACE_ON = ["projectId", "key", "sensitive", "teamId"];
const TARGETS = ["production", "preview", "development"];

export class VariableKind extends ApiKind implements ResourceKind {
  check(news: Props): provider.CheckFailure[] {
    const failures = unsupported("ProjectEnvironmentVariable", INPUTS, news);
    for (const p of ["projectId", "key", "value", "sensitive", "targets"])
      if (news[p] === undefined) failures.push({ property: p, reason: `missing required property '${p}'` });
    failures.push(...mustMatch("key", news.key, /^[A-Za-z_][A-Za-z0-9_]*$/, "a variable name"));
    const sensitive = reveal(news.sensitive);
    if (news.sensitive !== undefined && !hasUnknown(news.sensitive) && typeof sensitive !== "boolean")
      failures.push({ property: "sensitive", reason: "expected true or false" });
    if (news.targets !== undefined && !hasUnknown(news.targets)) {
      const t = reveal(news.targets);
      if (!Array.isArray(t) || t.length === 0 || t.some((x) => !TARGETS.includes(x as string)))
        failures.push({ property: "targets", reason: `expected a non-empty list of ${TARGETS.join(", ")}` });
      else {
        if (optional(news.gitBranch) && (t.length !== 1 || t[0] !== "preview"))
          failures.push({ property: "gitBranch", reason: "a git branch is allowed only with the target preview" });
        if (sensitive === true && t.includes("development"))
          failures.push({
            property: "sensitive",
            reason: "variables targeting development must set sensitive to false",
          });
      }
    }
    return failures;
  }

  diff(olds: Props, news: Props): provider.DiffResult {
    const changes = ["projectId", "key", "value"].filter((p) => changed(olds[p], news[p]));
    if (changed(olds.sensitive ?? false, news.sensitive ?? false)) changes.push("sensitive");
    if (changed(olds.targets, news.targets, sameSet)) changes.push("targets");
    changes.push(...changedOptionals(olds, news, ["gitBranch", "comment"]));
    return diffResult(changes, REPLACE_ON);
  }

  async create(inputs: Props): Promise<provider.CreateResult> {
    const v = reveal(inputs) as Props;
    const project = String(v.projectId);
    try {
      await this.client.call(`find project ${project}`, "GET", `/v9/projects/${enc(project)}`);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      throw new Error(
        `Error creating project environment variable ${String(v.key)}: could not find project ${project}, please ` +
          `make sure both the projectId and teamId match the project and team you wish to deploy to`,
      );
    }
    let created: { created: ApiEnv };
    try {
      created = await this.client.call(
        `create variable ${String(v.key)}`,
        "POST",
        `/v10/projects/${enc(project)}/env`,
        this.body(v),
      );
    } catch (err) {
      if (err instanceof ApiError && err.code === "ENV_ALREADY_EXISTS" && typeof err.details.envVarId === "string")
        throw new Error(
          `${err.message}; the conflicting environment variable ID is ${project}/${err.details.envVarId}`,
        );
      throw err;
    }
    return { id: created.created.id, outs: this.outputs(project, created.created, inputs.value) };
  }

  read(id: string, props: Props): Promise<provider.ReadResult> {
    const project = String(reveal(props.projectId));
    return readOutputs(id, INPUTS, async () => {
      const path = `/v1/projects/${enc(project)}/env/${enc(id)}`;
      const env = await this.client.call<ApiEnv>(`read variable ${id}`, "GET", path);
      return this.outputs(project, env, env.type === "sensitive" ? props.value : env.value);
    });
  }

  async update(id: string, _olds: Props, news: Props): Promise<provider.UpdateResult> {
    const v = reveal(news) as Props;
    const project = String(v.projectId);
    const { key: _key, ...body } = this.body(v);
    const env = await this.client.call<ApiEnv>(
      `update variable ${String(v.key)}`,
      "PATCH",
      `/v9/projects/${enc(project)}/env/${enc(id)}`,
      {
        ...body,
        gitBranch: body.gitBranch ?? null,
      },
    );
    return { outs: this.outputs(project, env, news.value) };
  }

  delete(id: string, props: Props): Promise<void> {
    const path = `/v9/projects/${enc(String(reveal(props.projectId)))}/env/${enc(id)}`;
    return deleteIfPresent(() => this.client.call(`delete variable ${id}`, "DELETE", path));
  }

  /** The create/edit body: `type` from `sensitive` (`sensitive`, else `encrypted`), as the Terraform provider. */
  private body(v: Props): Props {
    return {
      key: v.key,
      value: v.value,
      target: v.targets,
      ...(optional(v.gitBranch) ? { gitBranch: v.gitBranch } : {}),
      type: v.sensitive === true ? "sensitive" : "encrypted",
      comment: optional(v.comment) ?? "",
    };
  }

  /** Outputs with the real provider's names; `value` is always secret (it is in the provider's secret outputs). */
  private outputs(projectId: string, env: ApiEnv, value: unknown): Props {
    return {
      projectId,
      key: env.key,
      value: secret(value ?? ""),
      targets: [...env.target],
      ...(env.gitBranch ? { gitBranch: env.gitBranch } : {}),
      sensitive: env.type === "sensitive",
      comment: env.comment ?? "",
      teamId: this.team() ?? "",
      customEnvironmentIds: [],
    };
  }
}

const enc = encodeURIComponent;
