/**
 * The policy pack as the CLI loads it (`--policy-pack policy`, through .tools/bin/pulumi-analyzer-policy-nodejs):
 * it passes the real program, and blocks staging programs that break the isolation, with the CLI's exit code and
 * the policy's name in the output, before anything reaches the service.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyEvent, Stack } from "@pulumi/pulumi/automation";
import { afterFirstUp, context } from "./context";
import { createStack, freshStateDir, POLICY_PACK } from "./harness";
import { type OpRecord, failureOf, resultOf } from "./ops";
import { declared, FRONTEND_URL, SECRETS, STACK } from "./program";
import { AlertContact } from "../../providers/uptimerobot/alert-contact";
import { Monitor } from "../../providers/uptimerobot/monitor";

/**
 * What the v3.248.0 CLI exits with when a mandatory policy fails. Not 5: `ExitPolicyViolation = 5` is defined in
 * pkg/cmd/pulumi/cmd/exit_codes.go, but `ExitCodeFor` does not map policy failures to it yet ("TODO: Wire policy,
 * timeout, and resource-specific errors"): the engine bails, and a bail exits 1.
 */
export const POLICY_FAILURE_EXIT = 1;
const PACK = "chef-chopsky-isolation";
const BREACH = "isolation-breach";
/** A secret-shaped value the plaintext rule must catch, and must never print. */
const LEAKED_KEY = "sk-proj-engineSuiteLeakedIntoAUrl0123456789";

type Variant = "cross-environment" | "plaintext-secret" | "cross-environment-unknown-input" | "compliant";

const CASES: { variant: Variant; policy: string; what: string; url: string }[] = [
  {
    variant: "cross-environment",
    policy: "no-cross-environment-endpoint",
    what: "a staging monitor watching the production agent",
    url: "https://chef-chopsky-production.up.railway.app/health",
  },
  {
    variant: "plaintext-secret",
    policy: "no-secret-in-plaintext-place",
    what: "a secret-shaped string in a plain input",
    url: `${FRONTEND_URL}/?token=${LEAKED_KEY}`,
  },
];

/** A staging program that declares one monitor that breaks the isolation (and, for one variant, a contact). */
function breachProgram(variant: () => Variant, apiUrl: () => string): () => Promise<void> {
  return async () => {
    const v = variant();
    const url = v === "compliant" ? `${FRONTEND_URL}/status` : v === "plaintext-secret" ? CASES[1].url : CASES[0].url;
    // The new contact's id is unknown during preview, so the monitor's inputs hold an unknown value.
    const contact =
      v === "cross-environment-unknown-input"
        ? new AlertContact(`${BREACH}-contact`, {
            friendlyName: "Chef Chopsky staging breach alerts",
            webhookUrl: pulumi.secret("https://alerts.example.invalid/hook"),
            apiUrl: apiUrl(),
          })
        : undefined;
    new Monitor(BREACH, {
      friendlyName: "Chef Chopsky staging breach",
      url,
      type: 1,
      interval: 300,
      alertContactIds: contact ? [contact.id] : [],
      apiUrl: apiUrl(),
    });
  };
}

function policyEvents(rec: OpRecord<unknown>): PolicyEvent[] {
  return rec.events.flatMap((e) => (e.policyEvent ? [e.policyEvent] : []));
}

/** The policy packs the engine reports it ran (the summary event's field is PascalCase on the wire). */
function packsRun(rec: OpRecord<unknown>): string[] {
  const summary = rec.events.find((e) => e.summaryEvent)?.summaryEvent as
    { policyPacks?: Record<string, string>; PolicyPacks?: Record<string, string> } | undefined;
  // Keys look like `chef-chopsky-isolation|local|/work/main/policy`.
  return Object.keys(summary?.policyPacks ?? summary?.PolicyPacks ?? {}).map((k) => k.split("|")[0]);
}

export function registerPolicyTests(trackStateDir: (dir: string) => void): void {
  describe("the policy pack, loaded by the CLI", function () {
    it("passes the real program: the pack ran on up, with no mandatory violation on preview or up", function () {
      const { firstUp, metrics } = afterFirstUp();
      const preview = metrics.records.find((r) => r.label.startsWith("preview"));
      assert.ok(preview, "the preview ran");
      assert.deepEqual(packsRun(firstUp), [PACK], "the CLI ran the project's policy pack on up");
      for (const rec of [preview, firstUp]) {
        const events = policyEvents(rec);
        const mandatory = events.filter((e) => String(e.enforcementLevel) === "mandatory");
        assert.deepEqual(mandatory, [], `${rec.label}: no mandatory violation`);
        const advisory = [...new Set(events.map((e) => e.policyName))].sort();
        // A rule that meets an unknown value during preview is skipped and reported as advisory "can't run".
        const skipped = events.filter((e) => e.message.includes("can't run policy")).length;
        console.log(
          `      [engine] ${rec.label}: advisory reports from ${advisory.join(", ") || "none"}; ` +
            `${skipped} rule evaluations skipped on unknown values`,
        );
      }
      // The program leaves out the GitHub secrets, so the advisory rule reports them: proof that the pack analyzed it.
      assert.ok(
        policyEvents(firstUp).some((e) => e.policyPackName === PACK && e.policyName === "environment-secrets-declared"),
        "the pack reported on the real program's stack",
      );
    });

    describe("blocks a staging program that breaks the isolation", function () {
      let stack: Stack | undefined;
      let variant: Variant = "cross-environment";

      before(async function () {
        const { fakes } = context();
        const dir = freshStateDir("policy");
        trackStateDir(dir);
        const program = breachProgram(
          () => variant,
          () => fakes.uptime.apiUrl,
        );
        const key = "chef-chopsky:uptimeRobotApiKey";
        stack = await createStack(dir, STACK, program, { secret: { [key]: SECRETS[key] } });
      });

      for (const c of CASES) {
        it(`${c.what}: up fails with exit ${POLICY_FAILURE_EXIT}, names ${c.policy}, and creates nothing`, async function () {
          const { fakes, metrics } = context();
          if (!stack) throw new Error("the policy stack was not created");
          const s = stack;
          variant = c.variant;
          const rec = await metrics.run(`up, policy breach: ${c.variant}`, (h) =>
            s.up({ policyPacks: [POLICY_PACK], ...h }),
          );
          const failure = failureOf(rec);
          assert.equal(failure.exitCode, POLICY_FAILURE_EXIT, failure.text);
          const text = `${failure.text}\n${rec.output}`;
          assert.match(text, new RegExp(`\\[mandatory\\]\\s+${c.policy}\\s+\\([^)]*Monitor: ${BREACH}\\)`));
          const blocked = policyEvents(rec).filter((e) => e.policyName === c.policy);
          assert.equal(blocked.length, 1, `one ${c.policy} event`);
          assert.equal(String(blocked[0].enforcementLevel), "mandatory");
          assert.ok(blocked[0].resourceUrn?.endsWith(`::${BREACH}`), blocked[0].resourceUrn);
          assert.ok(!text.includes(LEAKED_KEY), "the CLI output withholds the secret-shaped value");
          assert.equal(rec.calls.uptime.writes, 0, "nothing was written to UptimeRobot");
          assert.ok(!fakes.uptime.storedMonitors().some((m) => m.url === c.url), "the breaching monitor is not there");
          assert.deepEqual(
            fakes.uptime
              .storedMonitors()
              .map((m) => m.friendly_name)
              .sort(),
            declared()
              .monitors.map((m) => m.name)
              .sort(),
            "the staging stack's own monitors are untouched",
          );
        });
      }

      // Every rule walks all string inputs; touching an unknown value would make @pulumi/policy skip the whole rule
      // for that resource during preview. The walker skips only the unknown leaves (policy/lib/walk.ts), so the
      // pull-request preview blocks a monitor pointing at production even when its contact is new.
      it("a monitor pointing at production whose contact is new: preview fails too", async function () {
        const { metrics } = context();
        if (!stack) throw new Error("the policy stack was not created");
        const s = stack;
        variant = "cross-environment-unknown-input";
        const rec = await metrics.run("preview, policy breach with unknown input", (h) =>
          s.preview({ policyPacks: [POLICY_PACK], ...h }),
        );
        assert.equal(failureOf(rec).exitCode, POLICY_FAILURE_EXIT);
        assert.match(rec.output, /\[mandatory\]\s+no-cross-environment-endpoint/);
      });

      it("the same program without a breach passes (the blocks above come from the policies)", async function () {
        const { metrics } = context();
        if (!stack) throw new Error("the policy stack was not created");
        const s = stack;
        variant = "compliant";
        // Preview only: the same monitor with a staging URL and no secret in it.
        const rec = await metrics.run("preview, breach program made compliant", (h) =>
          s.preview({ policyPacks: [POLICY_PACK], ...h }),
        );
        assert.deepEqual(resultOf(rec).changeSummary, { create: 1, same: 1 });
        assert.deepEqual(
          policyEvents(rec).filter((e) => String(e.enforcementLevel) === "mandatory"),
          [],
          "no mandatory violation",
        );
      });
    });
  });
}
