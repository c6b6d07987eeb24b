/**
 * Keyed fingerprints of secret values: HMAC-SHA256 under the stack secret `chef-chopsky:secretFingerprintKey`.
 *
 * A fingerprint lets the program and its tools say "this value changed" (a redeploy trigger, a rotation date) or
 * "these two values are equal" (staging compared with production) without any value leaving its stack. It is
 * keyed so that it cannot be tested against guesses: without the key, a fingerprint says nothing about a value.
 * Both stacks hold the same key, so that their fingerprints are comparable: generate it into the first stack with
 * `openssl rand -hex 32 | pulumi config set --secret chef-chopsky:secretFingerprintKey --stack S`, and copy it to the
 * other by piping `pulumi config get chef-chopsky:secretFingerprintKey --stack S` into the same `config set`.
 */
import { createHmac } from "node:crypto";

/** The config key of the fingerprint key. */
export const FINGERPRINT_KEY = "chef-chopsky:secretFingerprintKey";

/** The shortest fingerprint key accepted: 32 bytes of entropy written as hex. */
export const MIN_FINGERPRINT_KEY_LENGTH = 64;

/**
 * The fingerprint of `value` under `key`: `hmac-sha256:` and 64 hex digits. `label` (e.g. the catalog name) is
 * mixed in so that one value used for two secrets gives two different fingerprints only when asked to; pass the
 * same label (or none) to compare values across secrets and stacks.
 */
export function fingerprint(key: string, value: string, label = ""): string {
  if (key.length < MIN_FINGERPRINT_KEY_LENGTH)
    throw new Error(`${FINGERPRINT_KEY} is too short: use at least ${MIN_FINGERPRINT_KEY_LENGTH} hex characters`);
  const mac = createHmac("sha256", key);
  mac.update(label);
  mac.update("\0");
  mac.update(value);
  return `hmac-sha256:${mac.digest("hex")}`;
}
