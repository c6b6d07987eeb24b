/**
 * A small client for the Supabase Management API (https://api.supabase.com), limited to what this project relies
 * on: reading and patching a project's auth config. It uses the shared HTTP path of `providers/http.ts`.
 *
 * Error replies are JSON `{"message": …}` or, for some validation failures, plain text: both end up in a
 * {@link ServiceError} that names the operation and Supabase's message, never the token.
 */
import { SUPABASE_PROJECT_REF } from "../../lib/formats";
import {
  bearerJson,
  excerpt,
  type HttpClientOptions,
  parseJson,
  type RetryOptions,
  send,
  ServiceError,
  serviceError,
  serviceHttp,
} from "../http";

/** The Management API's base URL. */
export const SUPABASE_API_URL = "https://api.supabase.com";

/** The auth config path; `{ref}` is the project ref. */
export const AUTH_CONFIG_PATH = "/v1/projects/{ref}/config/auth";

/**
 * The requests and reply fields this project relies on, checked against Supabase's OpenAPI document by a test
 * (method, path, request body fields and reply fields, with their JSON types).
 */
export const SUPABASE_ENDPOINTS = [
  {
    method: "get",
    path: AUTH_CONFIG_PATH,
    requestFields: {},
    responseFields: { site_url: "string", uri_allow_list: "string" },
  },
  {
    method: "patch",
    path: AUTH_CONFIG_PATH,
    requestFields: { site_url: "string", uri_allow_list: "string" },
    responseFields: { site_url: "string", uri_allow_list: "string" },
  },
] as const;

/** The auth config as Supabase returns it: many nullable fields, of which this project reads two. */
export interface AuthConfig {
  site_url: string | null;
  /** ONE comma-separated string of allowed redirect URLs (wildcards allowed), not an array. */
  uri_allow_list: string | null;
  [field: string]: unknown;
}

/** The fields this project ever sends in a PATCH: only those that change. */
export interface AuthConfigPatch {
  site_url?: string;
  uri_allow_list?: string;
}

/** How to reach the Management API. */
export interface SupabaseClientOptions extends RetryOptions {
  /** A personal access token (`sbp_…`), sent as `Authorization: Bearer`. */
  token: string;
  /** Base URL; default {@link SUPABASE_API_URL}. Tests point it at the local fake. */
  apiUrl?: string;
}

/** The Supabase Management API, one method per operation this project performs. */
export class SupabaseClient {
  private readonly http: HttpClientOptions;
  private readonly token: string;

  constructor(options: SupabaseClientOptions) {
    this.token = options.token;
    this.http = serviceHttp("Supabase", options.apiUrl ?? SUPABASE_API_URL, options, [options.token]);
  }

  private async call(
    operation: string,
    method: "GET" | "PATCH",
    ref: string,
    body?: AuthConfigPatch,
  ): Promise<AuthConfig> {
    if (!SUPABASE_PROJECT_REF.test(ref)) {
      const what = `invalid project ref ${JSON.stringify(ref)} (expected 20 lowercase letters)`;
      throw serviceError(this.http, operation, what);
    }
    const path = AUTH_CONFIG_PATH.replace("{ref}", ref);
    // Sending the same fields again gives the same config: safe to repeat after a lost reply.
    const reply = await send(this.http, bearerJson(this.token, { operation, method, path, idempotent: true }, body));
    // fetch never hands back a 1xx (the Fetch standard consumes interim replies), so "not 2xx" is ">= 300".
    if (reply.status >= 300) {
      let message = excerpt(reply.text, this.http.redact);
      try {
        const parsed = JSON.parse(reply.text) as { message?: unknown };
        if (parsed && typeof parsed.message === "string") message = parsed.message;
        else if (parsed && Array.isArray(parsed.message)) message = parsed.message.join("; ");
      } catch {
        // A plain-text body (some validation failures): the excerpt above is the message.
      }
      const hint = reply.status === 401 ? " (check chef-chopsky:supabaseAccessToken or SUPABASE_ACCESS_TOKEN)" : "";
      throw new ServiceError(
        excerpt(`Supabase ${operation} failed: HTTP ${reply.status}: ${message}${hint}`, this.http.redact, 400),
        "Supabase",
        operation,
        reply.status,
      );
    }
    const config = parseJson(this.http, operation, reply) as AuthConfig;
    if (typeof config !== "object" || config === null) {
      throw serviceError(this.http, operation, "the reply is not an auth config", reply.status);
    }
    return config;
  }

  /** The project's whole auth config. */
  getAuthConfig(ref: string): Promise<AuthConfig> {
    return this.call("GET auth config", "GET", ref);
  }

  /** Changes only the given fields; returns the whole config after the change. */
  updateAuthConfig(ref: string, patch: AuthConfigPatch): Promise<AuthConfig> {
    return this.call("PATCH auth config", "PATCH", ref, patch);
  }
}
