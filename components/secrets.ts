/**
 * The record of a stack's secrets (lib/secret-record.ts): each config secret's keyed fingerprint and the date its
 * value last changed, kept by a `SecretAges` resource and exported as the stack output `secretAges`. On every
 * environment but production (staging, …) it also enforces the runbook's "Use separate secrets for different
 * environments": its fingerprints are compared with production's output, read through the StackReference it already
 * has, and `pulumi preview`/`up` fail naming every secret it shares with production. No value leaves either stack: only HMACs under the shared
 * stack secret `chef-chopsky:secretFingerprintKey` are compared.
 */
import * as pulumi from "@pulumi/pulumi";
import { declarationOf, type EnvironmentName, PRODUCTION } from "../lib/environments";
import { FINGERPRINT_KEY } from "../lib/fingerprint";
import { compareWithProduction, fingerprintRecord, recordedSecrets, type SecretAgesOutput } from "../lib/secret-record";
import { SecretAges } from "../providers/secret-ages/provider";

/** Arguments of {@link SecretRecord}. */
export interface SecretRecordArgs {
  /** The stack's environment; every one but production compares its secrets with production's. Example: `"staging"`. */
  environment: EnvironmentName;
  /** Reads a config secret by full key (`requireSecret` in the program). */
  secret: (fullKey: string) => pulumi.Output<string>;
  /** The rotation period in days (config `chef-chopsky:secretRotationDays`), carried in the output. Example: `90`. */
  rotationDays: number;
  /**
   * Every environment but production: production's output `secretAges`, read through the StackReference to production (undefined
   * before production's first `pulumi up` of this version). Absent when the stack has no StackReference (it was given
   * `chef-chopsky:vercelProjectId`, so that it needs no access to production): the comparison is then skipped with a
   * warning.
   */
  production?: pulumi.Input<unknown>;
}

/** The fix for a secret an environment shares with production, as the error says it. */
function reuseError(env: EnvironmentName, keys: { key: string; productionKeys: string[] }[]): string {
  const list = keys.map((r) => `${r.key} (equal to production's ${r.productionKeys.join(", ")})`).join("; ");
  const first = keys[0].key;
  return (
    `${env} uses production secret values: ${list}. The runbook requires separate secrets per environment: create ` +
    `a separate value for ${env} at the service, then run \`pulumi config set --secret ${first} --stack ${env}\` ` +
    `(it prompts) for each secret named here, and preview again. (Compared by keyed fingerprints, HMAC-SHA256 under ` +
    `${FINGERPRINT_KEY}: no value left either stack.)`
  );
}

/** A stack's secret record; on every environment but production, also the check that no secret is production's. */
export class SecretRecord extends pulumi.ComponentResource {
  /** The stack output `secretAges`: rotation period, key id, and each secret's fingerprint and change date. */
  public readonly ages: pulumi.Output<SecretAgesOutput>;

  constructor(name: string, args: SecretRecordArgs, opts?: pulumi.ComponentResourceOptions) {
    super("chef-chopsky:secrets:SecretRecord", name, {}, opts);
    const keys = recordedSecrets(args.environment);
    const values = pulumi.all(Object.fromEntries(keys.map((k) => [k, args.secret(k)])));
    // Fingerprints are derived from secrets, so Pulumi marks them secret; by design they are not (see lib/fingerprint).
    let record = pulumi.unsecret(values.apply((v) => fingerprintRecord(v)));
    const env = args.environment;
    if (!declarationOf(env).production) {
      const compared = "production" in args && args.production !== undefined;
      record = pulumi.all([record, compared ? args.production : null]).apply(([own, production]) => {
        if (!compared) {
          void pulumi.log.warn(
            `${env}'s secrets were not compared with production's: ${env} has no StackReference to production ` +
              "(chef-chopsky:vercelProjectId is set). Compare them where both stacks' outputs are readable: " +
              `\`npm run secrets -- --outputs ${env}.json --production production.json\`.`,
            this,
          );
          return own;
        }
        const found = compareWithProduction(own, production, env);
        if (found.kind === "missing" || found.kind === "unreadable") {
          const what =
            found.kind === "missing"
              ? "no secretAges output yet (its first `pulumi up` with this version has not run)"
              : "a secretAges output this version cannot read";
          void pulumi.log.warn(
            `production has ${what}: ${env}'s secrets were not compared with production's. Run ` +
              `\`pulumi up --stack ${PRODUCTION.name}\`, then preview ${env} again.`,
            this,
          );
        } else if (found.kind === "other-key") {
          throw new pulumi.ResourceError(
            `${FINGERPRINT_KEY} differs between ${env} and production, so ${env}'s secrets cannot be compared with ` +
              `production's: set the same key on both stacks (\`pulumi config set --secret ${FINGERPRINT_KEY} ` +
              `--stack ${env}\`, with production's value).`,
            this,
            true,
          );
        } else {
          if (found.reused.length > 0) throw new pulumi.ResourceError(reuseError(env, found.reused), this, true);
          if (found.sharedCredentials.length > 0)
            void pulumi.log.warn(
              `${env} shares ${found.sharedCredentials.join(", ")} with production: revoking it stops both stacks; ` +
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
