/**
 * The state of the GitHub fake (repositories, environments, branch policies, secrets), the helpers that let a test
 * read it, and the hand edits that change it as someone would in GitHub's UI (no API call is logged for them).
 * The API itself is in tests/fakes/github.ts ({@link GitHubFake}).
 */
import { DEFAULT_SETTINGS, later, type EnvironmentSettings, type FakeBranchPolicy } from "./github-model";
import type { StoredEnvironment, StoredRepository } from "./github-model";
import { newSealingKey } from "./github-sealed-box";
import { FakeServer } from "./server";

/** An environment as the inspection helpers show it (no key material, no secret values). */
export interface FakeEnvironmentView extends EnvironmentSettings {
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** State, inspection and hand edits of the GitHub fake; {@link GitHubFake} adds the HTTP API. */
export abstract class GitHubState extends FakeServer {
  protected readonly repos = new Map<string, StoredRepository>();
  protected lastId = 361_000;

  /** @param repositories names of the repositories that exist; their ids are 700000001, 700000002, … in order. */
  constructor(
    repositories: string[],
    protected readonly now: () => Date,
  ) {
    super();
    repositories.forEach((name, i) =>
      this.repos.set(name.toLowerCase(), {
        id: 700_000_001 + i,
        name,
        createdAt: later(now()),
        environments: new Map(),
        variables: new Map(),
      }),
    );
  }

  // ---- inspection ----------------------------------------------------------------------------------------------

  /** The numeric id of a repository (the secrets endpoints address repositories by it). */
  repositoryId(repo: string): number {
    return this.repo(repo).id;
  }

  /** Names of a repository's environments, sorted. */
  environmentNames(repo: string): string[] {
    return [...this.repo(repo).environments.values()].map((e) => e.name).sort();
  }

  /** An environment's settings and timestamps, or undefined when it does not exist. */
  environment(repo: string, env: string): FakeEnvironmentView | undefined {
    const e = this.repo(repo).environments.get(env.toLowerCase());
    if (!e) return undefined;
    const { name, createdAt, updatedAt, waitTimer, preventSelfReview, canAdminsBypass, reviewers } = e;
    const policy = e.deploymentBranchPolicy && { ...e.deploymentBranchPolicy };
    return {
      name,
      createdAt,
      updatedAt,
      waitTimer,
      preventSelfReview,
      canAdminsBypass,
      reviewers: [...reviewers],
      deploymentBranchPolicy: policy,
    };
  }

  /** An environment's branch (and tag) policies, in creation order. */
  branchPolicies(repo: string, env: string): FakeBranchPolicy[] {
    return this.env(repo, env).policies.map((p) => ({ ...p }));
  }

  /** The branch name patterns that admit deployments to an environment, sorted. */
  branchPatterns(repo: string, env: string): string[] {
    return this.branchPolicies(repo, env)
      .filter((p) => p.type === "branch")
      .map((p) => p.name)
      .sort();
  }

  /** Names of an environment's secrets (upper-case, as GitHub shows them), sorted. */
  secretNames(repo: string, env: string): string[] {
    return [...this.env(repo, env).secrets.keys()].sort();
  }

  /** A secret's metadata (what `GET` shows), or undefined. */
  secret(repo: string, env: string, name: string): { name: string; createdAt: Date; updatedAt: Date } | undefined {
    const s = this.env(repo, env).secrets.get(name.toUpperCase());
    return s && { name: s.name, createdAt: s.createdAt, updatedAt: s.updatedAt };
  }

  /** The plaintext the fake opened from the last sealed box (or hand edit) for a secret; never sent by the API. */
  secretValue(repo: string, env: string, name: string): string | undefined {
    return this.env(repo, env).secrets.get(name.toUpperCase())?.value;
  }

  /** A repository variable's value (variables are plaintext: the API shows it too), or undefined. */
  variableValue(repo: string, name: string): string | undefined {
    return this.repo(repo).variables.get(name.toUpperCase())?.value;
  }

  /** An environment's public key, as `GET …/secrets/public-key` returns it. */
  publicKey(repo: string, env: string): { key_id: string; key: string } {
    const { key } = this.env(repo, env);
    return { key_id: key.keyId, key: key.publicKey.toString("base64") };
  }

  // ---- hand edits (as in GitHub's UI: no API call is logged) ----------------------------------------------------

  /** Creates an environment or changes its settings. */
  setEnvironmentByHand(repo: string, env: string, settings: Partial<EnvironmentSettings> = {}): void {
    const r = this.repo(repo);
    const existing = r.environments.get(env.toLowerCase());
    const target = existing ?? this.createEnvironment(r, env);
    Object.assign(target, settings, { updatedAt: existing ? later(this.now(), existing.updatedAt) : target.updatedAt });
  }

  /** Deletes an environment with its branch policies and secrets. */
  deleteEnvironmentByHand(repo: string, env: string): void {
    this.repo(repo).environments.delete(this.env(repo, env).name.toLowerCase());
  }

  /** Adds a branch (or tag) policy; returns its id. */
  addBranchPolicyByHand(repo: string, env: string, name: string, type: "branch" | "tag" = "branch"): number {
    const id = ++this.lastId;
    this.env(repo, env).policies.push({ id, name, type });
    return id;
  }

  /** Removes the policies with this pattern. */
  removeBranchPolicyByHand(repo: string, env: string, name: string): void {
    const e = this.env(repo, env);
    if (!e.policies.some((p) => p.name === name)) throw new Error(`GitHubFake: ${repo}/${env} has no policy ${name}`);
    e.policies = e.policies.filter((p) => p.name !== name);
  }

  /** Changes a policy's pattern, keeping its id. */
  renameBranchPolicyByHand(repo: string, env: string, from: string, to: string): void {
    const policy = this.env(repo, env).policies.find((p) => p.name === from);
    if (!policy) throw new Error(`GitHubFake: ${repo}/${env} has no policy ${from}`);
    policy.name = to;
  }

  /**
   * Sets a secret's value as the UI does: created or replaced, `updated_at` moves. Measured with the real provider
   * (6.15.0 under the CLI 3.248): `pulumi refresh` stores the new `updated_at` as `remoteUpdatedAt` but plans no
   * change, so this edit is not drift the engine sees; a branch policy or environment edit is.
   */
  setSecretByHand(repo: string, env: string, name: string, value: string): void {
    const e = this.env(repo, env);
    const key = name.toUpperCase();
    const existing = e.secrets.get(key);
    const now = this.now();
    e.secrets.set(key, {
      name: key,
      value,
      createdAt: existing?.createdAt ?? later(now),
      updatedAt: later(now, existing?.updatedAt),
    });
  }

  /** Deletes a secret. */
  deleteSecretByHand(repo: string, env: string, name: string): void {
    if (!this.env(repo, env).secrets.delete(name.toUpperCase()))
      throw new Error(`GitHubFake: ${repo}/${env} has no secret ${name}`);
  }

  /** Sets (or, with `undefined`, deletes) a repository variable as the UI does. */
  setVariableByHand(repo: string, name: string, value: string | undefined): void {
    const vars = this.repo(repo).variables;
    const key = name.toUpperCase();
    const existing = vars.get(key);
    if (value === undefined) vars.delete(key);
    else
      vars.set(key, {
        name: key,
        value,
        createdAt: existing?.createdAt ?? later(this.now()),
        updatedAt: later(this.now(), existing?.updatedAt),
      });
  }

  /** Gives an environment a new key pair: a box sealed for the old key_id is refused from now on. */
  rotateKeyByHand(repo: string, env: string): void {
    this.env(repo, env).key = newSealingKey();
  }

  protected createEnvironment(repo: StoredRepository, name: string): StoredEnvironment {
    const now = later(this.now());
    const env: StoredEnvironment = {
      ...DEFAULT_SETTINGS,
      reviewers: [],
      id: ++this.lastId,
      name,
      createdAt: now,
      updatedAt: now,
      key: newSealingKey(),
      policies: [],
      secrets: new Map(),
    };
    repo.environments.set(name.toLowerCase(), env);
    return env;
  }

  protected repo(name: string): StoredRepository {
    const repo = this.repos.get(name.toLowerCase());
    if (!repo)
      throw new Error(
        `GitHubFake: no repository ${name} (have: ${[...this.repos.values()].map((r) => r.name).join(", ")})`,
      );
    return repo;
  }

  protected env(repo: string, env: string): StoredEnvironment {
    const e = this.repo(repo).environments.get(env.toLowerCase());
    if (!e) throw new Error(`GitHubFake: ${repo} has no environment ${env}`);
    return e;
  }
}
