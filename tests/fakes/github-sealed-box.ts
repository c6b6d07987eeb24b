/**
 * The sealed boxes of GitHub's secrets API: each environment has an X25519 key pair, `GET …/secrets/public-key`
 * hands out the public half (base64) and a `key_id`, and a client seals a value with libsodium's
 * `crypto_box_seal` (the provider: `encryptPlaintext` in resource_github_actions_secret.go, Go's
 * `box.SealAnonymous`, which is the same construction). The fake opens the box with the private half.
 */
import * as crypto from "node:crypto";
import sodium from "libsodium-wrappers";

/** One environment's key pair, as GitHub keeps it (the private half never leaves the fake). */
export interface SealingKey {
  /** GitHub's key ids are decimal strings, e.g. `"3380204578043523366"`. */
  readonly keyId: string;
  /** 32 raw bytes. */
  readonly publicKey: Buffer;
  /** 32 raw bytes (the X25519 scalar that libsodium's `crypto_box` takes as secret key). */
  readonly privateKey: Buffer;
}

/** A fresh key pair with a fresh key id (Node's own X25519, so no wait for libsodium here). */
export function newSealingKey(): SealingKey {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("x25519");
  const raw = (jwk: crypto.JsonWebKey, field: "x" | "d") => Buffer.from(jwk[field] as string, "base64url");
  return {
    keyId: (crypto.randomBytes(8).readBigUInt64BE() >> 1n).toString(),
    publicKey: raw(publicKey.export({ format: "jwk" }), "x"),
    privateKey: raw(privateKey.export({ format: "jwk" }), "d"),
  };
}

/** Opens a base64 sealed box; undefined when it does not open with this key (wrong key, tampered, too short). */
export async function openSealedBox(encryptedValue: string, key: SealingKey): Promise<string | undefined> {
  await sodium.ready;
  const box = Buffer.from(encryptedValue, "base64");
  if (box.length < sodium.crypto_box_SEALBYTES) return undefined;
  try {
    const plain = sodium.crypto_box_seal_open(box, key.publicKey, key.privateKey);
    return Buffer.from(plain).toString("utf8");
  } catch {
    return undefined;
  }
}

/** Seals a value for a base64 public key exactly as the provider does (libsodium sealed box), base64 out. */
export async function sealForGitHub(plaintext: string, publicKeyBase64: string): Promise<string> {
  await sodium.ready;
  const box = sodium.crypto_box_seal(Buffer.from(plaintext, "utf8"), Buffer.from(publicKeyBase64, "base64"));
  return Buffer.from(box).toString("base64");
}
