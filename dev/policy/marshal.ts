/**
 * Synth resources as the engine marshals them for the analyzer (`pulumirpc.AnalyzeRequest`, `AnalyzerResource`):
 * properties as a protobuf Struct with secrets wrapped in Pulumi's secret signature (the CLI marshals with
 * KeepSecrets, and @pulumi/policy unwraps them, so a rule sees the value), options always present (the policy SDK
 * refuses a request without them), and the provider resolved from the provider reference.
 */
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { STACK_TYPE, type SynthJson, type SynthResource } from "./synth-json";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A deep copy of `value` with the values at `secretPaths` (`variables.OPENAI_API_KEY`, `environments[0].value`, as the
 * synth writes them) wrapped as Pulumi secrets; missing paths are ignored.
 */
export function withSecrets(value: Record<string, unknown>, secretPaths: readonly string[]): Record<string, Json> {
  const secret = new Set(secretPaths.filter((path) => path !== "")); // the root is a resource, never one secret
  const walk = (v: Json, path: string): Json => {
    if (secret.has(path)) return { [specialSigKey]: specialSecretSig, value: v };
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (typeof v !== "object" || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, path ? `${path}.${k}` : k)]));
  };
  // JSON round trip: drops undefined (Struct cannot hold it).
  return walk(JSON.parse(JSON.stringify(value)) as Json, "") as Record<string, Json>;
}

function resourceOptions(r: SynthResource): analyzerpb.AnalyzerResourceOptions {
  const o = r.options;
  const opts = new analyzerpb.AnalyzerResourceOptions();
  opts.setProtect(o.protect === true);
  opts.setIgnorechangesList(o.ignoreChanges ?? []);
  opts.setDeletebeforereplace(o.deleteBeforeReplace === true);
  opts.setDeletebeforereplacedefined(o.deleteBeforeReplace !== undefined);
  opts.setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? []);
  opts.setAliasesList(o.aliases ?? []);
  opts.setCustomtimeouts(new analyzerpb.AnalyzerResourceOptions.CustomTimeouts());
  opts.setParent(r.parent ?? o.parent ?? "");
  return opts;
}

/** Looks up the provider resource a `<urn>::<id>` reference names. */
function providerOf(
  r: SynthResource,
  byUrn: ReadonlyMap<string, SynthResource>,
): analyzerpb.AnalyzerProviderResource | undefined {
  const ref = r.options.provider;
  if (ref === undefined || ref === "") return undefined;
  const cut = ref.lastIndexOf("::");
  const urn = cut > 0 && !byUrn.has(ref) ? ref.slice(0, cut) : ref;
  const p = byUrn.get(urn);
  if (p === undefined) return undefined;
  const provider = new analyzerpb.AnalyzerProviderResource();
  provider.setUrn(p.urn);
  provider.setType(p.type);
  provider.setName(p.name);
  provider.setProperties(Struct.fromJavaScript(withSecrets(p.inputs, p.secretInputs)));
  return provider;
}

/** Sets what both kinds of request carry for a resource: its identity, properties, options and provider. */
function describe<T extends analyzerpb.AnalyzeRequest | analyzerpb.AnalyzerResource>(
  msg: T,
  r: SynthResource,
  properties: Record<string, Json>,
  byUrn: ReadonlyMap<string, SynthResource>,
): T {
  msg.setUrn(r.urn).setType(r.type).setName(r.name);
  msg.setProperties(Struct.fromJavaScript(properties)).setOptions(resourceOptions(r));
  const provider = providerOf(r, byUrn);
  if (provider) msg.setProvider(provider);
  return msg;
}

/** The `Analyze` requests of a stack: one per resource, on its inputs, as the engine sends them before each step. */
export function analyzeRequests(synth: SynthJson): analyzerpb.AnalyzeRequest[] {
  const byUrn = new Map(synth.resources.map((r) => [r.urn, r]));
  return synth.resources.map((r) =>
    describe(new analyzerpb.AnalyzeRequest(), r, withSecrets(r.inputs, r.secretInputs), byUrn),
  );
}

/**
 * The `AnalyzeStack` request: every resource with parent and dependencies, on its final state. Offline the state of
 * a custom resource is its inputs (the mocks echo them), and the root stack resource's state is the stack outputs.
 */
export function analyzeStackRequest(synth: SynthJson): analyzerpb.AnalyzeStackRequest {
  const byUrn = new Map(synth.resources.map((r) => [r.urn, r]));
  const resources = synth.resources.map((r) => {
    const props =
      r.type === STACK_TYPE ? withSecrets(synth.outputs, synth.secretOutputs) : withSecrets(r.inputs, r.secretInputs);
    const res = describe(new analyzerpb.AnalyzerResource(), r, props, byUrn);
    res.setParent(r.parent ?? "");
    res.setDependenciesList(r.options.dependencies ?? []);
    for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
      const deps = new analyzerpb.AnalyzerPropertyDependencies();
      deps.setUrnsList(urns);
      res.getPropertydependenciesMap().set(key, deps);
    }
    return res;
  });
  const req = new analyzerpb.AnalyzeStackRequest();
  req.setResourcesList(resources);
  return req;
}
