/**
 * `ServiceVariables`: a set of Railway service variables managed by this stack (upsert, read for drift, delete of
 * only its own keys). The values are secret end to end: the input map is wrapped in `pulumi.secret`, and the
 * `variables` output is listed in `additionalSecretOutputs`, so neither the state nor a diff shows a value.
 */
import * as pulumi from "@pulumi/pulumi";
import { ServiceVariablesProvider } from "./variables-provider";

/**
 * One provider object for every `ServiceVariables`: Pulumi serializes a provider once per object (its cache is keyed
 * by the object), so a shared one is serialized once per process instead of once per resource. It holds no
 * per-resource state; its credentials arrive through `configure` in the provider process only.
 */
const provider = new ServiceVariablesProvider();

/** Arguments of {@link ServiceVariables}. */
export interface ServiceVariablesArgs {
  /** Railway project id (UUID). Changing it replaces the resource. */
  projectId: pulumi.Input<string>;
  /** Railway environment id (UUID) of this stack's environment. Changing it replaces the resource. */
  environmentId: pulumi.Input<string>;
  /** Railway service id (UUID) of the agent. Changing it replaces the resource. */
  serviceId: pulumi.Input<string>;
  /** The variables to manage, name to value; wrapped in a secret whatever is passed. */
  variables: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** GraphQL endpoint, plain; default `https://backboard.railway.com/graphql/v2`. Tests point it at a fake. */
  apiUrl?: string;
}

/** Railway service variables of one service in one environment, limited to the keys declared here. */
export class ServiceVariables extends pulumi.dynamic.Resource {
  /** The managed variables (secret). After a refresh: their live values. */
  declare public readonly variables: pulumi.Output<Record<string, string>>;
  /** The names of the managed keys (not secret). */
  declare public readonly keys: pulumi.Output<string[]>;

  constructor(name: string, args: ServiceVariablesArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        projectId: args.projectId,
        environmentId: args.environmentId,
        serviceId: args.serviceId,
        variables: pulumi.secret(args.variables),
        apiUrl: args.apiUrl,
        keys: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["variables"] }),
      "railway",
      "ServiceVariables",
    );
  }
}
