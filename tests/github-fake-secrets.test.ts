// The GitHub fake's environment secrets through HTTP, sealed as the provider seals them (libsodium sealed box with
// the environment's public key): the fake opens the box and keeps the plaintext where it was sent (201 new, 204
// updated, updated_at moving), GET shows name and timestamps only, 422 for a box that does not open or names a
// stale key_id, 404 for what is absent. Then the hand edits tests use to simulate changes made in GitHub's UI.
import * as assert from "node:assert/strict";
import { GitHubFake, sealForGitHub } from "./fakes/github";
import { gh, providerEnvironmentBody } from "./fakes/github-http";
import { useFake } from "./fakes/server";

const OWNER = "chef-chopsky";
const REPO = "chef-chopsky";
const TOKEN = "ghp_fakeFAKEfake0123456789abcdefghijkl";
const IMPROPER = "Bad request - validation failed due to an improperly encrypted secret";

describe("GitHub fake: environment secrets and hand edits", () => {
  let clock = new Date("2025-06-01T10:00:00Z");
  const fake = useFake(() => new GitHubFake({ token: TOKEN, owner: OWNER, repositories: [REPO], now: () => clock }));
  const secrets = (env: string) => `/repositories/${fake().repositoryId(REPO)}/environments/${env}/secrets`;
  /** What the provider does: GET the public key, seal with it, PUT key_id + encrypted_value. */
  async function putSecret(env: string, name: string, value: string) {
    const key = (await gh(fake(), "GET", `${secrets(env)}/public-key`)).body as { key_id: string; key: string };
    return gh(fake(), "PUT", `${secrets(env)}/${name}`, {
      key_id: key.key_id,
      encrypted_value: await sealForGitHub(value, key.key),
    });
  }
  beforeEach(async () => {
    clock = new Date("2025-06-01T10:00:00Z");
    for (const env of ["production", "staging"])
      await gh(fake(), "PUT", `/repos/${OWNER}/${REPO}/environments/${env}`, providerEnvironmentBody());
  });

  it("serves a real X25519 public key per environment, with a numeric key_id", async () => {
    const prod = (await gh(fake(), "GET", `${secrets("production")}/public-key`)).body as Record<string, string>;
    const staging = (await gh(fake(), "GET", `${secrets("staging")}/public-key`)).body as Record<string, string>;
    assert.match(prod.key_id, /^\d{6,20}$/);
    assert.equal(Buffer.from(prod.key, "base64").length, 32);
    assert.notEqual(prod.key, staging.key);
    assert.notEqual(prod.key_id, staging.key_id);
    assert.deepEqual(prod, fake().publicKey(REPO, "production"));
  });

  it("opens a sealed PUT and keeps the plaintext where it was sent: 201, then 204 with a later updated_at", async () => {
    const created = await putSecret("production", "OPENAI_API_KEY", "sk-prod-value");
    assert.deepEqual([created.status, created.body], [201, {}]);
    await putSecret("staging", "openai_api_key", "sk-staging-value");
    assert.equal(fake().secretValue(REPO, "production", "OPENAI_API_KEY"), "sk-prod-value");
    assert.equal(fake().secretValue(REPO, "staging", "OPENAI_API_KEY"), "sk-staging-value");
    assert.deepEqual(fake().secretNames(REPO, "staging"), ["OPENAI_API_KEY"], "names are kept upper-case");

    const got = await gh(fake(), "GET", `${secrets("production")}/OPENAI_API_KEY`);
    assert.deepEqual(got.body, {
      name: "OPENAI_API_KEY",
      created_at: "2025-06-01T10:00:00Z",
      updated_at: "2025-06-01T10:00:00Z",
    });
    assert.ok(!got.text.includes("sk-prod-value"));

    const updated = await putSecret("production", "OPENAI_API_KEY", "sk-prod-rotated");
    assert.deepEqual([updated.status, updated.text], [204, ""]);
    assert.equal(fake().secretValue(REPO, "production", "OPENAI_API_KEY"), "sk-prod-rotated");
    const after = (await gh(fake(), "GET", `${secrets("production")}/openai_api_key`)).body as Record<string, string>;
    assert.equal(after.created_at, "2025-06-01T10:00:00Z");
    assert.equal(after.updated_at, "2025-06-01T10:00:01Z", "moves even when the clock has not");
    clock = new Date("2025-06-01T11:30:00.700Z");
    await putSecret("production", "OPENAI_API_KEY", "sk-prod-third");
    assert.equal(
      fake().secret(REPO, "production", "OPENAI_API_KEY")?.updatedAt.toISOString(),
      "2025-06-01T11:30:00.000Z",
    );
  });

  it("422 for a box sealed for another environment, a stale key_id, a tampered box, or a value that is not base64", async () => {
    const prodKey = fake().publicKey(REPO, "production");
    const stagingKey = fake().publicKey(REPO, "staging");
    const put = (key_id: string, encrypted_value: string) =>
      gh(fake(), "PUT", `${secrets("staging")}/SUPABASE_KEY`, { key_id, encrypted_value });
    const sealedForProd = await sealForGitHub("meant-for-production", prodKey.key);
    for (const res of [await put(prodKey.key_id, sealedForProd), await put(stagingKey.key_id, sealedForProd)]) {
      assert.equal(res.status, 422);
      assert.equal((res.body as { message: string }).message, IMPROPER);
    }
    const good = await sealForGitHub("staging-value", stagingKey.key);
    const tampered = Buffer.from(good, "base64");
    tampered[tampered.length - 1] ^= 1;
    assert.equal((await put(stagingKey.key_id, tampered.toString("base64"))).status, 422);
    assert.equal((await put(prodKey.key_id, good)).status, 422, "a box that opens, sent with another key_id");
    const notBase64 = await put(stagingKey.key_id, "plain text value!");
    assert.equal(notBase64.status, 422);
    assert.ok(!notBase64.text.includes("plain text value"), "the refused value is not echoed");
    assert.equal(
      (await gh(fake(), "PUT", `${secrets("staging")}/SUPABASE_KEY`, { encrypted_value: good })).status,
      422,
    );
    assert.deepEqual(fake().secretNames(REPO, "staging"), [], "nothing was stored");

    fake().rotateKeyByHand(REPO, "staging");
    assert.equal((await put(stagingKey.key_id, good)).status, 422, "the key_id is stale after a rotation");
    assert.equal((await putSecret("staging", "SUPABASE_KEY", "after-rotation")).status, 201);
  });

  it("422 for a secret name GitHub refuses; 404 for an unknown repository id, environment or secret", async () => {
    for (const name of ["GITHUB_TOKEN", "1ST_KEY", "MY-KEY"]) {
      const res = await putSecret("production", name, "x");
      assert.equal(res.status, 422, name);
    }
    assert.equal(
      (await gh(fake(), "GET", `/repositories/12345/environments/production/secrets/public-key`)).status,
      404,
    );
    assert.equal((await gh(fake(), "GET", `${secrets("nope")}/public-key`)).status, 404);
    const sealed = await sealForGitHub("v", fake().publicKey(REPO, "production").key);
    assert.equal(
      (await gh(fake(), "PUT", `${secrets("nope")}/A_KEY`, { key_id: "1", encrypted_value: sealed })).status,
      404,
    );
    const missing = await gh(fake(), "GET", `${secrets("production")}/NOT_THERE`);
    assert.deepEqual([missing.status, (missing.body as { message: string }).message], [404, "Not Found"]);
    await putSecret("production", "A_KEY", "v");
    assert.equal((await gh(fake(), "DELETE", `${secrets("production")}/A_KEY`)).status, 204);
    assert.equal((await gh(fake(), "GET", `${secrets("production")}/A_KEY`)).status, 404);
    assert.equal((await gh(fake(), "DELETE", `${secrets("production")}/A_KEY`)).status, 404);
  });

  it("hand edits: a secret set in the UI moves updated_at; a deleted environment takes its secrets along", async () => {
    await putSecret("production", "OPENAI_API_KEY", "declared");
    const before = ((await gh(fake(), "GET", `${secrets("production")}/OPENAI_API_KEY`)).body as Record<string, string>)
      .updated_at;
    fake().resetCalls();
    fake().setSecretByHand(REPO, "production", "OPENAI_API_KEY", "typed-in-the-ui");
    assert.equal(fake().calls.length, 0, "hand edits make no API call");
    const after = ((await gh(fake(), "GET", `${secrets("production")}/OPENAI_API_KEY`)).body as Record<string, string>)
      .updated_at;
    assert.ok(after > before, `${after} > ${before}`);
    assert.equal(fake().secretValue(REPO, "production", "OPENAI_API_KEY"), "typed-in-the-ui");
    fake().deleteSecretByHand(REPO, "production", "OPENAI_API_KEY");
    assert.equal((await gh(fake(), "GET", `${secrets("production")}/OPENAI_API_KEY`)).status, 404);

    await putSecret("staging", "OPENAI_API_KEY", "v");
    fake().deleteEnvironmentByHand(REPO, "staging");
    assert.equal((await gh(fake(), "GET", `/repos/${OWNER}/${REPO}/environments/staging`)).status, 404);
    assert.equal((await gh(fake(), "GET", `${secrets("staging")}/OPENAI_API_KEY`)).status, 404);
    assert.throws(() => fake().secretNames(REPO, "staging"), /has no environment staging/);
  });

  it("hand edits: branch policies added, renamed and removed, and policy flags changed, show through the API", async () => {
    const policies = `/repos/${OWNER}/${REPO}/environments/staging/deployment-branch-policies`;
    const id = fake().addBranchPolicyByHand(REPO, "staging", "feat/*");
    assert.equal(((await gh(fake(), "GET", `${policies}/${id}`)).body as { name: string }).name, "feat/*");
    fake().renameBranchPolicyByHand(REPO, "staging", "feat/*", "hotfix/*");
    assert.equal(((await gh(fake(), "GET", `${policies}/${id}`)).body as { name: string }).name, "hotfix/*");
    fake().removeBranchPolicyByHand(REPO, "staging", "hotfix/*");
    assert.equal((await gh(fake(), "GET", `${policies}/${id}`)).status, 404);
    assert.throws(() => fake().removeBranchPolicyByHand(REPO, "staging", "hotfix/*"), /no policy hotfix/);

    fake().setEnvironmentByHand(REPO, "staging", { deploymentBranchPolicy: null });
    const env = (await gh(fake(), "GET", `/repos/${OWNER}/${REPO}/environments/staging`)).body as Record<
      string,
      unknown
    >;
    assert.equal(env.deployment_branch_policy, null);
    assert.deepEqual(env.protection_rules, []);
    assert.equal((await gh(fake(), "POST", policies, { name: "main" })).status, 404, "custom policies are off now");
  });
});
