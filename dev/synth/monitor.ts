/**
 * A resource monitor for Pulumi's mock runtime that records every registration as the engine would receive it,
 * secrets included: unlike the SDK's MockMonitor it keeps the secret markers of the inputs, so the synth can list
 * which inputs are secret (and tests can assert it), and it hands secret inputs back as secret state, so outputs
 * derived from them stay secret as they do under the real engine.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's generated gRPC request classes are untyped here */

// The SDK's generated gRPC message classes and internal settings: pinned by the lockfile with @pulumi/pulumi.
/* eslint-disable @typescript-eslint/no-require-imports */
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");
const settings = require("@pulumi/pulumi/runtime/settings");
const state = require("@pulumi/pulumi/runtime/state");
/* eslint-enable @typescript-eslint/no-require-imports */
// The engine's wire format marks a secret as `{ [specialSigKey]: specialSecretSig, value }`.
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import type { SynthResource } from "../policy/synth-json";
import { type InvokeFor, invokeFor as answerInvokes } from "./invokes";

/** One registered resource, as the engine would see it: a resource of the synth JSON, and what the synth holds back. */
export interface RecordedResource extends Pick<
  SynthResource,
  "urn" | "type" | "name" | "inputs" | "secretInputs" | "options"
> {
  parent: string | null;
  custom: boolean;
  /** Inputs exactly as sent (secret markers kept); never written to disk. */
  rawInputs: Record<string, unknown>;
  /** Outputs registered by a component (the stack's outputs on the root resource). */
  outputs?: Record<string, unknown>;
  secretOutputs?: string[];
}

/** What a mock answers for a resource: its id and extra state (e.g. a StackReference's outputs). */
export type StateFor = (
  type: string,
  name: string,
  inputs: Record<string, unknown>,
) => { id?: string; state?: Record<string, unknown> };

/** Walks a wire-format value: returns it with each secret replaced by `onSecret(its value, its dotted path)`. */
export function mapSecrets(value: unknown, onSecret: (secret: unknown, path: string) => unknown, path = ""): unknown {
  if (Array.isArray(value)) return value.map((v, i) => mapSecrets(v, onSecret, path ? `${path}[${i}]` : `[${i}]`));
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[specialSigKey] === specialSecretSig) return onSecret(obj.value, path);
    return Object.fromEntries(
      Object.entries(obj).map(([k, v]) => [k, mapSecrets(v, onSecret, path ? `${path}.${k}` : k)]),
    );
  }
  return value;
}

/** `value` with every secret replaced by "[secret]"; pushes the secrets' paths to `paths`. */
function stripSecrets(value: unknown, paths: string[]): Record<string, unknown> {
  return mapSecrets(value, (_, path) => {
    paths.push(path);
    return "[secret]";
  }) as Record<string, unknown>;
}

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The qualified type of a URN: its type chain, `a:b:C$d:e:F`. */
export function qualifiedTypeOf(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** The URN as the engine forms it (resource.NewURN): the parent's whole type chain, unless it is the stack. */
function urnOf(stack: string, project: string, parent: string, type: string, name: string): string {
  const parentType = parent ? qualifiedTypeOf(parent) : "";
  const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

export class RecordingMonitor {
  readonly resources = new Map<string, RecordedResource>();
  /** The provider functions called, by token, in order (no inputs: they may name secrets' places). */
  readonly invokes: string[] = [];

  /** By default a resource gets no extra state, and the program's one invoke lists no repository variables. */
  constructor(
    private readonly stateFor: StateFor = () => ({}),
    private readonly invokeFor: InvokeFor = answerInvokes({}),
  ) {}

  /** Forgets every registration and call: the synth runs a failed program once more on the same monitor. */
  forget(): void {
    this.resources.clear();
    this.invokes.length = 0;
  }

  /**
   * The URNs the engine would look for in the state under this resource's aliases, as deploy.stepGenerator's
   * generateAliases forms them: each alias (a URN, or a spec whose blanks are this resource's own name, type and
   * parent), then the parent's aliases multiplied out (a child named `<parent name>…` follows a renamed parent).
   */
  private aliasUrns(req: any): string[] {
    const [type, name, parent] = [req.getType(), req.getName(), req.getParent()];
    const stack = settings.getStack();
    const project = settings.getProject();
    const urns = new Set<string>();
    const own: string[] = [];
    for (const alias of req.getAliasesList?.() ?? []) {
      const spec = alias.getSpec();
      if (!spec) own.push(alias.getUrn());
      else {
        const aliasParent = spec.getNoparent() ? "" : spec.getParenturn() || parent;
        const [aliasType, aliasName] = [spec.getType() || type, spec.getName() || name];
        own.push(urnOf(spec.getStack() || stack, spec.getProject() || project, aliasParent, aliasType, aliasName));
      }
    }
    own.forEach((u) => urns.add(u));
    const parentName = parent.slice(parent.lastIndexOf("::") + 2);
    const inherited = (childType: string, childName: string, parentAlias: string) => {
      const aliasName = childName.startsWith(parentName)
        ? parentAlias.slice(parentAlias.lastIndexOf("::") + 2) + childName.slice(parentName.length)
        : childName;
      return urnOf(stack, project, parentAlias, childType, aliasName);
    };
    for (const parentAlias of (parent && this.resources.get(parent)?.options.aliases) || []) {
      urns.add(inherited(type, name, parentAlias));
      for (const u of own)
        urns.add(inherited(qualifiedTypeOf(u).split("$").pop() ?? type, u.slice(u.lastIndexOf("::") + 2), parentAlias));
    }
    return [...urns];
  }

  /** Records the resource a registration or read request names. */
  private record(req: any, custom: boolean, raw: Record<string, unknown>, options: RecordedResource["options"]) {
    const [type, name, parent] = [req.getType(), req.getName(), req.getParent()];
    const urn = urnOf(settings.getStack(), settings.getProject(), parent, type, name);
    const secretInputs: string[] = [];
    const inputs = stripSecrets(raw, secretInputs);
    const answer = custom ? this.stateFor(type, name, inputs) : {};
    this.resources.set(urn, {
      urn,
      type,
      name,
      parent: parent || null,
      custom,
      inputs,
      secretInputs,
      rawInputs: raw,
      options,
    });
    // Hand the inputs back as state, secret markers included, so derived outputs keep their secrecy.
    const state = { ...raw, ...(answer.state ?? {}) };
    return { urn, id: custom ? (answer.id ?? `${name}-id`) : "", state };
  }

  async registerResource(req: any, callback: (err: unknown, resp?: unknown) => void) {
    try {
      const { urn, id, state } = this.record(req, req.getCustom(), req.getObject().toJavaScript(), {
        protect: req.getProtect() || undefined,
        deleteBeforeReplace: req.getDeletebeforereplace() || undefined,
        additionalSecretOutputs: req.getAdditionalsecretoutputsList().length
          ? req.getAdditionalsecretoutputsList()
          : undefined,
        dependencies: req.getDependenciesList().length ? req.getDependenciesList() : undefined,
        provider: req.getProvider() || undefined,
        ignoreChanges: req.getIgnorechangesList().length ? req.getIgnorechangesList() : undefined,
      });
      const aliases = this.aliasUrns(req);
      if (aliases.length > 0) this.resources.get(urn)!.options.aliases = aliases;
      callback(null, registered(urn, id, state));
    } catch (err) {
      callback(err);
    }
  }

  async readResource(req: any, callback: (err: unknown, resp?: unknown) => void) {
    try {
      const { urn, state } = this.record(req, true, req.getProperties().toJavaScript(), {});
      const resp = new resproto.ReadResourceResponse();
      resp.setUrn(urn);
      resp.setProperties(structproto.Struct.fromJavaScript(state));
      callback(null, resp);
    } catch (err) {
      callback(err);
    }
  }

  registerResourceOutputs(req: any, callback: (err: unknown, resp?: unknown) => void) {
    const r = this.resources.get(req.getUrn());
    if (r) {
      const secretOutputs: string[] = [];
      r.outputs = stripSecrets(req.getOutputs()?.toJavaScript() ?? {}, secretOutputs);
      r.secretOutputs = secretOutputs;
    }
    callback(null, {});
  }

  async invoke(req: any, callback: (err: unknown, resp?: unknown) => void) {
    const token: string = req.getTok();
    this.invokes.push(token);
    const answer = this.invokeFor(token, (req.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>);
    if (answer === undefined) return callback(new Error(`unexpected invoke of ${token} in the offline synth`));
    const resp = new provproto.InvokeResponse();
    resp.setReturn(structproto.Struct.fromJavaScript(answer));
    callback(null, resp);
  }

  async call(req: any, callback: (err: unknown, resp?: unknown) => void) {
    callback(new Error(`unexpected call of ${req.getTok()} in the offline synth`));
  }

  supportsFeature(req: any, callback: (err: unknown, resp?: unknown) => void) {
    const id = req.getId();
    callback(null, { getHassupport: () => id !== "outputValues" && id !== "transforms" });
  }

  registerPackage(_req: any, callback: (err: unknown, resp?: unknown) => void) {
    const resp = new resproto.RegisterPackageResponse();
    resp.setRef("synth-package");
    callback(null, resp);
  }
}

/**
 * The answer to a registration, in the shape the SDK reads (runtime/resource.js reads these five getters, and builds
 * the same duck-typed answer itself when it has no monitor): the state as a copy of plain values, as decoding a
 * protobuf Struct would give it, without the encoding and decoding, which were a tenth of a synth's run.
 */
function registered(urn: string, id: string, state: Record<string, unknown>) {
  return {
    getUrn: () => urn,
    getId: () => id,
    getObject: () => ({ toJavaScript: () => structuredClone(state) }),
    getPropertydependenciesMap: () => undefined,
    getResult: () => resproto.Result.SUCCESS,
  };
}

/** Puts the SDK in mock mode with this monitor, as `pulumi.runtime.setMocks` does with its own. */
export function useMonitor(monitor: RecordingMonitor, project: string, stack: string, preview: boolean): void {
  // "organization" is what a self-managed backend reports; Pulumi Cloud reports the real one.
  settings.setMockOptions(monitor, project, stack, preview, "organization");
  const store = state.getStore();
  store.supportsSecrets = true;
  store.supportsResourceReferences = true;
  store.supportsOutputValues = false;
  store.supportsDeletedWith = true;
  store.supportsAliasSpecs = true;
  store.supportsTransforms = false;
}

/** Waits until every registration the program started has reached the monitor. */
export async function settle(): Promise<void> {
  await settings.waitForRPCs();
}
