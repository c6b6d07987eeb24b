/**
 * Reads a stack's config the way the Pulumi CLI hands it to the program: `Pulumi.<stack>.yaml` over the defaults
 * declared in `Pulumi.yaml`, keys namespaced, numbers and booleans as JSON text. Values the CLI would decrypt
 * (`secure:`) and required secrets that are absent become labelled placeholders, so the program runs offline
 * with no credentials and the synth output can be checked for any of them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
// js-yaml, not yaml: @pulumi/pulumi loads it anyway (its automation API reads Pulumi.yaml with it), so reading the
// stack files costs no extra module load. The core schema: YAML 1.2 scalars, no dates, as the CLI reads them.
import { CORE_SCHEMA, load } from "js-yaml";

const parse = (text: string): unknown => load(text, { schema: CORE_SCHEMA });
import { requiredConfigSecrets } from "../../lib/catalog";
import { FINGERPRINT_KEY, MIN_FINGERPRINT_KEY_LENGTH } from "../../lib/fingerprint";
import { ENVIRONMENT_NAMES, isEnvironmentName } from "../../lib/environments";

export interface OfflineConfig {
  project: string;
  stack: string;
  /** Full key → value, as `pulumi.runtime.allConfig()` returns it. */
  config: Record<string, string>;
  /** Keys the CLI would mark secret. */
  secretKeys: string[];
  /** Every placeholder value put in place of a secret; none may appear in a synth output. */
  placeholders: string[];
}

/**
 * The placeholder that stands for a secret offline; labelled so a leak is recognisable. The fingerprint key's is
 * padded to the length lib/fingerprint.ts requires of a key, whatever the stack's name (`demo` is shorter than
 * `staging`).
 */
export function placeholderFor(stack: string, key: string): string {
  const label = `synth-placeholder-secret:${stack}:${key}`;
  return key === FINGERPRINT_KEY ? label.padEnd(MIN_FINGERPRINT_KEY_LENGTH, "-") : label;
}

function stringify(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Loads the offline config of a stack from the project directory. Throws with a clear message on a bad file. */
export function loadOfflineConfig(projectDir: string, stack: string): OfflineConfig {
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  const project = parse(fs.readFileSync(projectFile, "utf8")) as { name?: string; config?: Record<string, unknown> };
  if (!project?.name) throw new Error(`${projectFile}: no project name`);
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile))
    throw new Error(
      `no stack file ${path.basename(stackFile)}: the declared stacks are ${ENVIRONMENT_NAMES.join(", ")} (lib/environments.ts)`,
    );
  const stackDoc = (parse(fs.readFileSync(stackFile, "utf8")) ?? {}) as { config?: Record<string, unknown> };

  const fullKey = (k: string) => (k.includes(":") ? k : `${project.name}:${k}`);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const placeholders: string[] = [];
  const addSecret = (key: string) => {
    const value = placeholderFor(stack, key);
    config[key] = value;
    secretKeys.push(key);
    placeholders.push(value);
  };

  // Project-level defaults first, as the CLI applies them (only keys that declare a default).
  for (const [k, decl] of Object.entries(project.config ?? {})) {
    if (decl && typeof decl === "object" && "default" in decl)
      config[fullKey(k)] = stringify((decl as { default: unknown }).default);
    else if (decl !== null && typeof decl !== "object") config[fullKey(k)] = stringify(decl);
  }
  for (const [k, v] of Object.entries(stackDoc.config ?? {})) {
    if (v && typeof v === "object" && "secure" in v) addSecret(fullKey(k));
    else config[fullKey(k)] = stringify(v);
  }
  // Absent required secrets: the CLI would stop; offline, a placeholder lets the program show what it declares.
  if (isEnvironmentName(stack)) {
    for (const key of requiredConfigSecrets(stack)) if (!(key in config)) addSecret(key);
  }
  return { project: project.name, stack, config, secretKeys, placeholders };
}
