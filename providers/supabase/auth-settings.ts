/**
 * `AuthSettings`: the environment-dependent auth settings of a Supabase project (`site_url`, `uri_allow_list`),
 * managed through the Management API with `read` for drift. Destroying it leaves the settings as they are.
 */
import * as pulumi from "@pulumi/pulumi";
import { ServiceResource } from "../resource";

/** Arguments of {@link AuthSettings}. */
export interface AuthSettingsArgs {
  /** The Supabase project ref (20 lowercase letters). Changing it replaces the resource. */
  projectRef: pulumi.Input<string>;
  /** `site_url`: the environment's frontend URL, e.g. `https://chef-chopsky.vercel.app`. No commas. */
  siteUrl: pulumi.Input<string>;
  /** `uri_allow_list` entries; sent as ONE comma-separated string, as the API requires. */
  redirectUrls: pulumi.Input<pulumi.Input<string>[]>;
}

/** The `site_url` and `uri_allow_list` of one Supabase project. */
export class AuthSettings extends ServiceResource {
  /** `site_url` (live value after a refresh). */
  declare public readonly siteUrl: pulumi.Output<string>;
  /** `uri_allow_list` as the comma-separated string Supabase stores (live value after a refresh). */
  declare public readonly uriAllowList: pulumi.Output<string>;

  constructor(name: string, args: AuthSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      "supabase:AuthSettings",
      name,
      {
        projectRef: args.projectRef,
        siteUrl: args.siteUrl,
        uriAllowList: pulumi.output(args.redirectUrls).apply((urls) => urls.join(",")),
      },
      opts,
    );
  }
}
