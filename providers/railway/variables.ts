/**
 * `ServiceVariables`: a set of Railway service variables managed by this stack (upsert, read for drift, delete of
 * only its own keys). The values are secret end to end: the input map is wrapped in `pulumi.secret`, and the
 * `variables` output is listed in `additionalSecretOutputs`, so neither the state nor a diff shows a value.
 */
import * as pulumi from "@pulumi/pulumi";
import { ServiceResource } from "../resource";
import { RAILWAY_API_URL } from "./client";

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
  /**
   * @deprecated The provider takes the endpoint from the stack config key `chef-chopsky:railwayApiUrl` (kit.ts).
   * Recorded only when it is not Railway's own endpoint.
   */
  apiUrl?: string;
}

/** Railway service variables of one service in one environment, limited to the keys declared here. */
export class ServiceVariables extends ServiceResource {
  /** The managed variables (secret). After a refresh: their live values. */
  declare public readonly variables: pulumi.Output<Record<string, string>>;
  /** The names of the managed keys (not secret). */
  declare public readonly keys: pulumi.Output<string[]>;

  constructor(name: string, args: ServiceVariablesArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      "railway:ServiceVariables",
      name,
      {
        ...args,
        variables: pulumi.secret(args.variables),
        apiUrl: args.apiUrl === RAILWAY_API_URL ? undefined : args.apiUrl,
        keys: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["variables"] }),
    );
  }
}
