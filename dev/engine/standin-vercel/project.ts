/**
 * `vercel:index/project:Project`, for the properties the program sets (components/frontend.ts): `name`,
 * `framework`, `rootDirectory`, `gitRepository {type, repo, productionBranch}`, and `teamId`. Property names are the
 * real provider's (node_modules/@pulumiverse/vercel/project.d.ts, types/input.d.ts `ProjectGitRepository`).
 *
 * Replace or update as the Terraform provider it bridges decides (vercel/terraform-provider-vercel,
 * vercel/resource_project.go): only `team_id` forces a replacement (`RequiresReplaceIfConfigured`); a new name,
 * framework or root directory is a `PATCH /v9/projects/{id}`, a new repository is an unlink + link
 * (`/v9/projects/{id}/link`), a new production branch a `PATCH /v9/projects/{id}/branch` (client/project.go).
 * `productionBranch` is Optional+Computed: left out of the program, whatever Vercel has is kept.
 */
import type * as provider from "@pulumi/pulumi/provider";
import {
  ApiKind,
  changed,
  changedOptionals,
  deleteIfPresent,
  diffResult,
  initFailed,
  mustMatch,
  readOutputs,
  type ResourceKind,
  unsupported,
} from "./kind";
import { hasUnknown, optional, reveal } from "./values";

type Props = Record<string, unknown>;

/** The project as the API answers (the fields the stand-in reads). */
interface ApiProject {
  id: string;
  name: string;
  framework?: string | null;
  rootDirectory?: string | null;
  link?: { type: string; org?: string; repo?: string; productionBranch?: string };
}

const INPUTS = ["name", "framework", "rootDirectory", "gitRepository", "teamId"] as const;
const REPLACE_ON = ["teamId"];

export class ProjectKind extends ApiKind implements ResourceKind {
  check(news: Props): provider.CheckFailure[] {
    const failures = unsupported("Project", INPUTS, news);
    if (news.name === undefined) failures.push({ property: "name", reason: "missing required property 'name'" });
    failures.push(...mustMatch("name", news.name, /^[a-z0-9._-]{1,100}$/, "a lowercase project name"));
    const repo = reveal(news.gitRepository);
    if (repo !== undefined && !hasUnknown(news.gitRepository)) {
      const r = (repo ?? {}) as Props;
      failures.push(...unsupported("Project.gitRepository", ["type", "repo", "productionBranch"], r));
      failures.push(
        ...mustMatch("gitRepository.type", r.type ?? "", /^(github|gitlab|bitbucket)$/, "github, gitlab or bitbucket"),
      );
      failures.push(
        ...mustMatch("gitRepository.repo", r.repo ?? "", /^[^/\s]+\/[^/\s]+$/, "a repository as owner/name"),
      );
    }
    return failures;
  }

  diff(olds: Props, news: Props): provider.DiffResult {
    const o = (reveal(olds.gitRepository) ?? {}) as Props;
    const n = (reveal(news.gitRepository) ?? {}) as Props;
    const changes = changedOptionals(olds, news, ["framework", "rootDirectory"]);
    if (changed(olds.name, news.name)) changes.push("name");
    if (hasUnknown(news.gitRepository) || (olds.gitRepository === undefined) !== (news.gitRepository === undefined))
      changes.push("gitRepository");
    else if (news.gitRepository !== undefined) {
      if (changed(o.type, n.type) || changed(o.repo, n.repo)) changes.push("gitRepository");
      else if (n.productionBranch !== undefined && changed(o.productionBranch, n.productionBranch))
        changes.push("gitRepository");
    }
    return diffResult(changes, REPLACE_ON);
  }

  async create(inputs: Props): Promise<provider.CreateResult> {
    const v = reveal(inputs) as Props;
    const repo = v.gitRepository as Props | undefined;
    const created = await this.client.call<ApiProject>(`create project ${String(v.name)}`, "POST", "/v11/projects", {
      name: v.name,
      framework: optional(v.framework) ?? null,
      rootDirectory: optional(v.rootDirectory) ?? null,
      ...(repo ? { gitRepository: { type: repo.type, repo: repo.repo } } : {}),
    });
    try {
      const project = await this.productionBranch(created, repo);
      return { id: project.id, outs: this.outputs(project) };
    } catch (err) {
      throw initFailed(created.id, this.outputs(created), err);
    }
  }

  read(id: string): Promise<provider.ReadResult> {
    return readOutputs(id, INPUTS, async () =>
      this.outputs(await this.client.call<ApiProject>(`read project ${id}`, "GET", `/v9/projects/${enc(id)}`)),
    );
  }

  async update(id: string, olds: Props, news: Props): Promise<provider.UpdateResult> {
    const v = reveal(news) as Props;
    const path = `/v9/projects/${enc(id)}`;
    let project = await this.client.call<ApiProject>(`update project ${id}`, "PATCH", path, {
      name: v.name,
      framework: optional(v.framework) ?? null,
      rootDirectory: optional(v.rootDirectory) ?? null,
    });
    const o = reveal(olds.gitRepository) as Props | undefined;
    const n = v.gitRepository as Props | undefined;
    if (o && (!n || o.type !== n.type || o.repo !== n.repo))
      project = await this.client.call<ApiProject>(`unlink repository of ${id}`, "DELETE", `${path}/link`);
    if (n && (!o || o.type !== n.type || o.repo !== n.repo))
      project = await this.client.call<ApiProject>(`link repository to ${id}`, "POST", `${path}/link`, {
        type: n.type,
        repo: n.repo,
      });
    return { outs: this.outputs(await this.productionBranch(project, n)) };
  }

  delete(id: string): Promise<void> {
    return deleteIfPresent(() => this.client.call(`delete project ${id}`, "DELETE", `/v9/projects/${enc(id)}`));
  }

  /** Sets the production branch when the program names one Vercel does not have yet. */
  private async productionBranch(project: ApiProject, repo: Props | undefined): Promise<ApiProject> {
    const wanted = optional(repo?.productionBranch);
    if (!wanted || !project.link || project.link.productionBranch === wanted) return project;
    return this.client.call<ApiProject>(
      `set the production branch of ${project.id}`,
      "PATCH",
      `/v9/projects/${enc(project.id)}/branch`,
      { branch: wanted },
    );
  }

  /** The resource's outputs: the real provider's property names, from what the API answered. */
  private outputs(p: ApiProject): Props {
    const link = p.link;
    return {
      name: p.name,
      ...(p.framework ? { framework: p.framework } : {}),
      ...(p.rootDirectory ? { rootDirectory: p.rootDirectory } : {}),
      ...(link
        ? {
            gitRepository: {
              type: link.type,
              repo: `${link.org ?? ""}/${link.repo ?? ""}`,
              productionBranch: link.productionBranch ?? "",
            },
          }
        : {}),
      teamId: this.team() ?? "",
    };
  }
}

const enc = encodeURIComponent;
