/**
 * The policy pack as the CLI loads it (`--policy-pack policy`, through the language host) blocks a program change
 * that breaks the isolation: staging's frontend pointed at production's Supabase project. The deploy's `pulumi up`
 * fails in its preview (the same run of the pack as the pull request's preview), naming the policy and both
 * resources, before anything is written.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterUp, ci, runStep, suite } from "./context";
import { expectedVercel } from "./expected";
import { type CliRun, textOf } from "./harness";
import { committedConfig } from "./project";

/**
 * What the v3.248.0 CLI exits with when a mandatory policy fails. Not 5: `ExitPolicyViolation = 5` is defined in
 * pkg/cmd/pulumi/cmd/exit_codes.go, but `ExitCodeFor` does not map policy failures to it yet ("TODO: Wire policy,
 * timeout, and resource-specific errors"): the engine bails, and a bail exits 1.
 */
export const POLICY_FAILURE_EXIT = 1;
const STACK = "staging";
const POLICY = "one-supabase-project-per-stack";
/** The edit: the frontend's values of the program (components/environment.ts), for staging only. */
const FILE = path.join("components", "environment.ts");
const FROM = "agentUrl: cfg.agentUrl,\n          supabaseUrl: cfg.supabaseUrl,";
const BLOCKED = [
  "chef-chopsky-staging-frontend-env-preview-staging-next-public-supabase-url",
  "chef-chopsky-staging-frontend-env-preview-next-public-supabase-url",
];

function mandatory(run: CliRun) {
  return run.events.flatMap((e) =>
    e.policyEvent && String(e.policyEvent.enforcementLevel) === "mandatory" ? [e.policyEvent] : [],
  );
}

function assertBlocked(run: CliRun): void {
  assert.equal(run.code, POLICY_FAILURE_EXIT, textOf(run));
  const text = textOf(run);
  assert.match(text, new RegExp(`\\[mandatory\\]\\s+${POLICY}`));
  const violations = mandatory(run);
  assert.deepEqual([...new Set(violations.map((v) => v.policyName))], [POLICY], "only the breach is reported");
  assert.deepEqual(violations.map((v) => v.resourceUrn?.split("::").at(-1)).sort(), [...BLOCKED].sort());
  for (const [name, c] of Object.entries((run as CliRun & { calls: Record<string, { writes: number }> }).calls))
    assert.equal(c.writes, 0, `nothing was written to ${name}`);
}

export function registerPolicyTests(): void {
  describe("policy: the pack, loaded by the CLI, blocks a change that breaks the isolation", function () {
    let original = "";
    const file = () => path.join(suite().projectDir, FILE);

    before(function () {
      afterUp(STACK).metrics.startPhase("policy: a breaching program change");
      original = fs.readFileSync(file(), "utf8");
      assert.equal(original.split(FROM).length, 2, `${FILE} no longer reads ${JSON.stringify(FROM)}: update the suite`);
      const production = String(committedConfig("production")["chef-chopsky:supabaseUrl"]);
      const breach = FROM.replace(
        "supabaseUrl: cfg.supabaseUrl,",
        `supabaseUrl: env === "staging" ? ${JSON.stringify(production)} : cfg.supabaseUrl,`,
      );
      fs.writeFileSync(file(), original.replace(FROM, breach));
    });

    after(function () {
      if (original) fs.writeFileSync(file(), original);
    });

    it(`the deploy's up fails in its preview (exit ${POLICY_FAILURE_EXIT}), naming ${POLICY} and both variables; nothing written`, async function () {
      const s = afterUp(STACK);
      const run = await s.metrics.measure("up, staging frontend on production's database", () => runStep(ci(STACK).up));
      assertBlocked(run);
      const project = s.fakes.vercel.projects.project("chef-chopsky");
      const url = expectedVercel(STACK, s).find((v) => v.key === "NEXT_PUBLIC_SUPABASE_URL")?.value;
      for (const gitBranch of ["staging", undefined])
        assert.equal(
          s.fakes.vercel.projects.valueOf(project?.id ?? "", "NEXT_PUBLIC_SUPABASE_URL", "preview", gitBranch),
          url,
          `preview${gitBranch ? ` (${gitBranch})` : ""} still points at staging's database`,
        );
    });
  });
}
