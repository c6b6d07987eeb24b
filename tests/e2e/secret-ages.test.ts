/**
 * The secret record on the real engine: production's SecretRecord (components/secrets.ts) with realistic secrets.
 * What only the engine can show: the dates `check` sets survive a `pulumi up` with no change as no diff, a
 * `pulumi refresh` keeps them, and a rotated secret gets today's date in the same `up` while the others keep theirs.
 */
import * as assert from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import { secretOf } from "../../config";
import { SecretRecord } from "../../components/secrets";
import type { SecretAgesOutput } from "../../lib/secret-record";
import { utcDate } from "../../providers/secret-ages/provider";
import { realisticSecret, realisticSecrets } from "../fixtures/secrets";
import { createStack, freshStateDir, processesOf, removeStateDir, stateText } from "./harness";

const OPENAI = "chef-chopsky:openaiApiKey";
const OLD = "2020-01-02";
const TYPE = "pulumi-nodejs:dynamic/secrets:SecretAges";

describe("engine: the secret record (SecretAges)", function () {
  let stateDir: string;
  let stack: Stack;
  const secrets = realisticSecrets("production");
  const ages = async () => (await stack.outputs()).secretAges.value as SecretAgesOutput;

  before(async function () {
    stateDir = freshStateDir("secret-ages");
    const program = async () => {
      const record = new SecretRecord("chef-chopsky-production-secrets", {
        environment: "production",
        secret: secretOf,
        rotationDays: 90,
      });
      return { secretAges: record.ages };
    };
    stack = await createStack(stateDir, "production", program, { secret: secrets });
  });

  after(async function () {
    try {
      await stack?.destroy();
    } finally {
      await new Promise((r) => setTimeout(r, 1000));
      for (const pid of processesOf(stateDir)) process.kill(pid, "SIGKILL");
      removeStateDir(stateDir);
    }
  });

  it("up records every secret with today's date, and only fingerprints reach the state", async function () {
    const result = await stack.up();
    assert.equal(result.summary.resourceChanges?.create, 3);
    const out = await ages();
    assert.deepEqual(Object.keys(out.secrets).sort(), Object.keys(secrets).sort());
    for (const s of Object.values(out.secrets)) assert.equal(s.changed, utcDate());
    const state = stateText(stateDir);
    for (const v of Object.values(secrets)) assert.ok(!state.includes(v), "no secret value in plaintext in the state");
  });

  it("an up with no change is no diff, and keeps the recorded dates (here made old in the state)", async function () {
    const exported = await stack.exportStack();
    const deployment = exported.deployment as { resources: { type: string; inputs: unknown; outputs: unknown }[] };
    for (const r of deployment.resources.filter((r) => r.type === TYPE)) {
      for (const props of [r.inputs, r.outputs] as { secrets: Record<string, { changed: string }> }[])
        for (const s of Object.values(props.secrets)) s.changed = OLD;
    }
    await stack.importStack(exported);
    const preview = await stack.preview();
    assert.deepEqual(preview.changeSummary, { same: 3 });
    const result = await stack.up();
    assert.deepEqual(result.summary.resourceChanges, { same: 3 });
    for (const s of Object.values((await ages()).secrets)) assert.equal(s.changed, OLD);
  });

  it("refresh keeps the record: no drift, same dates", async function () {
    await stack.refresh({ expectNoChanges: true });
    for (const s of Object.values((await ages()).secrets)) assert.equal(s.changed, OLD);
  });

  it("a rotated secret gets today's date in the same up; the others keep theirs", async function () {
    await stack.setConfig(OPENAI, { value: realisticSecret(OPENAI, "rotated"), secret: true });
    const result = await stack.up();
    assert.equal(result.summary.resourceChanges?.update, 1);
    const out = await ages();
    assert.equal(out.secrets[OPENAI].changed, utcDate());
    for (const [k, s] of Object.entries(out.secrets)) if (k !== OPENAI) assert.equal(s.changed, OLD, k);
    assert.deepEqual((await stack.preview()).changeSummary, { same: 3 }, "and the next preview is clean");
  });
});
