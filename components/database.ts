/**
 * The database of one environment (Supabase): the project itself is created by hand (runbook), this component
 * manages the auth settings that depend on the environment (site URL and redirect allow list) and exposes the URL.
 * Destroying it leaves the project's auth settings as they are.
 */
import * as pulumi from "@pulumi/pulumi";
import { AuthSettings } from "../providers/supabase/auth-settings";
import type { EnvironmentName } from "../lib/environments";

/**
 * The redirect allow list of an environment: its frontend URL, and for staging also the feature previews'
 * pattern with `/**` so that every path of every preview may be redirected to.
 * @example authRedirectUrls("staging", "https://chef-chopsky-git-staging.vercel.app", "https://chef-chopsky-git-*.vercel.app")
 */
export function authRedirectUrls(
  environment: EnvironmentName,
  frontendUrl: string,
  previewUrlPattern?: string,
): string[] {
  const urls = [frontendUrl];
  if (environment === "staging" && previewUrlPattern) urls.push(`${previewUrlPattern.replace(/\/+$/, "")}/**`);
  return urls;
}

/** Arguments of {@link Database}. */
export interface DatabaseArgs {
  /** The stack's environment, e.g. `"production"`; only staging's allow list admits the feature previews. */
  environment: EnvironmentName;
  /** The Supabase project ref (20 lowercase letters), e.g. `"abcdefghijklmnopqrst"`. */
  projectRef: string;
  /** The project URL, e.g. `"https://abcdefghijklmnopqrst.supabase.co"`. */
  supabaseUrl: string;
  /** `site_url`: the environment's frontend URL, e.g. `"https://chef-chopsky.vercel.app"`. No commas. */
  siteUrl: string;
  /** `uri_allow_list` entries (see {@link authRedirectUrls}); no entry may contain a comma. */
  redirectUrls: string[];
  /** Management API base URL; default `https://api.supabase.com`. Engine tests point it at a fake. */
  apiUrl?: string;
}

/**
 * Why the arguments are invalid, field by field. Only what nothing before checks: the config has validated the
 * URLs and the ref (config.ts), the provider's `check` the site URL; an entry with a comma would be split silently
 * when the list is joined into Supabase's one comma-separated string.
 */
export function databaseArgsProblems(args: DatabaseArgs): string[] {
  const problems: string[] = [];
  if (args.redirectUrls.length === 0) problems.push("redirectUrls: at least the frontend URL");
  args.redirectUrls.forEach((u, i) => {
    if (u === "" || u.includes(",")) problems.push(`redirectUrls[${i}]: one URL or pattern, without commas`);
  });
  return problems;
}

/** The Supabase database of one environment. */
export class Database extends pulumi.ComponentResource {
  /** The project URL. */
  public readonly url: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validated before anything is registered, the component included.
    const problems = databaseArgsProblems(args);
    if (problems.length > 0) throw new Error(`Database ${name}: ${problems.join("; ")}`);
    super("chef-chopsky:database:Database", name, {}, opts);
    new AuthSettings(
      `${name}-auth-settings`,
      { projectRef: args.projectRef, siteUrl: args.siteUrl, redirectUrls: args.redirectUrls, apiUrl: args.apiUrl },
      { parent: this },
    );
    this.url = pulumi.output(args.supabaseUrl);
    this.registerOutputs({ url: this.url });
  }
}
