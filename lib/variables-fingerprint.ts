/**
 * The redeploy trigger of a set of variables: one keyed fingerprint (lib/fingerprint.ts) of the whole map, so that
 * the program can tell the deploy tools "what the service carries changed" without any value leaving the stack.
 * Deterministic: the same values under the same key give the same digest, in any key order, on any machine.
 */
import * as pulumi from "@pulumi/pulumi";
import { fingerprint } from "./fingerprint";

/** The fingerprint of a map of variables: HMAC-SHA256 of its entries sorted by name, under `key`. */
export function variablesFingerprint(key: string, variables: Readonly<Record<string, string>>, label: string): string {
  const entries = Object.entries(variables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return fingerprint(key, JSON.stringify(entries), label);
}

/**
 * {@link variablesFingerprint} of Outputs. The digest is keyed with a stack secret, so without the key it says
 * nothing about any value and cannot be tested against guesses: it is shown in plain, which lets `pulumi preview`
 * show that it changed.
 */
export function variablesFingerprintOutput(
  key: pulumi.Input<string>,
  variables: pulumi.Input<Record<string, pulumi.Input<string>>>,
  label: string,
): pulumi.Output<string> {
  return pulumi.unsecret(
    pulumi
      .all([key, pulumi.output(variables)])
      .apply(([k, vars]) => variablesFingerprint(k, vars as Record<string, string>, label)),
  );
}
