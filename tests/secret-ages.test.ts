// The SecretAges record: the date a secret last changed follows its fingerprint, an unchanged stack has no diff, and
// refresh keeps the record as it is.
import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { fingerprintRecord } from "../lib/secret-record";
import { nextRecord, type SecretAgesState, secretAgesProvider, utcDate } from "../providers/secret-ages/provider";
import { realisticSecret, realisticSecrets } from "./fixtures/secrets";

const p = secretAgesProvider as Required<pulumi.dynamic.ResourceProvider<SecretAgesState, SecretAgesState>>;
const OPENAI = "chef-chopsky:openaiApiKey";
const KEY = "chef-chopsky:secretFingerprintKey";

/** What the program hands the resource for a stack's values: fingerprints only, no dates. */
const inputsOf = (values: Record<string, string>): SecretAgesState => fingerprintRecord(values);
/** Days before today, as a UTC date. */
const daysAgo = (n: number) => utcDate(new Date(Date.now() - n * 86_400_000));

/** One `pulumi up` as the engine drives a dynamic resource: check, then diff against the state, then update. */
async function up(state: SecretAgesState | undefined, news: SecretAgesState) {
  const { inputs, failures } = await p.check(state ?? ({} as SecretAgesState), news);
  assert.deepEqual(failures ?? [], []);
  if (!state) return { changed: true, state: (await p.create(inputs!)).outs as SecretAgesState };
  const { changes } = await p.diff("secret-ages", state, inputs!);
  if (!changes) return { changed: false, state };
  return { changed: true, state: (await p.update("secret-ages", state, inputs!)).outs as SecretAgesState };
}

describe("secret ages (the SecretAges resource)", () => {
  const values = realisticSecrets("production");
  const today = () => utcDate();

  it("records every secret with today's date on the first up, and nothing else: no value", async () => {
    const { state } = await up(undefined, inputsOf(values));
    assert.deepEqual(Object.keys(state.secrets).sort(), Object.keys(values).sort());
    for (const s of Object.values(state.secrets)) {
      assert.match(s.fingerprint, /^hmac-sha256:[0-9a-f]{64}$/);
      assert.equal(s.changed, today());
    }
    const text = JSON.stringify(state);
    for (const v of Object.values(values)) assert.ok(!text.includes(v), "no secret value in the record");
  });

  it("an up with no secret changed: no diff, the recorded dates stay", async () => {
    const first = await up(undefined, inputsOf(values));
    const old: SecretAgesState = {
      ...first.state,
      secrets: Object.fromEntries(
        Object.entries(first.state.secrets).map(([k, s]) => [k, { ...s, changed: daysAgo(120) }]),
      ),
    };
    const again = await up(old, inputsOf(values));
    assert.equal(again.changed, false, "no diff");
    assert.deepEqual(again.state, old);
  });

  it("a rotated secret gets today's date in the same up; the others keep theirs", async () => {
    const old = nextRecord(undefined, inputsOf(values), daysAgo(200));
    const rotated = { ...values, [OPENAI]: realisticSecrets("production", "rotated")[OPENAI] };
    const { changed, state } = await up(old, inputsOf(rotated));
    assert.equal(changed, true);
    assert.equal(state.secrets[OPENAI].changed, today());
    assert.notEqual(state.secrets[OPENAI].fingerprint, old.secrets[OPENAI].fingerprint);
    for (const k of Object.keys(values).filter((k) => k !== OPENAI))
      assert.equal(state.secrets[k].changed, daysAgo(200), k);
  });

  it("a new secret is recorded today; a removed one is dropped", async () => {
    const { [OPENAI]: removed, ...fewer } = values;
    assert.ok(removed);
    const old = nextRecord(undefined, inputsOf(fewer), daysAgo(30));
    const { state } = await up(old, inputsOf(values));
    assert.equal(state.secrets[OPENAI].changed, today());
    const back = await up(state, inputsOf(fewer));
    assert.equal(back.state.secrets[OPENAI], undefined);
  });

  it("a new fingerprint key: the other secrets keep their dates (never made to look fresh), the key's own is today", async () => {
    const old = nextRecord(undefined, inputsOf(values), daysAgo(400));
    const rekeyed = { ...values, [KEY]: realisticSecret(KEY, "new-key") };
    const { state } = await up(old, inputsOf(rekeyed));
    assert.notEqual(state.keyId, old.keyId);
    assert.equal(state.secrets[KEY].changed, today());
    assert.equal(state.secrets[OPENAI].changed, daysAgo(400));
    assert.notEqual(state.secrets[OPENAI].fingerprint, old.secrets[OPENAI].fingerprint);
  });

  it("refresh keeps the record as it is (read returns the state; nothing remote can drift)", async () => {
    const old = nextRecord(undefined, inputsOf(values), daysAgo(10));
    assert.deepEqual(await p.read("secret-ages", old), { id: "secret-ages", props: old });
    assert.equal((await up(old, inputsOf(values))).changed, false, "and the next up after it has no diff");
  });

  it("check refuses anything but a keyed fingerprint, naming the key and never what it holds", async () => {
    const leaked = { keyId: inputsOf(values).keyId, secrets: { [OPENAI]: { fingerprint: values[OPENAI] } } };
    const { failures } = await p.check({} as SecretAgesState, leaked);
    assert.equal(failures?.length, 1);
    assert.match(failures![0].reason, /chef-chopsky:openaiApiKey: must be an hmac-sha256 fingerprint/);
    assert.ok(!JSON.stringify(failures).includes(values[OPENAI]));
  });

  it("diff sees a changed date or fingerprint, and nothing else (the serialized provider is not a change)", async () => {
    const state = nextRecord(undefined, inputsOf(values), daysAgo(5));
    const withProvider = { ...state, __provider: "other code" } as SecretAgesState;
    assert.equal((await p.diff("secret-ages", withProvider, state)).changes, false);
    const later = { ...state, secrets: { ...state.secrets, [OPENAI]: { ...state.secrets[OPENAI], changed: today() } } };
    assert.equal((await p.diff("secret-ages", state, later)).changes, true);
  });
});
