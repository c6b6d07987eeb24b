/**
 * `SecretAges`: the stack's record of when each secret last changed, as a dynamic resource that lives in the state
 * only (no service behind it). Its inputs are the keyed fingerprints of the stack's secrets (lib/secret-record.ts,
 * never a value); `check` gives every fingerprint its date: the recorded one while the fingerprint is unchanged,
 * today's (UTC) when it changed or is new. So:
 * - a `pulumi up` with no secret changed has no diff (same fingerprints, same dates);
 * - a rotated secret gets today's date in the same `up` (and already in its preview);
 * - `pulumi refresh` keeps the record as it is (`read` returns the state: there is nothing remote to drift);
 * - a new fingerprint key (chef-chopsky:secretFingerprintKey rotated) changes every fingerprint without saying
 *   whether a value changed: the other secrets keep their dates (an old secret is never made to look fresh), the key's
 *   own entry, its key id, gets today's.
 *
 * The state names the provider (`secrets:SecretAges` in providers/registry.ts), it does not carry its code.
 */
import * as pulumi from "@pulumi/pulumi";
import { FINGERPRINT_KEY } from "../../lib/fingerprint";
import { FINGERPRINT } from "../../lib/formats";
import { isUnknown } from "../kit";
import { ServiceResource } from "../resource";

/** Inputs and state of a {@link SecretAges}. */
export interface SecretAgesState {
  keyId: string;
  /** By full config key; `changed` (YYYY-MM-DD, UTC) is set by `check`. */
  secrets: Record<string, { fingerprint: string; changed?: string }>;
}

/** Today's UTC date, YYYY-MM-DD. */
export function utcDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The record after this run: each fingerprint with its recorded date, or `today` when it changed. */
export function nextRecord(olds: Partial<SecretAgesState> | undefined, news: SecretAgesState, today: string) {
  const sameKey = olds?.keyId === news.keyId;
  const secrets: SecretAgesState["secrets"] = {};
  for (const key of Object.keys(news.secrets).sort()) {
    const fp = news.secrets[key].fingerprint;
    const old = olds?.secrets?.[key];
    const unchanged = old?.fingerprint === fp || (!sameKey && key !== FINGERPRINT_KEY && old !== undefined);
    secrets[key] = { fingerprint: fp, changed: unchanged && old?.changed ? old.changed : today };
  }
  return { keyId: news.keyId, secrets };
}

/** The fields that make a record, in a canonical form (sorted keys), for comparison. */
function canonical(state: Partial<SecretAgesState>): string {
  const secrets = state.secrets ?? {};
  return JSON.stringify([
    state.keyId,
    Object.keys(secrets)
      .sort()
      .map((k) => [k, secrets[k].fingerprint, secrets[k].changed]),
  ]);
}

export const secretAgesProvider: pulumi.dynamic.ResourceProvider<SecretAgesState, SecretAgesState> = {
  async check(olds, news) {
    if (isUnknown(news.secrets) || isUnknown(news.keyId)) return { inputs: news };
    const failures: pulumi.dynamic.CheckFailure[] = [];
    if (!FINGERPRINT.test(String(news.keyId))) failures.push({ property: "keyId", reason: "must be a key id" });
    for (const [key, s] of Object.entries(news.secrets ?? {})) {
      // Never a value: only a keyed fingerprint may be recorded (the reason names the key, not what it holds).
      if (!FINGERPRINT.test(String(s?.fingerprint)))
        failures.push({ property: "secrets", reason: `${key}: must be an hmac-sha256 fingerprint` });
    }
    if (failures.length > 0) return { inputs: news, failures };
    return { inputs: nextRecord(olds, news, utcDate()) };
  },

  async diff(_id, olds, news) {
    return { changes: canonical(olds) !== canonical(news), replaces: [] };
  },

  async create(inputs) {
    return { id: "secret-ages", outs: inputs };
  },

  async read(id, props) {
    // The record lives in the state only: refresh keeps it as it is.
    return { id, props };
  },

  async update(_id, _olds, news) {
    return { outs: news };
  },

  async delete() {
    // Nothing outside the state.
  },
};

/** Arguments of a {@link SecretAges}. */
export interface SecretAgesArgs {
  /** The key id of the fingerprint key (lib/secret-record.ts `keyIdOf`). */
  keyId: pulumi.Input<string>;
  /** Each secret's keyed fingerprint, by full config key; plain (a fingerprint is not a secret). */
  secrets: pulumi.Input<Record<string, { fingerprint: string }>>;
}

/** The record of a stack's secrets: fingerprints and the date each value last changed. */
export class SecretAges extends ServiceResource {
  declare readonly keyId: pulumi.Output<string>;
  declare readonly secrets: pulumi.Output<SecretAgesState["secrets"]>;

  constructor(name: string, args: SecretAgesArgs, opts?: pulumi.CustomResourceOptions) {
    super("secrets:SecretAges", name, { secrets: args.secrets, keyId: args.keyId }, opts);
  }
}
