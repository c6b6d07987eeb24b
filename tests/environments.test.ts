// The declared environments (lib/environments.ts): what follows from the declarations of production, staging and the
// feature previews, and the declaration mistakes that are refused before anything runs.
import * as assert from "node:assert/strict";
import {
  BRANCH,
  declarationOf,
  DECLARATIONS,
  DEPLOY_BRANCH_PATTERNS,
  ENVIRONMENT_NAMES,
  type EnvironmentDeclaration,
  environmentOfHost,
  environmentsNamedIn,
  otherEnvironmentOfUrl,
  otherEnvironments,
  PRODUCTION,
  servedPreviewUrls,
  servesAllPreviews,
  sharersOf,
} from "../lib/environments";
import { declarationProblems } from "../lib/environment-schema";

describe("declared environments", () => {
  it("production and staging have stacks; the feature previews share staging's", () => {
    assert.deepEqual(ENVIRONMENT_NAMES, ["production", "staging"]);
    assert.equal(PRODUCTION.name, "production");
    assert.deepEqual(BRANCH, { production: "main", staging: "staging" });
    assert.deepEqual(DEPLOY_BRANCH_PATTERNS, { production: ["main"], staging: ["staging", "feat/*", "feature/*"] });
    assert.deepEqual(
      sharersOf("staging").map((s) => [s.name, s.appEnv]),
      [["feature", "preview"]],
    );
    assert.equal(servesAllPreviews("staging"), true);
    assert.equal(servesAllPreviews("production"), false);
    assert.deepEqual(servedPreviewUrls("staging", "chef-chopsky"), ["https://chef-chopsky-git-*.vercel.app"]);
    assert.deepEqual(servedPreviewUrls("production", "chef-chopsky"), []);
    assert.deepEqual(otherEnvironments("staging"), ["production"]);
    assert.equal(declarationOf("staging").secretLabel, "STAGING");
    assert.equal(declarationOf("production").monitorLabel, "PROD");
  });

  it("tells the hosts and names of every environment apart by their labels", () => {
    assert.deepEqual(environmentsNamedIn("RAILWAY_STAGING_TOKEN"), ["staging"]);
    assert.deepEqual(environmentsNamedIn("prodAgentMonitor"), ["production"]);
    assert.deepEqual(environmentsNamedIn("products-staged"), []);
    assert.equal(
      environmentOfHost("chef-chopsky-git-feat-login.vercel.app"),
      "staging",
      "a preview: staging serves it",
    );
    assert.equal(environmentOfHost("chef-chopsky-stg.up.railway.app"), "staging");
    assert.equal(environmentOfHost("staging-reads-production.example.com"), undefined, "names two environments");
    assert.equal(otherEnvironmentOfUrl("https://chef-chopsky-production.vercel.app", "staging"), "production");
    assert.equal(otherEnvironmentOfUrl("https://chef-chopsky-production.vercel.app", "production"), undefined);
    assert.equal(otherEnvironmentOfUrl("not a url", "staging"), undefined);
  });

  it("the declarations as committed are consistent", () => {
    assert.deepEqual(declarationProblems(DECLARATIONS), []);
  });

  it("refuses declarations that would break isolation or the one Vercel project", () => {
    const base: EnvironmentDeclaration[] = [...DECLARATIONS];
    const demo = { name: "demo", title: "Demo", branch: "demo", labels: ["demo"] };
    assert.deepEqual(declarationProblems([...base, demo]), []);
    const problems = (extra: EnvironmentDeclaration[]) => declarationProblems([...base, ...extra]).join("\n");
    assert.match(problems([{ ...demo, labels: ["stg"] }]), /the label "stg" is claimed by both staging and demo/);
    assert.match(
      problems([{ ...demo, branch: "staging" }]),
      /the branch "staging" is claimed by both staging and demo/,
    );
    assert.match(problems([{ ...demo, name: "staging" }]), /staging is declared twice/);
    assert.match(problems([{ ...demo, production: true }]), /exactly one production environment, got 2/);
    assert.match(problems([{ ...demo, name: "Demo!" }]), /declaration 3 \(Demo!\): expected a lowercase name/);
    assert.match(
      problems([{ name: "qa", title: "QA", sharesWith: "nowhere", branches: ["qa"] }]),
      /qa shares with "nowhere", which is not an environment with a stack/,
    );
    assert.match(
      problems([{ name: "hotfix", title: "Hotfix", sharesWith: "staging", branches: ["hotfix/*"] }]),
      /only one environment may deploy from branch patterns, got feature, hotfix/,
    );
    assert.match(
      problems([{ ...demo, secretLabel: "STAGING" }]),
      /the secret label "STAGING" is claimed by both staging and demo/,
    );
  });
});
