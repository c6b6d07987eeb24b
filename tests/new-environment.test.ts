// A third environment is one declaration and one stack file. In a copy of the repository, `demo` is declared in
// lib/environments.ts (above the marked line, as docs/RUNBOOK.md says) and given Pulumi.demo.yaml; then, with nothing
// else changed: `npm run plan` synthesizes all three stacks and the policy pack passes each; the pack refuses, for
// every ordered pair of environments, a stack pointing at the other's host, and demo writing staging's secret; the
// config refuses a stack no declaration names (listing the three) and demo pointing at staging; demo's catalog
// secrets, GitHub environment, Vercel preview branch, monitors and health checks follow from the declaration; and
// `npm run docs` has the runbook to regenerate with demo in it.
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { copyRepository } from "./repo-copy";

const DECLARATION = '  { name: "demo", title: "Demo", branch: "demo", labels: ["demo"] },\n';
const MARKER = "  // Declare a new environment above this line";
const STACK_FILE = `config:
  chef-chopsky:frontendUrl: https://chef-chopsky-git-demo.vercel.app
  chef-chopsky:agentUrl: https://chef-chopsky-demo.up.railway.app
  chef-chopsky:branch: demo
  chef-chopsky:githubRepository: chef-chopsky/chef-chopsky
  chef-chopsky:supabaseUrl: https://mdemoprojectrefxyzab.supabase.co
  chef-chopsky:railwayProjectId: 1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d
  chef-chopsky:railwayEnvironmentId: 6d5c4b3a-2f1e-4d0c-8b9a-7f6e5d4c3b2a
  chef-chopsky:railwayServiceId: 0f9e8d7c-6b5a-4c3d-a2e1-f0e9d8c7b6a5
`;

interface Result {
  stacks: string[];
  planCode: number;
  plan: string;
  clean: { stack: string; mandatory: number }[];
  pairs: { from: string; to: string; violations: string[] }[];
  foreignSecret: string[];
  undeclared: string;
  demoAtStaging: string;
  demoSecrets: string[];
  demoOutputs: { healthChecks: { name: string; severity: string }[] };
  demoResources: string[];
  runbookStale: boolean;
  runbookRendered: string;
}

describe("a third environment, declared in one place", function () {
  this.timeout(240_000);
  let dir = "";
  let result: Result;

  before(async function () {
    const copy = copyRepository("new-environment-");
    dir = copy.dir;
    const declarations = path.join(copy.repo, "lib", "environments.ts");
    const source = fs.readFileSync(declarations, "utf8");
    assert.ok(source.includes(MARKER), "lib/environments.ts marks where a declaration goes");
    fs.writeFileSync(declarations, source.replace(MARKER, DECLARATION + MARKER));
    fs.writeFileSync(path.join(copy.repo, "Pulumi.demo.yaml"), STACK_FILE);
    fs.mkdirSync(path.join(copy.repo, "out"));
    const script = path.join("tests", "fixtures", "new-environment", "check.ts");
    const child = spawn(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--swc", script], {
      cwd: copy.repo,
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 0, stderr);
    result = JSON.parse(fs.readFileSync(path.join(copy.repo, "out", "new-environment.json"), "utf8")) as Result;
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("npm run plan synthesizes all three stacks and the policy pack passes each", () => {
    assert.deepEqual(result.stacks, ["production", "staging", "demo"]);
    assert.equal(result.planCode, 0, result.plan);
    for (const stack of result.stacks) assert.match(result.plan, new RegExp(`stack ${stack}\\b`));
    assert.match(result.plan, /plan: ok/);
    assert.deepEqual(
      result.clean.map((c) => c.mandatory),
      [0, 0, 0],
    );
  });

  it("the policy pack keeps every pair of environments apart", () => {
    assert.equal(result.pairs.length, 6);
    for (const { from, to, violations } of result.pairs)
      assert.ok(
        violations.some((v) => v.startsWith("no-cross-environment-endpoint") && v.includes(`${to} host`)),
        `${from} pointing at ${to}: ${violations.join("; ")}`,
      );
    assert.ok(
      result.foreignSecret.some((v) =>
        /own-environment-secrets-only: .*STAGING_OPENAI_API_KEY is a catalog secret of staging, not of demo/.test(v),
      ),
      result.foreignSecret.join("\n"),
    );
  });

  it("the config refuses an undeclared stack, listing the declared ones, and demo pointing at staging", () => {
    assert.match(result.undeclared, /stack: expected the stack to be one of .*: production, staging, demo; got "qa"/);
    assert.match(result.demoAtStaging, /agentUrl: chef-chopsky-staging\.up\.railway\.app is a staging host/);
  });

  it("its secrets, GitHub environment, Vercel branch, monitors and health checks follow from the declaration", () => {
    for (const name of ["RAILWAY_DEMO_TOKEN", "DEMO_SUPABASE_URL", "DEMO_OPENAI_API_KEY", "UPTIME_ROBOT_DEMO_AGENT_ID"])
      assert.ok(result.demoSecrets.includes(name), `${name} in ${result.demoSecrets.join(", ")}`);
    assert.ok(!result.demoSecrets.some((n) => /STAGING|PROD|LANGCHAIN|VERCEL/.test(n)), result.demoSecrets.join(", "));
    const has = (pattern: RegExp) =>
      assert.ok(
        result.demoResources.some((r) => pattern.test(r)),
        String(pattern),
      );
    has(/RepositoryEnvironment chef-chopsky-demo-github-environment$/);
    has(/RepositoryEnvironmentDeploymentPolicy chef-chopsky-demo-github-branch-demo$/);
    has(/ProjectEnvironmentVariable chef-chopsky-demo-frontend-env-preview-demo-supabase-secret-key$/);
    has(/Monitor chef-chopsky-demo-monitoring-agent$/);
    assert.ok(
      !result.demoResources.some((r) => /vercel:index\/project:Project /.test(r)),
      "no Vercel project of its own",
    );
    assert.deepEqual(
      result.demoOutputs.healthChecks.map((c) => [c.name, c.severity]),
      [
        ["demo-frontend", "P2"],
        ["demo-agent", "P2"],
      ],
    );
  });

  it("npm run docs has the runbook to regenerate: demo's secrets, config commands, overview row and CI environments", () => {
    assert.equal(result.runbookStale, true);
    for (const text of [
      "#### Demo secrets",
      "`DEMO_SUPABASE_SECRET_KEY`",
      "##### Stack `demo`",
      "| Demo | `demo` | `demo` |",
      "| `preview-demo` |",
      "gh secret set PULUMI_ACCESS_TOKEN --env demo-read",
    ])
      assert.ok(result.runbookRendered.includes(text), text);
  });
});
