/**
 * The synth JSON that `npm run synth -- --stack S --json FILE` writes, and that the offline policy run reads:
 * the resource graph of one stack with its inputs, secret input values replaced by "[secret]" and their paths in
 * `secretInputs`. Parsed with zod so that a hand-written or stale file fails with the field that is wrong, not with
 * a protobuf error in the middle of the run. Unknown fields are kept (the synth may grow).
 */
import { z } from "zod";

const optionsSchema = z.looseObject({
  protect: z.boolean().optional(),
  deleteBeforeReplace: z.boolean().optional(),
  additionalSecretOutputs: z.array(z.string()).optional(),
  dependencies: z.array(z.string()).optional(),
  /** A provider reference, `<provider urn>::<provider id>`. */
  provider: z.string().optional(),
  ignoreChanges: z.array(z.string()).optional(),
  /** Every URN the engine would take for this resource's former self (dev/synth/monitor.ts, aliasUrns). */
  aliases: z.array(z.string()).optional(),
  parent: z.string().optional(),
});

const resourceSchema = z.looseObject({
  urn: z.string().startsWith("urn:pulumi:", { error: 'expected a URN ("urn:pulumi:…")' }),
  type: z.string().min(1),
  name: z.string(),
  parent: z.string().nullable().optional(),
  custom: z.boolean().optional(),
  /** Inputs with every secret replaced by the string "[secret]". */
  inputs: z.record(z.string(), z.unknown()).default({}),
  /** Dotted paths of the secret inputs, e.g. `value` or `variables.OPENAI_API_KEY`. */
  secretInputs: z.array(z.string()).default([]),
  /** Per-property dependencies, when the synth records them. */
  propertyDependencies: z.record(z.string(), z.array(z.string())).optional(),
  options: optionsSchema.default({}),
});

const synthJsonSchema = z.looseObject({
  project: z.string().min(1),
  stack: z.string().min(1),
  resources: z.array(resourceSchema),
  outputs: z.record(z.string(), z.unknown()).default({}),
  /** Output names whose values are secret (shown as "[secret]"). */
  secretOutputs: z.array(z.string()).default([]),
});

/** One stack's resource graph, parsed. */
export type SynthJson = z.output<typeof synthJsonSchema>;
export type SynthResource = SynthJson["resources"][number];

/** Thrown when a synth JSON does not have the expected shape; the message names every bad field. */
export class SynthJsonError extends Error {
  override name = "SynthJsonError";
}

/** Parses and validates a synth JSON value. */
export function parseSynthJson(value: unknown, source = "synth JSON"): SynthJson {
  const parsed = synthJsonSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new SynthJsonError(`${source} is not a synth JSON:\n${issues.join("\n")}`);
  }
  return parsed.data;
}

/** The root stack resource's type; its properties for AnalyzeStack are the stack outputs. */
export const STACK_TYPE = "pulumi:pulumi:Stack";
