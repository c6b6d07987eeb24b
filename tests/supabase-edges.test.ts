// The Supabase client and AuthSettings provider at their edges: allow-list parsing, each check message, what counts
// as a change, replies that are not an auth config, the ref checked before any call, and the token in no message.
import * as assert from "node:assert/strict";
import type * as http from "node:http";
import {
  allowListEntries,
  AuthSettingsProvider,
  authSettingsPatch,
  sameAllowList,
} from "../providers/supabase/auth-settings-provider";
import { SupabaseClient } from "../providers/supabase/client";
import { type FakeReply, useFake } from "./fakes/server";
import { SupabaseFake } from "./fakes/supabase";
import { serviceFailure as failure } from "./service-failure";

/** The Supabase fake, except that a test may answer the next requests itself. */
class CannedSupabase extends SupabaseFake {
  readonly canned: FakeReply[] = [];
  protected handle(req: http.IncomingMessage, body: string): FakeReply {
    return this.canned.shift() ?? super.handle(req, body);
  }
}

const SITE = "https://chef.test";

describe("Supabase: edges", () => {
  const fake = useFake(() => new CannedSupabase());
  const client = () => new SupabaseClient({ token: fake().token, apiUrl: fake().url, sleep: async () => {} });
  const inputs = (over: object = {}) => ({
    projectRef: fake().projectRef,
    siteUrl: SITE,
    uriAllowList: `${SITE}/**`,
    apiUrl: fake().url,
    ...over,
  });
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.SUPABASE_ACCESS_TOKEN;
    process.env.SUPABASE_ACCESS_TOKEN = fake().token;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SUPABASE_ACCESS_TOKEN;
    else process.env.SUPABASE_ACCESS_TOKEN = saved;
  });

  it("an allow list is its trimmed, non-empty, comma-separated entries, compared entry by entry", () => {
    assert.deepEqual(allowListEntries(" a ,, b,"), ["a", "b"]);
    assert.deepEqual(allowListEntries(null), []);
    assert.ok(!sameAllowList("a,b", "a,c"), "one entry differs");
    assert.ok(sameAllowList("b,a,a", "a,b"), "a set");
  });

  it("patches the site URL when it differs, and only then", () => {
    assert.deepEqual(
      authSettingsPatch({ siteUrl: "https://old.test", uriAllowList: "x" }, { siteUrl: SITE, uriAllowList: "x" }),
      {
        site_url: SITE,
      },
    );
  });

  it("check: each field's message", async () => {
    const p = new AuthSettingsProvider();
    assert.deepEqual((await p.check(inputs(), inputs())).failures, []);
    for (const siteUrl of ["", `${SITE},https://b.test`, 5]) {
      assert.deepEqual((await p.check(inputs(), inputs({ siteUrl }))).failures, [
        { property: "siteUrl", reason: "expected one URL without commas" },
      ]);
    }
    assert.deepEqual((await p.check(inputs(), inputs({ uriAllowList: ["a"] }))).failures, [
      { property: "uriAllowList", reason: "expected one comma-separated string" },
    ]);
  });

  it("diff: another project alone is a change that replaces", async () => {
    const p = new AuthSettingsProvider();
    assert.deepEqual(await p.diff("id", inputs(), inputs({ projectRef: "otherprojectrefabcde" })), {
      changes: true,
      replaces: ["projectRef"],
    });
  });

  it("read needs recorded state; update sends nothing when nothing differs and returns the inputs", async () => {
    const p = new AuthSettingsProvider();
    await assert.rejects(p.read("r/auth-settings"), {
      message: "Supabase auth settings r/auth-settings: nothing recorded to read (import is not supported)",
    });
    fake().setConfig({ site_url: null, uri_allow_list: null });
    assert.deepEqual((await p.read("id", inputs())).props, inputs({ siteUrl: "", uriAllowList: "" }));
    fake().resetCalls();
    assert.deepEqual(await p.update("id", inputs(), inputs()), { outs: inputs() });
    assert.equal(fake().calls.length, 0);
  });

  it("refuses a bad project ref before any call", async () => {
    const err = await failure(client().getAuthConfig("Not-A-Ref"));
    assert.equal(
      err.message,
      'Supabase GET auth config failed: invalid project ref "Not-A-Ref" (expected 20 lowercase letters)',
    );
    assert.deepEqual([err.service, err.operation], ["Supabase", "GET auth config"]);
    assert.equal(fake().calls.length, 0);
  });

  it("sends JSON only with a body", async () => {
    await client().getAuthConfig(fake().projectRef);
    await client().updateAuthConfig(fake().projectRef, { site_url: SITE });
    const [get, patch] = fake().calls;
    assert.equal(get.headers.accept, "application/json");
    assert.equal(get.headers["content-type"], undefined);
    assert.equal(patch.headers["content-type"], "application/json");
  });

  it("a non-2xx reply: Supabase's message, or its list of messages, or the body; the hint only for a 401", async () => {
    const replies: [FakeReply, string][] = [
      [{ status: 300, body: JSON.stringify({ message: "moved" }) }, "HTTP 300: moved"],
      [{ status: 400, body: JSON.stringify({ message: ["a", "b"] }) }, "HTTP 400: a; b"],
      [{ status: 403, body: JSON.stringify({ message: 7 }) }, 'HTTP 403: {"message":7}'],
      [{ status: 404, body: "null" }, "HTTP 404: null"],
      [{ status: 401, body: "no" }, "HTTP 401: no (check chef-chopsky:supabaseAccessToken or SUPABASE_ACCESS_TOKEN)"],
    ];
    for (const [reply, expected] of replies) {
      fake().canned.push(reply);
      const err = await failure(client().getAuthConfig(fake().projectRef));
      assert.equal(err.message, `Supabase GET auth config failed: ${expected}`);
      assert.deepEqual([err.service, err.status], ["Supabase", reply.status]);
    }
  });

  it("names Supabase in the errors of the shared HTTP path", async () => {
    fake().inject({ kind: "500", body: "down" }, 6);
    const err = await failure(
      new SupabaseClient({
        token: fake().token,
        apiUrl: fake().url,
        maxRetries: 1,
        sleep: async () => {},
      }).getAuthConfig(fake().projectRef),
    );
    assert.equal(err.message, "Supabase GET auth config failed: HTTP 500: down after 2 attempts");
  });

  it("a 2xx reply that is not an object is an error", async () => {
    for (const body of ["null", '"text"', "3"]) {
      fake().canned.push({ status: 200, body });
      const err = await failure(client().getAuthConfig(fake().projectRef));
      assert.equal(err.message, "Supabase GET auth config failed: the reply is not an auth config");
      assert.deepEqual([err.service, err.operation, err.status], ["Supabase", "GET auth config", 200]);
    }
  });

  it("keeps the token out of an error even when Supabase echoes it", async () => {
    fake().canned.push({ status: 400, body: JSON.stringify({ message: `bad token ${fake().token}` }) });
    const err = await failure(client().getAuthConfig(fake().projectRef));
    assert.equal(err.message, "Supabase GET auth config failed: HTTP 400: bad token [redacted]");
  });
});
