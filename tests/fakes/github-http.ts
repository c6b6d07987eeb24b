/**
 * A bare REST caller for tests of the GitHub fake: Node's `fetch` with the headers go-github sends (a bearer token,
 * GitHub's JSON media type, the API version), against the GitHub Enterprise prefix `/api/v3` the provider uses.
 */
import type { GitHubFake } from "./github";

export interface GitHubAnswer {
  status: number;
  /** The parsed JSON body, or undefined for an empty one. */
  body: unknown;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  token?: string | null;
  headers?: Record<string, string>;
  redirect?: "follow" | "manual";
}

/** Calls `method /api/v3{path}` on the fake; `body` is sent as JSON (a string is sent as is). */
export async function gh(
  fake: GitHubFake,
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<GitHubAnswer> {
  const token = options.token === undefined ? fake.token : options.token;
  const headers: Record<string, string> = {
    accept: "application/vnd.github.v3+json",
    "x-github-api-version": "2022-11-28",
    ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    ...(body === undefined ? {} : { "content-type": "application/json" }),
    ...options.headers,
  };
  const res = await fetch(`${fake.url}/api/v3${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    redirect: options.redirect ?? "follow",
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text === "" ? undefined : (JSON.parse(text) as unknown),
    text,
    headers: res.headers,
  };
}

/** The body go-github v88 sends for `CreateUpdateEnvironment` as the provider fills it (no reviewers, no timer). */
export function providerEnvironmentBody(preventSelfReview = false, custom = true): Record<string, unknown> {
  return {
    wait_timer: 0,
    reviewers: null,
    can_admins_bypass: true,
    deployment_branch_policy: { protected_branches: !custom, custom_branch_policies: custom },
    prevent_self_review: preventSelfReview,
  };
}
