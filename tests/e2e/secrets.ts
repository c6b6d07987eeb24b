/**
 * The secret record (components/secrets.ts, output `secretAges`) on the real engine, and a rotation: the dates a
 * first up records survive an up with no change and a refresh (here made old in the state first, through
 * `pulumi stack export`/`import`), and a rotated secret gets today's date in the same up that carries the new value
 * to the GitHub environment and the agent (which is redeployed once), while the other secrets keep theirs.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { SecretAgesOutput } from "../../lib/secret-record";
import { utcDate } from "../../providers/secret-ages/provider";
import { realisticSecret } from "../fixtures/secrets";
import { afterUp, ci, outputsOf, runStep, suite } from "./context";
import { assertHoldsDeclared } from "./expected";
import { succeeded, textOf } from "./harness";
import { isCiphertext } from "./state";

/** The date the suite writes into the record, so that "kept" and "today" cannot be confused. */
export const OLD = "2020-01-02";
const TYPE = "pulumi-nodejs:dynamic/secrets:SecretAges";
const ROTATED = "chef-chopsky:openaiApiKey";
/** The values the suite rotated away from: they must not be on disk either (teardown.ts). */
export const retired: string[] = [];

/** A stack's `secretAges` output. */
export async function agesOf(stack: string): Promise<SecretAgesOutput> {
  return (await outputsOf(stack)).secretAges as SecretAgesOutput;
}

/** Sets every date of the stack's record to `date` in its state (export, edit, import: never `--show-secrets`). */
export async function ageRecord(stack: string, date: string): Promise<void> {
  const { engine, runDir } = suite();
  const file = path.join(runDir, `${stack}-export.json`);
  succeeded(await engine.run(["stack", "export", "--stack", stack, "--file", file]));
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as {
    deployment: { resources: { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[] };
  };
  const records = doc.deployment.resources.filter((r) => r.type === TYPE);
  assert.equal(records.length, 1, `one ${TYPE} in the state`);
  for (const props of [records[0].inputs, records[0].outputs]) {
    const secrets = props?.secrets;
    assert.ok(secrets && !isCiphertext(secrets), "the record's fingerprints and dates are plain in the state");
    for (const s of Object.values(secrets as Record<string, { changed?: string }>)) s.changed = date;
  }
  fs.writeFileSync(file, JSON.stringify(doc));
  succeeded(await engine.run(["stack", "import", "--stack", stack, "--file", file]));
  fs.rmSync(file);
}

/** Asserts the record names exactly the stack's secrets, with the given date for each (or per key). */
export async function assertAges(stack: "production" | "staging", date: (key: string) => string): Promise<void> {
  const ages = await agesOf(stack);
  assert.deepEqual(Object.keys(ages.secrets).sort(), Object.keys(suite().secrets[stack]).sort(), "every secret");
  for (const [key, s] of Object.entries(ages.secrets)) assert.equal(s.changed, date(key), `${key}'s date`);
}

export function registerRotationTests(): void {
  describe("rotation: a new secret value reaches the services in one up", function () {
    before(() => suite().metrics.startPhase("rotation: a rotated secret"));

    it(`${ROTATED} rotated: the GitHub secret, the agent's variable and a redeploy, today's date for it only`, async function () {
      const s = afterUp("production");
      const railway = s.fakes.railway.production;
      const value = realisticSecret(ROTATED, "engine-rotated");
      retired.push(s.secrets.production[ROTATED]);
      succeeded(
        await s.engine.run(["config", "set", "--secret", ROTATED, "--stack", "production", "--non-interactive"], {
          stdin: value,
        }),
      );
      s.secrets.production[ROTATED] = value;
      const before = railway.deployments.length;
      const run = await s.metrics.measure("up: rotated secret (deploy.yml)", () => runStep(ci("production").up));
      assert.equal(run.code, 0, textOf(run));
      assert.ok(!textOf(run).includes(value), "the new value is not in the output");
      assertHoldsDeclared("production", s, await outputsOf("production")); // the GitHub secret, the variable
      const made = railway.deployments.slice(before);
      assert.deepEqual(
        made.map((d) => railway.statusOf(d)),
        ["SUCCESS"],
        "the agent redeployed once with the new value",
      );
      assert.equal(run.calls.vercel.writes, 0, "the frontend carries no OpenAI key: nothing to write there");
      await assertAges("production", (key) => (key === ROTATED ? utcDate() : OLD));
    });
  });
}
