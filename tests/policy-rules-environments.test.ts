// Environment boundary rules (branches, Vercel targets, endpoints, Supabase project, names), called directly:
// one mutation of the compliant baseline per violation.
import * as assert from "node:assert/strict";
import { evaluate, expectClean, expectViolation } from "./fixtures/policy/evaluate";
import { baseline, byName, mutate, resource, rootUrn } from "./fixtures/policy/stacks";

const prod = baseline("production");
const staging = baseline("staging");
const ENV = "github:index/repositoryEnvironment:RepositoryEnvironment";
const DEPLOY = "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy";

describe("policy production-deploys-from-main-only", () => {
  const P = "production-deploys-from-main-only";
  const env = (s: typeof prod) => byName(s, "github-env-production").inputs;
  it("rejects a production environment without a branch policy", () =>
    expectViolation(
      mutate(prod, (s) => delete env(s).deploymentBranchPolicy),
      P,
      /every branch can deploy to production/,
    ));
  it("rejects protected branches", () =>
    expectViolation(
      mutate(prod, (s) => (env(s).deploymentBranchPolicy = { protectedBranches: true, customBranchPolicies: false })),
      P,
      /protectedBranches is true/,
    ));
  it("rejects a policy that is not custom branches", () =>
    expectViolation(
      mutate(prod, (s) => (env(s).deploymentBranchPolicy = { protectedBranches: false, customBranchPolicies: false })),
      P,
      /customBranchPolicies must be true/,
    ));
  it("rejects a wildcard deployment policy", () =>
    expectViolation(
      mutate(prod, (s) => (byName(s, "github-env-production-branch-0").inputs.branchPattern = "*")),
      P,
      /branchPattern "\*"/,
    ));
  it("rejects a second branch", async () => {
    const bad = mutate(prod, (s) =>
      s.resources.push(
        resource("production", DEPLOY, "extra", { environment: "production", branchPattern: "staging" }),
      ),
    );
    await expectViolation(bad, P, /branchPattern "staging" lets more than "main" deploy/);
  });
  it("rejects a tag pattern", async () => {
    const bad = mutate(prod, (s) =>
      s.resources.push(resource("production", DEPLOY, "tags", { environment: "production", tagPattern: "v*" })),
    );
    await expectViolation(bad, P, /tagPattern "v\*"/);
  });
  it("leaves staging's feat/* and feature/* patterns alone", async () => {
    assert.deepEqual(await evaluate(staging, P), []);
    assert.ok(staging.resources.some((r) => r.type === DEPLOY && r.inputs.branchPattern === "feat/*"));
    assert.ok(staging.resources.some((r) => r.type === ENV));
  });
});

describe("policy vercel-target-matches-stack", () => {
  const P = "vercel-target-matches-stack";
  it("rejects a preview target on production", () =>
    expectViolation(
      mutate(
        prod,
        (s) => (byName(s, "frontend-production-SUPABASE_SECRET_KEY").inputs.targets = ["production", "preview"]),
      ),
      P,
      /includes \["preview"\]; the production stack writes only "production"/,
    ));
  it("rejects a production target on staging", () =>
    expectViolation(
      mutate(staging, (s) => (byName(s, "frontend-preview-SUPABASE_SECRET_KEY").inputs.targets = ["production"])),
      P,
      /the staging stack writes only "preview"/,
    ));
  it("rejects a variable without targets", () =>
    expectViolation(
      mutate(staging, (s) => delete byName(s, "frontend-preview-NEXT_PUBLIC_APP_ENV").inputs.targets),
      P,
      /targets is empty/,
    ));
  it("rejects a staging preview variable for branch main", () =>
    expectViolation(
      mutate(staging, (s) => (byName(s, "frontend-preview-NEXT_PUBLIC_APP_ENV").inputs.gitBranch = "main")),
      P,
      /production's branch/,
    ));
  it("accepts a staging preview variable for branch staging", async () => {
    const ok = mutate(staging, (s) => (byName(s, "frontend-preview-NEXT_PUBLIC_APP_ENV").inputs.gitBranch = "staging"));
    assert.deepEqual(await evaluate(ok, P), []);
  });
  it("rejects the Vercel project in the staging stack", async () => {
    const bad = mutate(staging, (s) =>
      s.resources.push(resource("staging", "vercel:index/project:Project", "p", { name: "chef-chopsky" })),
    );
    await expectViolation(bad, P, /belongs to the production stack/);
  });
  it("checks the batch resource's variables too", async () => {
    const t = "vercel:index/projectEnvironmentVariables:ProjectEnvironmentVariables";
    const bad = mutate(prod, (s) =>
      s.resources.push(
        resource("production", t, "batch", {
          variables: [{ key: "X", value: "1", targets: ["development"], comment: "plain" }],
        }),
      ),
    );
    await expectViolation(bad, P, /X: variables\[0\]\.targets includes \["development"\]/);
  });
});

describe("policy no-cross-environment-endpoint", () => {
  const P = "no-cross-environment-endpoint";
  it("rejects a production Vercel variable pointing at the staging agent", () =>
    expectViolation(
      mutate(
        prod,
        (s) =>
          (byName(s, "frontend-production-NEXT_PUBLIC_AGENT_URL").inputs.value =
            "https://chef-chopsky-staging.up.railway.app"),
      ),
      P,
      /value points at staging host chef-chopsky-staging\.up\.railway\.app/,
    ));
  it("rejects a staging monitor watching the production frontend", () =>
    expectViolation(
      mutate(
        staging,
        (s) => (byName(s, "monitor-frontend-staging").inputs.url = "https://chef-chopsky-production.vercel.app"),
      ),
      P,
      /url points at production host/,
    ));
  it("rejects preview URLs in production's auth allow list (comma-separated)", () =>
    expectViolation(
      mutate(
        prod,
        (s) =>
          (byName(s, "auth-settings-production").inputs.uriAllowList += ",https://chef-chopsky-git-*.vercel.app/**"),
      ),
      P,
      /uriAllowList points at staging host chef-chopsky-git-\*\.vercel\.app/,
    ));
  it("finds a bare host deep inside a command line", () =>
    expectViolation(
      mutate(
        prod,
        (s) =>
          (byName(s, "agent-deploy-production").inputs.create = "curl -fsS chef-chopsky-staging.up.railway.app/health"),
      ),
      P,
      /create points at staging host/,
    ));
  it("finds a staging web-hook in a nested map", () =>
    expectViolation(
      mutate(
        prod,
        (s) =>
          (byName(s, "agent-variables-production").inputs.variables = { HOOKS: ["https://hooks.stg.example.com/x"] }),
      ),
      P,
      /variables\.HOOKS\[0\] points at staging host hooks\.stg\.example\.com/,
    ));
  it("ignores the StackReference that names the production stack", async () => {
    assert.deepEqual(await evaluate(staging, P), []);
  });
});

describe("policy one-supabase-project-per-stack", () => {
  const P = "one-supabase-project-per-stack";
  it("rejects a second Supabase project in one stack", async () => {
    const bad = mutate(staging, (s) => {
      const vars = byName(s, "agent-variables-staging").inputs.variables as Record<string, string>;
      vars.SUPABASE_URL = "https://prodprodprodprodprod.supabase.co";
    });
    const v = await expectViolation(
      bad,
      P,
      /mentions Supabase project prodprodprodprodprod, but the stack's project is stagstagstagstagstag/,
    );
    assert.match(v.urn, /agent-variables-staging$/);
  });
});

describe("policy nothing-named-for-other-environment", () => {
  const P = "nothing-named-for-other-environment";
  it("rejects a resource named for the other environment", () =>
    expectViolation(
      mutate(prod, (s) =>
        s.resources.push(resource("production", "chef-chopsky:monitoring:Monitoring", "staging-monitoring", {})),
      ),
      P,
      /resource name "staging-monitoring"/,
    ));
  it("rejects a monitor whose friendly name is the other environment's", () =>
    expectViolation(
      mutate(staging, (s) => (byName(s, "monitor-agent-staging").inputs.friendlyName = "Chef Chopsky prod agent")),
      P,
      /friendlyName "Chef Chopsky prod agent"/,
    ));
  it("rejects a stack that no declaration names, listing the declared ones", async () => {
    const dev = mutate(prod, (s) => {
      s.stack = "dev";
      s.resources = [{ ...s.resources[0], urn: rootUrn("dev") }];
    });
    await expectViolation(dev, P, /stack "dev" is not one of the declared environments \(production, staging\)/);
  });
  it("does not flag names that merely contain the letters (products, staged)", () =>
    expectClean(
      mutate(prod, (s) => s.resources.push(resource("production", "chef-chopsky:x:Y", "products-staged", {}))),
      P,
    ));
});
