// vercel-target-matches-stack: production writes only the `production` target, staging only `preview` (never for
// branch main), and only production owns the Vercel project. Baselines: the real synth of each stack.
import * as assert from "node:assert/strict";
import { evaluate, expectClean, expectViolation } from "../fixtures/policy/evaluate";
import { addCopy, inputsOf, mutate, useBaselines } from "../fixtures/policy/baseline";
import { VERCEL_PROJECT } from "../harness";

const P = "vercel-target-matches-stack";
const PROD_KEY = "frontend-env-production-supabase-secret-key";
const PREVIEW_KEY = "frontend-env-preview-supabase-secret-key";
const PREVIEW_APP_ENV = "frontend-env-preview-next-public-app-env";

describe(`policy ${P}`, () => {
  const stacks = useBaselines();
  const change = (stack: "production" | "staging", suffix: string, c: (i: Record<string, unknown>) => void) =>
    mutate(stacks[stack], (s) => c(inputsOf(s, suffix)));

  it("baseline: production passes", () => expectClean(stacks.production, P));
  it("baseline: staging passes, its branch-staging variables included", async () => {
    await expectClean(stacks.staging, P);
    assert.equal(inputsOf(stacks.staging, "frontend-env-preview-staging-next-public-app-env").gitBranch, "staging");
  });

  it("mutation: a preview target beside production → violation", () =>
    expectViolation(
      change("production", PROD_KEY, (i) => (i.targets = ["production", "preview"])),
      P,
      /SUPABASE_SECRET_KEY: targets includes \["preview"\]; the production stack writes only "production"/,
      PROD_KEY,
    ));
  it("mutation: a production target on staging → violation", () =>
    expectViolation(
      change("staging", PREVIEW_KEY, (i) => (i.targets = ["production"])),
      P,
      /includes \["production"\]; the staging stack writes only "preview"/,
      PREVIEW_KEY,
    ));
  it("mutation: no targets → violation", () =>
    expectViolation(
      change("staging", PREVIEW_APP_ENV, (i) => delete i.targets),
      P,
      /NEXT_PUBLIC_APP_ENV: targets is empty; the staging stack writes exactly \["preview"\]/,
    ));
  it("mutation: custom environment ids instead of targets → violation", async () => {
    const bad = change("production", PROD_KEY, (i) => {
      delete i.targets;
      i.customEnvironmentIds = ["env_qa"];
    });
    await expectViolation(bad, P, /custom environments are not part of the runbook's environments/);
    assert.ok(!(await evaluate(bad, P)).some((v) => /targets is empty/.test(v.message)));
  });
  it("mutation: a staging variable for branch main → violation", () =>
    expectViolation(
      change("staging", PREVIEW_APP_ENV, (i) => (i.gitBranch = "main")),
      P,
      /gitBranch "main" is production's branch/,
    ));
  it("mutation: a production variable with a git branch → violation", () =>
    expectViolation(
      change("production", PROD_KEY, (i) => (i.gitBranch = "staging")),
      P,
      /gitBranch "staging" applies to previews; production variables have none/,
    ));
  it("mutation: the Vercel project in the staging stack → violation", () =>
    expectViolation(
      mutate(stacks.staging, (s) => {
        const project = { ...inputsOf(stacks.production, "frontend-project") };
        addCopy(s, PREVIEW_APP_ENV, "chef-chopsky-staging-frontend-project", {
          type: VERCEL_PROJECT,
          inputs: project,
          replaceInputs: true,
        });
      }),
      P,
      /the Vercel project belongs to the production stack/,
      "chef-chopsky-staging-frontend-project",
    ));
  it("mutation: a batch variables resource with a development target → violation naming the item", () =>
    expectViolation(
      mutate(stacks.production, (s) =>
        addCopy(s, PROD_KEY, "batch", {
          type: "vercel:index/projectEnvironmentVariables:ProjectEnvironmentVariables",
          inputs: {
            projectId: "prj",
            variables: [{ key: "X", value: "1", targets: ["development"], comment: "plain" }],
          },
          replaceInputs: true,
        }),
      ),
      P,
      /X: variables\[0\]\.targets includes \["development"\]/,
      "batch",
    ));
  it('mutation: a variable without a key and without targets → reported as "variable"', () =>
    expectViolation(
      change("production", PROD_KEY, (i) => {
        delete i.key;
        delete i.targets;
      }),
      P,
      /^variable: targets is empty/,
    ));
  it("mutation: a production variable with an empty gitBranch → still passes", async () => {
    assert.deepEqual(
      await evaluate(
        change("production", PROD_KEY, (i) => (i.gitBranch = "")),
        P,
      ),
      [],
    );
  });
  it("mutation: inline environments of the project (production) with a preview target → violation", () =>
    expectViolation(
      change("production", "frontend-project", (i) => {
        i.environments = [{ key: "X", value: "1", targets: ["preview"], comment: "plain" }];
      }),
      P,
      /X: environments\[0\]\.targets includes \["preview"\]/,
      "frontend-project",
    ));
  it("mutation: empty items of a batch resource are skipped, the others checked", async () => {
    const bad = mutate(stacks.production, (s) =>
      addCopy(s, PROD_KEY, "batch", {
        type: "vercel:index/projectEnvironmentVariables:ProjectEnvironmentVariables",
        inputs: { variables: [null, {}, { value: "1", targets: ["preview"], comment: "plain" }] },
        replaceInputs: true,
      }),
    );
    assert.deepEqual(
      (await evaluate(bad, P)).map((v) => v.message),
      ['variables[2].: variables[2].targets includes ["preview"]; the production stack writes only "production".'],
    );
  });
  it("mutation: an `environments` list on a resource that is not Vercel's → not a Vercel variable", async () => {
    const ok = change("production", "agent-variables", (i) => (i.environments = [{ key: "X", targets: ["preview"] }]));
    assert.deepEqual(await evaluate(ok, P), []);
  });
  it("mutation: a staging variable for a branch staging does not serve → violation listing its branches", () =>
    expectViolation(
      change("staging", PREVIEW_APP_ENV, (i) => (i.gitBranch = "release")),
      P,
      /^NEXT_PUBLIC_APP_ENV: gitBranch "release" is not a branch of staging \(staging\)\.$/,
    ));
});
