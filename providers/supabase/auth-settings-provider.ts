/**
 * The dynamic provider behind `AuthSettings`: it manages exactly two keys of a Supabase project's auth config,
 * `site_url` and `uri_allow_list`, patching only the ones that differ, and reads their live values so that
 * `pulumi refresh` sees a change made in the dashboard. Like the official Terraform provider it cannot "delete"
 * settings: destroying the resource leaves the project's auth config as it is (no API call).
 *
 * The token and the API URL come at call time through the providers' one helper (kit.ts): the stack config handed to
 * `configure` (`chef-chopsky:supabaseAccessToken`), else env `SUPABASE_ACCESS_TOKEN`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { supabaseProjectRef } from "../../lib/schemas";
import { ServiceAccess, type ServiceDefinition } from "../kit";
import { type AuthConfigPatch, SupabaseClient } from "./client";

/** The provider's inputs. */
export interface AuthSettingsInputs {
  /** The project ref (20 lowercase letters). */
  projectRef: string;
  /** `site_url`: the frontend URL auth e-mails link to; no commas. */
  siteUrl: string;
  /** `uri_allow_list`: the allowed redirect URLs as ONE comma-separated string. */
  uriAllowList: string;
  /** Management API base URL recorded by older state and by the engine suite; otherwise the stack config's (kit.ts). */
  apiUrl?: string;
}

/** The outputs: the same fields, holding the live values after a refresh. */
export type AuthSettingsOutputs = AuthSettingsInputs;

/** The Supabase Management API, as the provider sees it. */
const SUPABASE = {
  name: "Supabase",
  credentialConfig: "chef-chopsky:supabaseAccessToken",
  credentialEnv: ["SUPABASE_ACCESS_TOKEN"],
  apiUrlConfig: "chef-chopsky:supabaseApiUrl",
  connect: (c) => new SupabaseClient({ ...c, token: c.credential }),
} satisfies ServiceDefinition<SupabaseClient>;

/** The entries of a comma-separated allow list, trimmed, without empty ones. */
export function allowListEntries(list: string | null | undefined): string[] {
  return (list ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Whether two allow lists hold the same entries; Supabase treats the list as a set, so order does not matter. */
export function sameAllowList(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = [...new Set(allowListEntries(a))].sort();
  const y = [...new Set(allowListEntries(b))].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The PATCH body that turns `live` into `wanted`: only the fields that differ. Pure, tested directly. */
export function authSettingsPatch(
  live: { siteUrl?: string | null; uriAllowList?: string | null },
  wanted: { siteUrl: string; uriAllowList: string },
): AuthConfigPatch {
  const patch: AuthConfigPatch = {};
  if (live.siteUrl !== wanted.siteUrl) patch.site_url = wanted.siteUrl;
  if (!sameAllowList(live.uriAllowList, wanted.uriAllowList)) patch.uri_allow_list = wanted.uriAllowList;
  return patch;
}

/** Implements create, read, diff, update and delete (a no-op) of an `AuthSettings` resource. */
export class AuthSettingsProvider implements pulumi.dynamic.ResourceProvider<AuthSettingsInputs, AuthSettingsOutputs> {
  private readonly supabase = new ServiceAccess(SUPABASE);

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.supabase.configure(req);
  }

  async check(_olds: AuthSettingsInputs, news: AuthSettingsInputs): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const ref = supabaseProjectRef().safeParse(news.projectRef);
    if (!ref.success) failures.push({ property: "projectRef", reason: ref.error.issues[0].message });
    if (typeof news.siteUrl !== "string" || news.siteUrl === "" || news.siteUrl.includes(",")) {
      failures.push({ property: "siteUrl", reason: "expected one URL without commas" });
    }
    if (typeof news.uriAllowList !== "string")
      failures.push({ property: "uriAllowList", reason: "expected one comma-separated string" });
    return { inputs: news, failures };
  }

  async diff(_id: string, olds: AuthSettingsOutputs, news: AuthSettingsInputs): Promise<pulumi.dynamic.DiffResult> {
    const replaces = olds.projectRef !== news.projectRef ? ["projectRef"] : [];
    const patch = authSettingsPatch(olds, news);
    // Not apiUrl: where the API is says nothing about the settings (kit.ts).
    const changes = replaces.length > 0 || Object.keys(patch).length > 0;
    return { changes, replaces };
  }

  async create(inputs: AuthSettingsInputs): Promise<pulumi.dynamic.CreateResult<AuthSettingsOutputs>> {
    const { siteUrl, uriAllowList } = inputs;
    await this.supabase.client(inputs.apiUrl).updateAuthConfig(inputs.projectRef, {
      site_url: siteUrl,
      uri_allow_list: uriAllowList,
    });
    return { id: `${inputs.projectRef}/auth-settings`, outs: { ...inputs } };
  }

  /** Live values of exactly the two managed keys. */
  async read(id: string, props?: AuthSettingsOutputs): Promise<pulumi.dynamic.ReadResult<AuthSettingsOutputs>> {
    if (!props) throw new Error(`Supabase auth settings ${id}: nothing recorded to read (import is not supported)`);
    const live = await this.supabase.client(props.apiUrl).getAuthConfig(props.projectRef);
    return { id, props: { ...props, siteUrl: live.site_url ?? "", uriAllowList: live.uri_allow_list ?? "" } };
  }

  async update(
    _id: string,
    olds: AuthSettingsOutputs,
    news: AuthSettingsInputs,
  ): Promise<pulumi.dynamic.UpdateResult<AuthSettingsOutputs>> {
    const patch = authSettingsPatch(olds, news);
    if (Object.keys(patch).length > 0) await this.supabase.client(news.apiUrl).updateAuthConfig(news.projectRef, patch);
    return { outs: { ...news } };
  }

  /** Leaves the project's settings as they are: there is no "unset" for them, and guessing a default is worse. */
  async delete(): Promise<void> {
    // Intentionally no API call.
  }
}
