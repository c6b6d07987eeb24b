/**
 * The record of a stack's secrets (lib/secret-record.ts): each config secret's keyed fingerprint and the date its
 * value last changed, kept by a `SecretAges` resource and exported as the stack output `secretAges`. It also enforces
 * the runbook's "Use separate secrets for different environments", through one channel that needs no access to the
 * production stack (lib/published-fingerprints.ts): production publishes the fingerprints of the secrets another
 * environment could share as the GitHub repository variable `CHEF_CHOPSKY_PRODUCTION_FINGERPRINTS`; every other
 * environment (staging, …) reads it with its own GitHub token, and `pulumi preview`/`up` fail naming every secret it
 * shares with production. No value leaves either stack: only HMACs under the shared stack secret
 * `chef-chopsky:secretFingerprintKey` are compared.
 */
import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import { declarationOf, type EnvironmentName, PRODUCTION } from "../lib/environments";
import { FINGERPRINT_KEY } from "../lib/fingerprint";
import { FINGERPRINTS_VARIABLE, publishedValue, readPublished } from "../lib/published-fingerprints";
import { requiredConfigSecrets } from "../lib/catalog";
import { compareWithProduction, fingerprintRecord, type SecretAgesOutput } from "../lib/secret-record";
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
   * Where production's fingerprints are published: the stack's own GitHub provider (components/github.ts) and the
   * repository as `owner/name`. Production writes the variable (its token needs "Variables: write"); every other
   * environment reads it (its token needs "Variables: read", and must not have write).
   */
  github: { provider: pulumi.ProviderResource; repository: string };
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

/** What to say when production's fingerprints cannot be compared with: a warning, or undefined when they can. */
function notComparedWarning(env: EnvironmentName, repository: string, kind: "missing" | "unreadable"): string {
  const what =
    kind === "missing"
      ? `not published its secret fingerprints yet (no repository variable ${FINGERPRINTS_VARIABLE} in ${repository}: ` +
        "its first `pulumi up` with this version has not run)"
      : `published a ${FINGERPRINTS_VARIABLE} this version cannot read`;
  return (
    `production has ${what}: ${env}'s secrets were not compared with production's. Run ` +
    `\`pulumi up --stack ${PRODUCTION.name}\`, then preview ${env} again.`
  );
}

/** A stack's secret record; production publishes its fingerprints, every other environment checks against them. */
export class SecretRecord extends pulumi.ComponentResource {
  /** The stack output `secretAges`: rotation period, key id, and each secret's fingerprint and change date. */
  public readonly ages: pulumi.Output<SecretAgesOutput>;

  constructor(name: string, args: SecretRecordArgs, opts?: pulumi.ComponentResourceOptions) {
    super("chef-chopsky:secrets:SecretRecord", name, {}, opts);
    const keys = requiredConfigSecrets(args.environment);
    const values = pulumi.all(Object.fromEntries(keys.map((k) => [k, args.secret(k)])));
    // Fingerprints are derived from secrets, so Pulumi marks them secret; by design they are not (see lib/fingerprint).
    let record = pulumi.unsecret(values.apply((v) => fingerprintRecord(v)));
    const { provider, repository } = args.github;
    if (declarationOf(args.environment).production) {
      new github.ActionsVariable(
        `${name}-published`,
        {
          repository: repository.split("/")[1],
          variableName: FINGERPRINTS_VARIABLE,
          value: record.apply((r) => publishedValue(r)),
        },
        { parent: this, provider },
      );
    } else {
      record = this.checked(args.environment, record, repository, provider);
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

  /**
   * The record of an environment other than production, once compared with production's published fingerprints
   * (one "List repository variables" call per 30 variables of the repository, through the stack's GitHub provider):
   * rejects, failing the preview, when a secret is production's or the fingerprint keys differ.
   */
  private checked(
    env: EnvironmentName,
    record: pulumi.Output<Omit<SecretAgesOutput, "rotationDays">>,
    repository: string,
    provider: pulumi.ProviderResource,
  ): pulumi.Output<Omit<SecretAgesOutput, "rotationDays">> {
    const published = github.getActionsVariables({ fullName: repository }, { provider, parent: this }).then(
      (result) => readPublished(result.variables),
      (err: unknown) => {
        throw new pulumi.ResourceError(
          `${env} could not read production's published fingerprints (repository variable ${FINGERPRINTS_VARIABLE} ` +
            `of ${repository}), so its secrets cannot be compared with production's: ` +
            `${err instanceof Error ? err.message : String(err)}. The github:token of ${env} needs the repository ` +
            'permission "Variables: read".',
          this,
          true,
        );
      },
    );
    return pulumi.all([record, published]).apply(([own, production]) => {
      const found = compareWithProduction(own, production, env);
      if (found.kind === "missing" || found.kind === "unreadable") {
        void pulumi.log.warn(notComparedWarning(env, repository, found.kind), this);
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
}
