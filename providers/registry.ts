/**
 * What the dynamic-provider host finds behind a resource's `__provider` (see resource.ts): the provider of each kind
 * of resource, with its errors made plain (kit.ts). The entry point of the package `@chef-chopsky/providers`, loaded
 * through `providers/host.js` from its compiled build, or from this source when that is not current.
 */
import type * as pulumi from "@pulumi/pulumi";
import { served } from "./kit";
import { ServiceVariablesProvider } from "./railway/variables-provider";
import { secretAgesProvider } from "./secret-ages/provider";
import { AuthSettingsProvider } from "./supabase/auth-settings-provider";
import { alertContactProvider } from "./uptimerobot/alert-contact";
import { monitorProvider } from "./uptimerobot/monitor";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own input and output types
type AnyProvider = pulumi.dynamic.ResourceProvider<any, any>;

/** Each kind of resource (`"<module>:<Type>"`, as in its type token) and how its provider is made. */
const PROVIDERS = {
  "uptimerobot:Monitor": () => monitorProvider,
  "uptimerobot:AlertContact": () => alertContactProvider,
  "railway:ServiceVariables": () => new ServiceVariablesProvider(),
  "supabase:AuthSettings": () => new AuthSettingsProvider(),
  "secrets:SecretAges": () => secretAgesProvider,
} satisfies Record<string, () => AnyProvider>;

/** A kind of dynamic resource of this project. */
export type ProviderKind = keyof typeof PROVIDERS;

/** The provider of a kind, as the host calls it; an error naming the known kinds for any other. */
export function provider(kind: string): AnyProvider {
  if (!Object.hasOwn(PROVIDERS, kind)) {
    throw new Error(`no dynamic provider ${JSON.stringify(kind)} in ${Object.keys(PROVIDERS).join(", ")}`);
  }
  const make: () => AnyProvider = PROVIDERS[kind as ProviderKind];
  return served(make());
}
