/**
 * `AuthSettings`: the environment-dependent auth settings of a Supabase project (`site_url`, `uri_allow_list`),
 * managed through the Management API with `read` for drift. Destroying it leaves the settings as they are.
 */
import * as pulumi from "@pulumi/pulumi";
import { AuthSettingsProvider } from "./auth-settings-provider";

/** One provider object for every `AuthSettings`, serialized once per process (see `ServiceVariables`). */
const provider = new AuthSettingsProvider();

/** Arguments of {@link AuthSettings}. */
export interface AuthSettingsArgs {
  /** The Supabase project ref (20 lowercase letters). Changing it replaces the resource. */
  projectRef: pulumi.Input<string>;
  /** `site_url`: the environment's frontend URL, e.g. `https://chef-chopsky.vercel.app`. No commas. */
  siteUrl: pulumi.Input<string>;
  /** `uri_allow_list` entries; sent as ONE comma-separated string, as the API requires. */
  redirectUrls: pulumi.Input<pulumi.Input<string>[]>;
  /** Management API base URL, plain; default `https://api.supabase.com`. Tests point it at a fake. */
  apiUrl?: string;
}

/** The `site_url` and `uri_allow_list` of one Supabase project. */
export class AuthSettings extends pulumi.dynamic.Resource {
  /** `site_url` (live value after a refresh). */
  declare public readonly siteUrl: pulumi.Output<string>;
  /** `uri_allow_list` as the comma-separated string Supabase stores (live value after a refresh). */
  declare public readonly uriAllowList: pulumi.Output<string>;

  constructor(name: string, args: AuthSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        projectRef: args.projectRef,
        siteUrl: args.siteUrl,
        uriAllowList: pulumi.output(args.redirectUrls).apply((urls) => urls.join(",")),
        apiUrl: args.apiUrl,
      },
      opts,
      "supabase",
      "AuthSettings",
    );
  }
}
