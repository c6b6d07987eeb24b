// The Supabase client and the AuthSettings dynamic provider against the fake: only site_url and uri_allow_list are
// touched, only changed fields are patched, a dashboard change shows as drift, delete makes no call, errors name
// the operation and Supabase's message (JSON or plain text) but never the token, and retries leave the state right.
import * as assert from "node:assert/strict";
import { ServiceError } from "../providers/http";
import {
  AuthSettingsProvider,
  authSettingsPatch,
  sameAllowList,
  type AuthSettingsOutputs,
} from "../providers/supabase/auth-settings-provider";
import { SupabaseClient } from "../providers/supabase/client";
import { useFake } from "./fakes/server";
import { SupabaseFake } from "./fakes/supabase";

const SITE = "https://chef-chopsky-git-staging.vercel.app";
const ALLOW = `${SITE},https://chef-chopsky-git-*.vercel.app/**`;

describe("Supabase auth settings", () => {
  const fake = useFake(() => new SupabaseFake());
  const saved = process.env.SUPABASE_ACCESS_TOKEN;
  beforeEach(() => delete process.env.SUPABASE_ACCESS_TOKEN);
  after(() => saved !== undefined && (process.env.SUPABASE_ACCESS_TOKEN = saved));

  const client = (token = fake().token) => new SupabaseClient({ token, apiUrl: fake().url, sleep: async () => {} });
  async function provider(): Promise<AuthSettingsProvider> {
    const p = new AuthSettingsProvider();
    const values: Record<string, string> = { "chef-chopsky:supabaseAccessToken": fake().token };
    await p.configure({ config: { get: (k) => values[k], require: (k) => values[k] } });
    return p;
  }
  const inputs = (siteUrl = SITE, uriAllowList = ALLOW) => ({
    projectRef: fake().projectRef,
    siteUrl,
    uriAllowList,
    apiUrl: fake().url,
  });

  it("pure helpers: the allow list compares as a set; the patch holds only differing fields", () => {
    assert.ok(sameAllowList("a, b", "b,a"));
    assert.ok(!sameAllowList("a", "a,b"));
    assert.deepEqual(authSettingsPatch({ siteUrl: SITE, uriAllowList: "x" }, { siteUrl: SITE, uriAllowList: ALLOW }), {
      uri_allow_list: ALLOW,
    });
    assert.deepEqual(
      authSettingsPatch({ siteUrl: SITE, uriAllowList: ALLOW }, { siteUrl: SITE, uriAllowList: ALLOW }),
      {},
    );
  });

  it("GET returns the whole config (many nullable fields); PATCH merges only the given fields", async () => {
    const before = await client().getAuthConfig(fake().projectRef);
    assert.ok(Object.keys(before).length > 200);
    assert.ok(Object.values(before).filter((v) => v === null).length > 100);
    const after = await client().updateAuthConfig(fake().projectRef, { uri_allow_list: ALLOW });
    assert.equal(after.uri_allow_list, ALLOW);
    assert.equal(after.site_url, before.site_url);
    assert.deepEqual({ ...after, uri_allow_list: null }, { ...before, uri_allow_list: null });
  });

  it("a plain-text validation error and a 401 become errors naming the operation, without the token", async () => {
    const comma = await client()
      .updateAuthConfig(fake().projectRef, { site_url: "https://a.example,https://b.example" })
      .catch((e: unknown) => e);
    assert.ok(comma instanceof ServiceError);
    assert.match(
      comma.message,
      /^Supabase PATCH auth config failed: HTTP 400: Failed to update auth config: site_url must match pattern/,
    );
    const array = await client()
      .updateAuthConfig(fake().projectRef, { uri_allow_list: [SITE] as unknown as string })
      .catch((e: unknown) => e);
    assert.match(String(array), /uri_allow_list must be a string/, "the fake rejects an array, as Supabase does");
    const bad = "sbp_ffffffffffffffffffffffffffffffffffffffff";
    const denied = await client(bad)
      .getAuthConfig(fake().projectRef)
      .catch((e: unknown) => e);
    assert.ok(denied instanceof ServiceError);
    assert.equal(
      denied.message,
      "Supabase GET auth config failed: HTTP 401: Unauthorized (check chef-chopsky:supabaseAccessToken or SUPABASE_ACCESS_TOKEN)",
    );
    assert.ok(!denied.message.includes(bad));
  });

  it("create patches exactly site_url and uri_allow_list, as ONE comma-separated string", async () => {
    const before = fake().config();
    await (await provider()).create(inputs());
    const [call] = fake().calls;
    assert.equal(call.method, "PATCH");
    assert.deepEqual(JSON.parse(call.body), { site_url: SITE, uri_allow_list: ALLOW });
    assert.deepEqual(fake().config(), { ...before, site_url: SITE, uri_allow_list: ALLOW });
  });

  it("read returns the live values of exactly those keys; a dashboard change is drift; update patches only it", async () => {
    const p = await provider();
    const created = await p.create(inputs());
    const olds = created.outs as AuthSettingsOutputs;
    fake().setConfig({ uri_allow_list: SITE, jwt_exp: 7200 });
    const read = await p.read(created.id, olds);
    assert.deepEqual(read.props, { ...olds, uriAllowList: SITE });
    assert.equal((await p.diff(created.id, read.props as AuthSettingsOutputs, inputs())).changes, true);
    assert.equal((await p.diff(created.id, olds, inputs())).changes, false);
    fake().resetCalls();
    await p.update(created.id, read.props as AuthSettingsOutputs, inputs());
    assert.deepEqual(JSON.parse(fake().calls[0].body), { uri_allow_list: ALLOW });
    assert.equal(fake().config().jwt_exp, 7200, "settings it does not manage are left alone");
    assert.deepEqual((await p.diff(created.id, olds, { ...inputs(), projectRef: "otherprojectrefabcde" })).replaces, [
      "projectRef",
    ]);
  });

  it("delete leaves the project's settings as they are, with no API call", async () => {
    const p = await provider();
    const created = await p.create(inputs());
    fake().resetCalls();
    await p.delete();
    assert.equal(fake().calls.length, 0);
    assert.equal(fake().config().site_url, SITE);
    assert.ok(created.id);
  });

  it("a 429 burst and a lost PATCH reply are retried, and the settings end as declared", async () => {
    fake().inject({ kind: "lost" }, 1, "PATCH auth config");
    fake().inject({ kind: "429", retryAfterSeconds: 0, headers: { "x-ratelimit-reset": "0" } }, 3, "PATCH auth config");
    await (await provider()).create(inputs());
    assert.equal(fake().count({ operation: "PATCH auth config" }), 5);
    assert.equal(fake().config().uri_allow_list, ALLOW);
  });

  it("fails clearly without a token, before any call; falls back to SUPABASE_ACCESS_TOKEN", async () => {
    const p = new AuthSettingsProvider();
    await assert.rejects(
      p.create(inputs()),
      /Supabase credentials are not set: set the secret stack config chef-chopsky:supabaseAccessToken .* or the environment variable SUPABASE_ACCESS_TOKEN$/,
    );
    assert.equal(fake().calls.length, 0);
    process.env.SUPABASE_ACCESS_TOKEN = fake().token;
    await p.create(inputs());
    assert.equal(fake().config().site_url, SITE);
  });

  it("check rejects a site URL with a comma and a bad project ref", async () => {
    const p = new AuthSettingsProvider();
    const result = await p.check(inputs(), { ...inputs("https://a,https://b"), projectRef: "BAD" });
    assert.deepEqual(
      result.failures?.map((f) => f.property),
      ["projectRef", "siteUrl"],
    );
  });
});
