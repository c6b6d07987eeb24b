/**
 * How the program declares this project's dynamic resources (UptimeRobot, Railway, Supabase): as the
 * `pulumi-nodejs:dynamic/<module>:<Type>` resources that `pulumi.dynamic.Resource` registers, run by the same
 * dynamic-provider host, but with a `__provider` that names the provider instead of carrying its code:
 *
 *     exports.handler = () => require("@chef-chopsky/providers").provider("uptimerobot:Monitor");
 *
 * `@chef-chopsky/providers` is `providers/` itself, linked into node_modules by `npm ci` (package.json), and the host
 * resolves it from the program's directory, as it resolves @pulumi/pulumi. Why not `pulumi.dynamic.Resource`: it
 * serializes the provider's closure by value (about 65 functions, each looked up through the V8 inspector and parsed),
 * which was most of what a synth or a preview of this program cost above loading the SDK; and a by-value closure is
 * where a captured credential would land in the state. A reference captures nothing, and the state it writes stays
 * the same text when the providers change.
 *
 * State written by the by-value providers keeps working: the engine hands the host each resource's recorded
 * `__provider`, and those run their own recorded code (for read and delete, until the resource is next updated).
 */
import * as pulumi from "@pulumi/pulumi";
import type { ProviderKind } from "./registry";

/** The package `__provider` loads the providers from (providers/package.json). */
export const PROVIDERS_PACKAGE = "@chef-chopsky/providers";

/** The `__provider` text of a kind of resource: a reference to the provider, no code and no value. */
export function providerReference(kind: ProviderKind): string {
  return `exports.handler = () => require(${JSON.stringify(PROVIDERS_PACKAGE)}).provider(${JSON.stringify(kind)});\n`;
}

/** A dynamic resource of this project, served by the provider of its kind (`"<module>:<Type>"`). */
export abstract class ServiceResource extends pulumi.CustomResource {
  constructor(kind: ProviderKind, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    const [module, type] = kind.split(":");
    super(`pulumi-nodejs:dynamic/${module}:${type}`, name, { ...props, __provider: providerReference(kind) }, opts);
  }
}
