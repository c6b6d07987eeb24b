/**
 * The dynamic provider behind `ServiceVariables`: it upserts the variables one resource declares into a Railway
 * service, manages only those keys (other keys, set by hand or by another stack, are never touched), and reads
 * their live values back so that `pulumi refresh` sees a value changed in Railway's dashboard.
 *
 * The token and the API URL come at call time through the providers' one helper (kit.ts): the stack config handed to
 * `configure` (`chef-chopsky:railwayToken`, a project token), else env `RAILWAY_TOKEN` (project) or
 * `RAILWAY_API_TOKEN` (account, the Railway CLI's name for it).
 */
import type * as pulumi from "@pulumi/pulumi";
import { uuid } from "../../lib/schemas";
import { isUnknown, ServiceAccess, type ServiceDefinition } from "../kit";
import { RailwayClient, type RailwayTarget } from "./client";

/** The provider's inputs, as the engine hands them over (secrets already unwrapped). */
export interface ServiceVariablesInputs extends RailwayTarget {
  /** The variables this resource manages, name to value. */
  variables: Record<string, string>;
  /** GraphQL endpoint recorded by older state and by the engine suite; otherwise the stack config's (kit.ts). */
  apiUrl?: string;
}

/** The provider's outputs: the inputs, with `variables` holding live values after a refresh. */
export interface ServiceVariablesOutputs extends ServiceVariablesInputs {
  /** The names of the managed keys (not secret), in sorted order. */
  keys: string[];
}

/** What differs between the recorded and the desired variables, by key. */
export interface VariablesDiff {
  /** Keys to write: new, or whose value differs (or is missing remotely after a refresh). */
  upsert: string[];
  /** Keys managed before and no longer declared. */
  remove: string[];
}

/** Railway, as the provider sees it. */
const RAILWAY = {
  name: "Railway",
  credentialConfig: "chef-chopsky:railwayToken",
  credentialEnv: ["RAILWAY_TOKEN", "RAILWAY_API_TOKEN"],
  apiUrlConfig: "chef-chopsky:railwayApiUrl",
  connect: (c) =>
    new RailwayClient({
      ...c,
      credentials: { token: c.credential, kind: c.credentialSource === "RAILWAY_API_TOKEN" ? "account" : "project" },
    }),
} satisfies ServiceDefinition<RailwayClient>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TARGET_FIELDS = ["projectId", "environmentId", "serviceId"] as const;

/**
 * The per-key difference between what the state records (`oldKeys` managed, `olds` their recorded values) and what
 * the program declares now. Pure, so it is tested directly.
 */
export function diffVariables(
  oldKeys: readonly string[],
  olds: Readonly<Record<string, string>>,
  news: Readonly<Record<string, string>>,
): VariablesDiff {
  const upsert = Object.keys(news)
    .filter((k) => olds[k] !== news[k])
    .sort();
  const remove = oldKeys.filter((k) => !(k in news)).sort();
  return { upsert, remove };
}

function pick(from: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (k in from) out[k] = from[k];
  return out;
}

function targetOf(p: RailwayTarget): RailwayTarget {
  return { projectId: p.projectId, environmentId: p.environmentId, serviceId: p.serviceId };
}

/** Implements create, read, diff, update and delete of a `ServiceVariables` resource. */
export class ServiceVariablesProvider implements pulumi.dynamic.ResourceProvider<
  ServiceVariablesInputs,
  ServiceVariablesOutputs
> {
  private readonly railway = new ServiceAccess(RAILWAY);

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.railway.configure(req);
  }

  async check(_olds: ServiceVariablesInputs, news: ServiceVariablesInputs): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    for (const f of TARGET_FIELDS) {
      const parsed = uuid(`a Railway ${f}`).safeParse(news[f]);
      if (!parsed.success) failures.push({ property: f, reason: parsed.error.issues[0].message });
    }
    if (isUnknown(news.variables)) {
      // Computed from another resource's output during preview: checked again once known.
    } else if (typeof news.variables !== "object" || news.variables === null) {
      failures.push({ property: "variables", reason: "expected a map of variable names to values" });
    } else {
      // Names only: a value may be secret and never goes into a message.
      for (const k of Object.keys(news.variables)) {
        if (!NAME.test(k))
          failures.push({ property: "variables", reason: `invalid variable name ${JSON.stringify(k)}` });
      }
    }
    return { inputs: news, failures };
  }

  async diff(
    _id: string,
    olds: ServiceVariablesOutputs,
    news: ServiceVariablesInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaces = TARGET_FIELDS.filter((f) => olds[f] !== news[f]);
    if (isUnknown(news.variables)) return { changes: true, replaces };
    const d = diffVariables(olds.keys ?? [], olds.variables ?? {}, news.variables ?? {});
    // Not apiUrl: where the API is says nothing about the variables (kit.ts).
    const changes = replaces.length > 0 || d.upsert.length > 0 || d.remove.length > 0;
    return { changes, replaces };
  }

  async create(inputs: ServiceVariablesInputs): Promise<pulumi.dynamic.CreateResult<ServiceVariablesOutputs>> {
    const target = targetOf(inputs);
    await this.railway.client(inputs.apiUrl).upsertVariables(target, inputs.variables);
    return {
      id: `${target.projectId}/${target.environmentId}/${target.serviceId}`,
      outs: { ...inputs, keys: Object.keys(inputs.variables).sort() },
    };
  }

  /** Live values of exactly the managed keys; a key deleted in the dashboard is absent, so diff plans its upsert. */
  async read(id: string, props?: ServiceVariablesOutputs): Promise<pulumi.dynamic.ReadResult<ServiceVariablesOutputs>> {
    if (!props) throw new Error(`Railway variables ${id}: nothing recorded to read (import is not supported)`);
    const keys = props.keys ?? Object.keys(props.variables ?? {}).sort();
    const live = await this.railway.client(props.apiUrl).getVariables(targetOf(props));
    return { id, props: { ...props, keys, variables: pick(live, keys) } };
  }

  async update(
    _id: string,
    olds: ServiceVariablesOutputs,
    news: ServiceVariablesInputs,
  ): Promise<pulumi.dynamic.UpdateResult<ServiceVariablesOutputs>> {
    const d = diffVariables(olds.keys ?? [], olds.variables ?? {}, news.variables);
    const client = this.railway.client(news.apiUrl);
    const target = targetOf(news);
    if (d.upsert.length > 0) await client.upsertVariables(target, pick(news.variables, d.upsert));
    if (d.remove.length > 0) await deleteKeys(client, target, d.remove);
    return { outs: { ...news, keys: Object.keys(news.variables).sort() } };
  }

  /** Removes only this resource's keys; other variables of the service stay. */
  async delete(_id: string, props: ServiceVariablesOutputs): Promise<void> {
    const keys = props.keys ?? Object.keys(props.variables ?? {});
    await deleteKeys(this.railway.client(props.apiUrl), targetOf(props), keys);
  }
}

/**
 * Deletes the keys that still exist. Reading first makes delete safe to repeat (after a failed `pulumi destroy`, or
 * when a key was already removed by hand) without depending on how Railway answers a delete of a missing key.
 */
async function deleteKeys(client: RailwayClient, target: RailwayTarget, keys: readonly string[]): Promise<void> {
  const live = await client.getVariables(target);
  for (const k of keys) if (k in live) await client.deleteVariable(target, k);
}
