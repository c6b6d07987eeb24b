// The SupabaseAuth component: the redirect allow list per environment (pure), validation that names the field, and
// under Pulumi's mocks its one child with the allow list as ONE comma-separated string and no token in the
// serialized provider.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { useDefaultMocks } from "./setup";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import {
  authRedirectUrls,
  SupabaseAuth,
  type SupabaseAuthArgs,
  supabaseAuthArgsProblems,
} from "../components/supabase-auth";
import { previewUrlPattern } from "../lib/environments";

const STAGING_URL = "https://chef-chopsky-git-staging.vercel.app";
const PROD_URL = "https://chef-chopsky.vercel.app";
const TOKEN = "sbp_mocktoken000000000000000000000000000001";

describe("authRedirectUrls", () => {
  it("an environment that serves no previews (production): only the frontend URL", () => {
    assert.deepEqual(authRedirectUrls(PROD_URL), [PROD_URL]);
  });

  it("staging: the frontend URL and every path of every preview deployment it serves", () => {
    assert.deepEqual(authRedirectUrls(STAGING_URL, [previewUrlPattern("chef-chopsky")]), [
      STAGING_URL,
      "https://chef-chopsky-git-*.vercel.app/**",
    ]);
  });
});

describe("SupabaseAuth component", () => {
  const registered: MockResourceArgs[] = [];
  before(() =>
    pulumi.runtime.setMocks(
      {
        newResource: (a) => {
          registered.push(a);
          return { id: `${a.name}-id`, state: a.inputs };
        },
        call: (a) => assert.fail(`unexpected call ${a.token}`),
      },
      "chef-chopsky",
      "staging",
      false,
    ),
  );
  beforeEach(() => (registered.length = 0));
  after(() => useDefaultMocks());

  const args = (extra: Partial<SupabaseAuthArgs> = {}): SupabaseAuthArgs => ({
    projectRef: "abcdefghijklmnopqrst",
    siteUrl: STAGING_URL,
    redirectUrls: authRedirectUrls(STAGING_URL, [previewUrlPattern("chef-chopsky")]),
    ...extra,
  });

  async function settled(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!registered.some((r) => r.custom)) {
      if (Date.now() > deadline) throw new Error("the auth settings were not registered within 10 s");
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it("registers the auth settings with the allow list as ONE string, and no token in the provider", async () => {
    process.env.SUPABASE_ACCESS_TOKEN = TOKEN; // as on a CI runner: must not be captured
    try {
      new SupabaseAuth("auth", args());
      await settled();
    } finally {
      delete process.env.SUPABASE_ACCESS_TOKEN;
    }
    assert.deepEqual(
      registered.map((r) => [r.type, r.name]),
      [
        ["chef-chopsky:supabase:SupabaseAuth", "auth"],
        ["pulumi-nodejs:dynamic/supabase:AuthSettings", "auth-settings"],
      ],
    );
    const inputs = registered[1].inputs as Record<string, unknown>;
    assert.equal(inputs.uriAllowList, `${STAGING_URL},https://chef-chopsky-git-*.vercel.app/**`);
    assert.equal(inputs.siteUrl, STAGING_URL);
    assert.equal(inputs.projectRef, "abcdefghijklmnopqrst");
    assert.equal(inputs.apiUrl, undefined, "the API URL is stack config, not an input");
    assert.match(String(inputs.__provider), /exports\.handler/);
    assert.ok(!String(inputs.__provider).includes(TOKEN));
  });

  it("validates the allow list before registering anything, naming the field", () => {
    assert.deepEqual(supabaseAuthArgsProblems(args()), []);
    assert.throws(
      () => new SupabaseAuth("bad", args({ redirectUrls: [STAGING_URL, "https://a.example,https://b.example"] })),
      /SupabaseAuth bad: redirectUrls\[1\]: one URL or pattern, without commas/,
    );
    assert.throws(() => new SupabaseAuth("bad", args({ redirectUrls: [] })), /redirectUrls: at least the frontend URL/);
    assert.equal(registered.length, 0);
  });
});
