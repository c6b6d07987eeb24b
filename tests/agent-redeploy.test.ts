// The agent deploy tool's rotation and rollback behaviour against the Railway fake, which keeps the variables of
// each deployment as Railway does: a rotated value reaches the running agent through exactly one redeploy of the
// live deployment, an unchanged one through none, and a rollback never brings an old value back into service.
import * as assert from "node:assert/strict";
import { fingerprint } from "../lib/fingerprint";
import { EXIT, main } from "../deploy/agent-deploy";
import { variablesToRestore } from "../deploy/agent-deploy/rollback";
import { ServiceVariablesProvider } from "../providers/railway/variables-provider";
import { RailwayFake } from "./fakes/railway";
import { useFake } from "./fakes/server";
import { runMain } from "./run-main";

const COMMIT_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
const COMMIT_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2";
const KEY = "0123456789abcdef".repeat(4);
const OLD = { OPENAI_API_KEY: "sk-old-value-0001", APP_ENV: "staging" };
const NEW = { OPENAI_API_KEY: "sk-new-value-0002", APP_ENV: "staging" };
const fp = (vars: Record<string, string>) => fingerprint(KEY, JSON.stringify(Object.entries(vars).sort()), "agent");

describe("agent deploy tool: rotation and rollback", () => {
  const fake = useFake(() => new RailwayFake());
  const env = (extra: Record<string, string | undefined>) => ({
    ...fake().deployToolEnv,
    AGENT_DEPLOY_TIMEOUT_SECONDS: "5",
    AGENT_HEALTH_TIMEOUT_SECONDS: "0.5",
    AGENT_DEPLOY_POLL_MS: "5",
    ...extra,
  });
  /** Runs the tool as Pulumi would; the output never holds a variable's value. */
  async function run(argv: string[], extra: Record<string, string | undefined> = {}) {
    const { code, stdout, stderr } = await runMain(main, argv, { env: env(extra), client: { baseDelayMs: 1 } });
    for (const v of [OLD.OPENAI_API_KEY, NEW.OPENAI_API_KEY])
      assert.ok(!(stdout + stderr).includes(v), "a variable's value is in the output");
    return { code, stdout, stderr, result: code === EXIT.ok ? (JSON.parse(stdout) as Record<string, unknown>) : {} };
  }
  /** What `pulumi up` does to the variables: an upsert with skipDeploys, which reaches no running deployment. */
  const write = (vars: Record<string, string>) => {
    for (const [k, v] of Object.entries(vars)) fake().setVariable(k, v);
  };

  it("a changed fingerprint redeploys the live deployment exactly once, with the current variables", async () => {
    write(OLD);
    const first = await run(["deploy", "--json"], { AGENT_COMMIT: COMMIT_A, AGENT_VARIABLES_FINGERPRINT: fp(OLD) });
    assert.equal(first.result.action, "deploy");
    const deployed = fake().live()!;
    write(NEW);
    assert.equal(fake().live()?.variables.OPENAI_API_KEY, OLD.OPENAI_API_KEY, "skipDeploys: the agent runs the old");
    fake().resetCalls();
    const rotated = await run(["deploy", "--json"], {
      AGENT_COMMIT: COMMIT_A,
      AGENT_VARIABLES_FINGERPRINT: fp(NEW),
      PULUMI_COMMAND_STDOUT: first.stdout,
    });
    assert.equal(rotated.code, EXIT.ok, rotated.stderr);
    assert.equal(rotated.result.action, "redeploy");
    assert.equal(fake().count({ operation: "deploymentRedeploy" }), 1);
    assert.equal(fake().count({ operation: "serviceInstanceDeployV2" }), 0, "no rebuild");
    const live = fake().live()!;
    assert.equal(live.id, rotated.result.deploymentId);
    assert.deepEqual([live.meta.commitHash, live.meta.image], [COMMIT_A, deployed.meta.image], "the same image");
    assert.equal(live.variables.OPENAI_API_KEY, NEW.OPENAI_API_KEY);
    assert.ok(fake().count({ operation: "health" }) >= 1, "health-gated");
    assert.equal(rotated.result.variablesFingerprint, fp(NEW));

    fake().resetCalls();
    const again = await run(["deploy", "--json"], {
      AGENT_COMMIT: COMMIT_A,
      AGENT_VARIABLES_FINGERPRINT: fp(NEW),
      PULUMI_COMMAND_STDOUT: rotated.stdout,
    });
    assert.equal(again.result.action, "unchanged");
    assert.equal(fake().count({ write: true }), 0, "the same values: no redeploy");
  });

  it("a changed commit with changed variables deploys once (the new deployment carries them)", async () => {
    write(OLD);
    const first = await run(["deploy", "--json"], { AGENT_COMMIT: COMMIT_A, AGENT_VARIABLES_FINGERPRINT: fp(OLD) });
    write(NEW);
    fake().resetCalls();
    const both = await run(["deploy", "--json"], {
      AGENT_COMMIT: COMMIT_B,
      AGENT_VARIABLES_FINGERPRINT: fp(NEW),
      PULUMI_COMMAND_STDOUT: first.stdout,
    });
    assert.equal(both.result.action, "deploy");
    assert.equal(fake().count({ write: true }), 1);
    assert.equal(fake().live()?.variables.OPENAI_API_KEY, NEW.OPENAI_API_KEY);
  });

  it("a previous run that recorded no fingerprint (an older tool) causes no redeploy", async () => {
    const first = await run(["deploy", "--json"], { AGENT_COMMIT: COMMIT_A });
    fake().resetCalls();
    const r = await run(["deploy", "--json"], {
      AGENT_COMMIT: COMMIT_A,
      AGENT_VARIABLES_FINGERPRINT: fp(NEW),
      PULUMI_COMMAND_STDOUT: first.stdout,
    });
    assert.equal(r.result.action, "unchanged");
    assert.equal(fake().count({ write: true }), 0);
  });

  it("without a configured commit: records first, then redeploys the live deployment on each change only", async () => {
    write(OLD);
    const none = await run(["redeploy", "--json"], { AGENT_VARIABLES_FINGERPRINT: fp(OLD) });
    assert.equal(none.result.action, "recorded");
    assert.equal(fake().calls.length, 0, "the first run calls nothing");
    const seeded = fake().seedDeployment("SUCCESS", COMMIT_A);
    const same = await run(["redeploy", "--json"], {
      AGENT_VARIABLES_FINGERPRINT: fp(OLD),
      PULUMI_COMMAND_STDOUT: none.stdout,
    });
    assert.equal(same.result.action, "unchanged");
    write(NEW);
    const changed = await run(["redeploy", "--json"], {
      AGENT_VARIABLES_FINGERPRINT: fp(NEW),
      PULUMI_COMMAND_STDOUT: same.stdout,
    });
    assert.equal(changed.code, EXIT.ok, changed.stderr);
    assert.equal(changed.result.action, "redeploy");
    assert.equal(fake().count({ operation: "deploymentRedeploy" }), 1);
    assert.equal(fake().live()?.meta.redeployOf, seeded.id);
    assert.equal(fake().live()?.variables.OPENAI_API_KEY, NEW.OPENAI_API_KEY);
  });

  it("after a rollback, a rotation redeploys the rolled-back image (the rollback stays)", async () => {
    write(OLD);
    await run(["deploy", "--json"], { AGENT_COMMIT: COMMIT_A, AGENT_VARIABLES_FINGERPRINT: fp(OLD) });
    const second = await run(["deploy", "--json"], { AGENT_COMMIT: COMMIT_B, AGENT_VARIABLES_FINGERPRINT: fp(OLD) });
    assert.equal((await run(["rollback", "--json"])).code, EXIT.ok);
    write(NEW);
    const r = await run(["deploy", "--json"], {
      AGENT_COMMIT: COMMIT_B,
      AGENT_VARIABLES_FINGERPRINT: fp(NEW),
      PULUMI_COMMAND_STDOUT: second.stdout,
    });
    assert.equal(r.result.action, "redeploy");
    assert.equal(fake().live()?.meta.commitHash, COMMIT_A, "still the rolled-back commit");
    assert.equal(fake().live()?.variables.OPENAI_API_KEY, NEW.OPENAI_API_KEY);
  });

  describe("rollback keeps the current secrets", () => {
    it("Railway's rollback restores the old value; the tool puts the current one back and redeploys", async () => {
      write(OLD);
      await run(["deploy", "--json"], { AGENT_COMMIT: COMMIT_A });
      const old = fake().live()!;
      write(NEW); // a rotation, then a deploy of another commit with the new value
      await run(["deploy", "--json"], { AGENT_COMMIT: COMMIT_B });
      assert.equal(fake().live()?.variables.OPENAI_API_KEY, NEW.OPENAI_API_KEY);
      const before = fake().deployments.length;
      fake().resetCalls();

      const r = await run(["rollback", "--json"]);
      assert.equal(r.code, EXIT.ok, r.stderr);
      // The fake did what Railway documents: the rollback deployment ran the old value, and the service's
      // variables were set back to it, until the tool wrote the current value again.
      const rolled = fake().deployments[before];
      assert.equal(rolled.meta.rollbackFrom, old.id);
      assert.equal(rolled.variables.OPENAI_API_KEY, OLD.OPENAI_API_KEY);
      const live = fake().live()!;
      assert.equal(live.id, r.result.deploymentId);
      assert.deepEqual([live.meta.commitHash, live.meta.image], [COMMIT_A, old.meta.image], "the previous image");
      assert.equal(live.variables.OPENAI_API_KEY, NEW.OPENAI_API_KEY, "the old value is not back");
      assert.deepEqual(fake().vars(), NEW, "the service's variables are the stack's again");
      assert.deepEqual(r.result.variablesRestored, ["OPENAI_API_KEY"]);
      assert.equal(fake().deployments.length, before + 2, "the rollback, then its redeploy");
      assert.deepEqual(
        fake()
          .calls.filter((c) => c.write)
          .map((c) => c.operation),
        ["deploymentRollback", "variableCollectionUpsert", "deploymentRedeploy"],
      );
      assert.match(r.stderr, /restored older values of OPENAI_API_KEY/);

      // `pulumi refresh --expect-no-changes`: the variables resource reads the same values it declares.
      process.env.RAILWAY_TOKEN = fake().projectToken;
      try {
        const provider = new ServiceVariablesProvider();
        const declared = { ...fake().target, variables: NEW, apiUrl: fake().graphqlUrl };
        const recorded = { ...declared, keys: Object.keys(NEW).sort() };
        const read = await provider.read("id", recorded);
        assert.deepEqual(read.props?.variables, NEW);
        assert.equal((await provider.diff("id", read.props!, declared)).changes, false);
      } finally {
        delete process.env.RAILWAY_TOKEN;
      }
    });

    it("a rollback that changes no variable is one deployment, as before", async () => {
      write(NEW);
      await run(["deploy", "--json"], { AGENT_COMMIT: COMMIT_A });
      await run(["deploy", "--json"], { AGENT_COMMIT: COMMIT_B });
      fake().resetCalls();
      const r = await run(["rollback", "--json"]);
      assert.deepEqual(r.result.variablesRestored, []);
      assert.equal(fake().count({ write: true }), 1);
      assert.equal(fake().live()?.variables.OPENAI_API_KEY, NEW.OPENAI_API_KEY);
    });

    it("computes what to write back: changed and missing keys, and keys the rollback brought back", () => {
      assert.deepEqual(variablesToRestore({ A: "1", B: "2" }, { A: "0", C: "3" }), {
        upsert: { A: "1", B: "2" },
        remove: ["C"],
      });
      assert.deepEqual(variablesToRestore({ A: "1" }, { A: "1" }), { upsert: {}, remove: [] });
    });
  });
});
