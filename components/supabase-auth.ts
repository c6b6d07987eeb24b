/**
 * The Supabase auth settings of one environment: the two keys that depend on it, `site_url` and the redirect allow
 * list (`uri_allow_list`). The Supabase project itself, its URL and keys are made by hand (runbook) and reach the
 * frontend, the agent and GitHub through the config. Destroying it leaves the project's auth settings as they are.
 *
 * Formerly the `Database` component (type `chef-chopsky:database:Database`, child `<name>-auth-settings`): it never
 * managed a database. The Environment gives it an alias to its former type and name, and its child one to its former
 * name, so that existing stacks keep both resources (the engine combines a child's aliases with its parent's).
 */
import * as pulumi from "@pulumi/pulumi";
import { AuthSettings } from "../providers/supabase/auth-settings";

/** The type token the component had as `Database`, for the alias of existing stacks. */
export const FORMER_TYPE = "chef-chopsky:database:Database";

/**
 * The redirect allow list of an environment: its frontend URL, and the origins of the previews it serves (staging:
 * the feature previews' pattern) with `/**`, so that every path of every preview may be redirected to.
 * @example authRedirectUrls("https://chef-chopsky-git-staging.vercel.app", ["https://chef-chopsky-git-*.vercel.app"])
 */
export function authRedirectUrls(frontendUrl: string, previewOrigins: readonly string[] = []): string[] {
  return [frontendUrl, ...previewOrigins.map((o) => `${o.replace(/\/+$/, "")}/**`)];
}

/** Arguments of {@link SupabaseAuth}. */
export interface SupabaseAuthArgs {
  /** The Supabase project ref (20 lowercase letters), e.g. `"abcdefghijklmnopqrst"`. */
  projectRef: string;
  /** `site_url`: the environment's frontend URL, e.g. `"https://chef-chopsky.vercel.app"`. No commas. */
  siteUrl: string;
  /** `uri_allow_list` entries (see {@link authRedirectUrls}); no entry may contain a comma. */
  redirectUrls: string[];
}

/**
 * Why the arguments are invalid, field by field. Only what nothing before checks: the config has validated the
 * URLs and the ref (config.ts), the provider's `check` the site URL; an entry with a comma would be split silently
 * when the list is joined into Supabase's one comma-separated string.
 */
export function supabaseAuthArgsProblems(args: SupabaseAuthArgs): string[] {
  const problems: string[] = [];
  if (args.redirectUrls.length === 0) problems.push("redirectUrls: at least the frontend URL");
  args.redirectUrls.forEach((u, i) => {
    if (u === "" || u.includes(",")) problems.push(`redirectUrls[${i}]: one URL or pattern, without commas`);
  });
  return problems;
}

/** The environment-dependent auth settings of one Supabase project. */
export class SupabaseAuth extends pulumi.ComponentResource {
  constructor(name: string, args: SupabaseAuthArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validated before anything is registered, the component included.
    const problems = supabaseAuthArgsProblems(args);
    if (problems.length > 0) throw new Error(`SupabaseAuth ${name}: ${problems.join("; ")}`);
    super("chef-chopsky:supabase:SupabaseAuth", name, {}, opts);
    new AuthSettings(
      `${name}-settings`,
      { projectRef: args.projectRef, siteUrl: args.siteUrl, redirectUrls: args.redirectUrls },
      // Formerly `<name>-auth-settings`; under the component's alias to `…-database` that is the URN in the state.
      { parent: this, aliases: [{ name: `${name}-auth-settings` }] },
    );
    this.registerOutputs({});
  }
}
