/**
 * The record of a stack's secrets (lib/secret-record.ts): each config secret's keyed fingerprint and the date its
 * value last changed, kept by a `SecretAges` resource and exported as the stack output `secretAges`. On staging it
 * also enforces the runbook's "Use separate secrets for different environments": staging's fingerprints are compared
 * with production's output, read through the StackReference staging already has, and `pulumi preview`/`up` fail
 * naming every secret staging shares with production. No value leaves either stack: only HMACs under the shared
 * stack secret `chef-chopsky:secretFingerprintKey` are compared.
 */
import * as pulumi from "@pulumi/pulumi";
import type { EnvironmentName } from "../lib/environments";
import { FINGERPRINT_KEY } from "../lib/fingerprint";
import { compareWithProduction, fingerprintRecord, recordedSecrets, type SecretAgesOutput } from "../lib/secret-record";
import { SecretAges } from "../providers/secret-ages/provider";

/** Arguments of {@link SecretRecord}. */
export interface SecretRecordArgs {
  /** The stack's environment; staging compares its secrets with production's. Example: `"staging"`. */
  environment: EnvironmentName;
  /** Reads a config secret by full key (`requireSecret` in the program). */
  secret: (fullKey: string) => pulumi.Output<string>;
  /** The rotation period in days (config `chef-chopsky:secretRotationDays`), carried in the output. Example: `90`. */
  rotationDays: number;
  /**
   * Staging only: production's output `secretAges`, read through the StackReference to production (undefined
   * before production's first `pulumi up` of this version). Absent when staging has no StackReference (it was given
   * `chef-chopsky:vercelProjectId`, so that it needs no access to production): the comparison is then skipped with a
   * warning.
   */
  production?: pulumi.Input<unknown>;
}

/** The fix for a secret staging shares with production, as the error says it. */
function reuseError(keys: { key: string; productionKeys: string[] }[]): string {
  const list = keys.map((r) => `${r.key} (equal to production's ${r.productionKeys.join(", ")})`).join("; ");
  const first = keys[0].key;
  return (
    `staging uses production secret values: ${list}. The runbook requires separate secrets per environment: create ` +
    `a separate value for staging at the service, then run \`pulumi config set --secret ${first} --stack staging\` ` +
    `(it prompts) for each secret named here, and preview again. (Compared by keyed fingerprints, HMAC-SHA256 under ` +
    `${FINGERPRINT_KEY}: no value left either stack.)`
  );
}

/** A stack's secret record; on staging, also the check that no secret is production's. */
export class SecretRecord extends pulumi.ComponentResource {
  /** The stack output `secretAges`: rotation period, key id, and each secret's fingerprint and change date. */
  public readonly ages: pulumi.Output<SecretAgesOutput>;

  constructor(name: string, args: SecretRecordArgs, opts?: pulumi.ComponentResourceOptions) {
    super("chef-chopsky:secrets:SecretRecord", name, {}, opts);
    const keys = recordedSecrets(args.environment);
    const values = pulumi.all(Object.fromEntries(keys.map((k) => [k, args.secret(k)])));
    // Fingerprints are derived from secrets, so Pulumi marks them secret; by design they are not (see lib/fingerprint).
    let record = pulumi.unsecret(values.apply((v) => fingerprintRecord(v)));
    if (args.environment === "staging") {
      const compared = "production" in args && args.production !== undefined;
      record = pulumi.all([record, compared ? args.production : null]).apply(([own, production]) => {
        if (!compared) {
          void pulumi.log.warn(
            "staging's secrets were not compared with production's: staging has no StackReference to production " +
              "(chef-chopsky:vercelProjectId is set). Compare them where both stacks' outputs are readable: " +
              "`npm run secrets -- --outputs staging.json --production production.json`.",
            this,
          );
          return own;
        }
        const found = compareWithProduction(own, production);
        if (found.kind === "missing" || found.kind === "unreadable") {
          const what =
            found.kind === "missing"
              ? "no secretAges output yet (its first `pulumi up` with this version has not run)"
              : "a secretAges output this version cannot read";
          void pulumi.log.warn(
            `production has ${what}: staging's secrets were not compared with production's. Run ` +
              "`pulumi up --stack production`, then preview staging again.",
            this,
          );
        } else if (found.kind === "other-key") {
          throw new pulumi.ResourceError(
            `${FINGERPRINT_KEY} differs between staging and production, so staging's secrets cannot be compared with ` +
              `production's: set the same key on both stacks (\`pulumi config set --secret ${FINGERPRINT_KEY} ` +
              "--stack staging`, with production's value).",
            this,
            true,
          );
        } else {
          if (found.reused.length > 0) throw new pulumi.ResourceError(reuseError(found.reused), this, true);
          if (found.sharedCredentials.length > 0)
            void pulumi.log.warn(
              `staging shares ${found.sharedCredentials.join(", ")} with production: revoking it stops both stacks; ` +
                "give each stack its own.",
              this,
            );
        }
        return own;
      });
    }
    const ages = new SecretAges(
      `${name}-ages`,
      // `secrets` first: a failed comparison is reported as an error serializing this property.
      { secrets: record.apply((r) => r.secrets), keyId: record.apply((r) => r.keyId) },
      { parent: this },
    );
    this.ages = pulumi
      .all([ages.keyId, ages.secrets])
      .apply(([keyId, secrets]) => ({ rotationDays: args.rotationDays, keyId, secrets }));
    this.registerOutputs({ ages: this.ages });
  }
}
