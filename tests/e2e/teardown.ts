/**
 * The end of the stack's life: what the state holds (ciphertext, never a credential or a secret value in
 * plaintext), then `pulumi destroy`, which leaves the services as the design says.
 */
import * as assert from "node:assert/strict";
import { specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { afterFirstUp, HAND_SET } from "./context";
import { DRIFTED_OPENAI_KEY } from "./drift";
import { backendText, stateResources, stateText } from "./harness";
import { resultOf } from "./ops";
import { SECRETS, SUPABASE_REF } from "./program";

/** Whether a state value is a secret the passphrase provider encrypted: `{ [specialSigKey]: …, ciphertext }`. */
function isCiphertext(value: unknown): boolean {
  const v = value as Record<string, unknown> | undefined;
  return typeof v === "object" && v !== null && v[specialSigKey] !== undefined && typeof v.ciphertext === "string";
}

export function registerTeardownTests(): void {
  describe("state and destroy", function () {
    it("the state holds every secret as ciphertext and no key, token, web-hook or secret value in plaintext", async function () {
      const { stateDir } = afterFirstUp();
      const state = stateText(stateDir);
      assert.ok(state.length > 0, "the state file was found");
      const resources = stateResources(stateDir);
      const ofType = (t: string) => resources.filter((r) => r.type.endsWith(t));
      assert.equal(ofType("uptimerobot:AlertContact").length, 1);
      assert.equal(ofType("railway:ServiceVariables").length, 1);
      for (const r of ofType("uptimerobot:AlertContact")) {
        assert.ok(isCiphertext(r.inputs?.value) && isCiphertext(r.outputs?.value), `${r.urn}: value encrypted`);
      }
      for (const r of ofType("railway:ServiceVariables")) {
        assert.ok(isCiphertext(r.inputs?.variables) && isCiphertext(r.outputs?.variables), `${r.urn}: variables`);
      }
      assert.ok((state.match(/"ciphertext"/g) ?? []).length >= 4, "ciphertext markers in the state file itself");

      // Every file the backend wrote (state, backup, history checkpoints) and the stack's config file.
      const everything = backendText(stateDir);
      assert.ok(everything.includes(state.slice(0, 200)), "backendText covers the state file");
      const leaked = Object.entries({ ...SECRETS, drifted: DRIFTED_OPENAI_KEY })
        .filter(([, v]) => everything.includes(v))
        .map(([k]) => k);
      assert.deepEqual(leaked, [], "secrets found in plaintext on disk");
      assert.ok(!state.includes(HAND_SET.name), "a variable the stack does not manage is not recorded");
    });

    it("pulumi destroy removes monitors, contacts and the stack's own variables; leaves Supabase and hand-set variables", async function () {
      const { stack, stateDir, fakes, metrics } = afterFirstUp();
      const authBefore = fakes.supabase.config(SUPABASE_REF);
      const rec = await metrics.run("destroy", (h) => stack.destroy(h));
      assert.deepEqual(resultOf(rec).summary.resourceChanges, { delete: 9 });
      assert.deepEqual(fakes.uptime.storedMonitors(), [], "no monitor left");
      assert.deepEqual(fakes.uptime.storedAlertContacts(), [], "no alert contact left");
      assert.deepEqual(fakes.railway.vars(), { [HAND_SET.name]: HAND_SET.value }, "only the hand-set variable left");
      assert.deepEqual(fakes.supabase.config(SUPABASE_REF), authBefore, "Supabase auth settings left as they were");
      assert.equal(rec.calls.supabase.writes, 0, "destroy wrote nothing to Supabase");
      assert.deepEqual(stateResources(stateDir), [], "the state holds no resource");
    });
  });
}
