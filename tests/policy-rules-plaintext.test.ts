// Secret shapes in plaintext places (command lines, non-sensitive Vercel variables, plain dynamic fields, stack
// outputs), the shape catalogue itself, and the helpers the rules share.
import * as assert from "node:assert/strict";
import { environmentsNamedIn, foreignReferencesIn, isNamedForOther } from "../policy/lib/naming";
import { environmentOfUrn, nameOfUrn } from "../policy/lib/stack";
import { hostsIn } from "../policy/lib/walk";
import { describeMatch, findSecretShapes, isSecretName, isSecretShaped, SECRET_SHAPES } from "../policy/secret-shapes";
import { evaluate, expectViolation } from "./fixtures/policy/evaluate";
import { baseline, byName, mutate, resource } from "./fixtures/policy/stacks";

const prod = baseline("production");
const staging = baseline("staging");

// Built from parts so that no secret scanner mistakes this test file for a leak.
const OPENAI = ["sk", "proj", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6"].join("-");
const SUPA_SECRET = "sb_" + "secret_" + "N0tARealKeyN0tARealKey12";
const GH = "gh" + "p_" + "0123456789abcdefghijABCDEFGHIJ012345";
const JWT = "eyJ" + "hbGciOiJIUzI1NiJ9." + "eyJyb2xlIjoic2VydmljZV9yb2xlIn0." + "c2lnbmF0dXJlLXNpZ25hdHVyZQ";
const SLACK = "https://hooks.slack.com/services/" + "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

describe("secret shapes", () => {
  const positives: [string, string][] = [
    ["openai-api-key", OPENAI],
    ["supabase-secret-key", SUPA_SECRET],
    ["supabase-access-token", "sbp_" + "0123456789abcdef0123456789abcdef01234567"],
    ["github-token", GH],
    ["github-fine-grained-token", "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"],
    ["jwt", JWT],
    ["slack-webhook", SLACK],
    ["aws-access-key-id", "AKIA" + "IOSFODNN7EXAMPLE"],
    ["url-credentials", ["postgres:", "", "app:hunter22@db.example.com", "app"].join("/")],
    ["private-key", "-----BEGIN RSA PRIVATE KEY-----"],
  ];
  for (const [id, text] of positives) {
    it(`recognises ${id}`, () => assert.deepEqual(findSecretShapes(`x ${text} y`).map((m) => m.shape.id)[0], id));
  }
  const negatives = [
    "[secret]",
    "https://chef-chopsky-production.up.railway.app/health",
    "00000000-0000-4000-8000-000000000001",
    "prj_chefchopsky",
    "0123456789abcdef0123456789abcdef01234567",
    "sb_publishable_abcdefghijklmnopqrstuv",
    "https://0123456789abcdef@o1.ingest.sentry.io/1",
    "npx ts-node tools/deploy-agent.ts --environment production",
  ];
  for (const text of negatives)
    it(`leaves ${JSON.stringify(text)} alone`, () => assert.equal(isSecretShaped(text), false));
  it("never puts the value in a description", () => {
    for (const [, text] of positives)
      for (const m of findSecretShapes(text)) assert.ok(!describeMatch(m).includes(text));
  });
  it("has unique ids and stateless patterns", () => {
    assert.equal(new Set(SECRET_SHAPES.map((s) => s.id)).size, SECRET_SHAPES.length);
    for (const s of SECRET_SHAPES) assert.ok(!s.pattern.global, s.id);
  });
  it("tells secret names from plain ones", () => {
    for (const n of ["OPENAI_API_KEY", "SUPABASE_SECRET_KEY", "authToken", "webhookUrl", "RAILWAY_TOKEN"])
      assert.ok(isSecretName(n), n);
    for (const n of ["NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "friendlyName", "url"])
      assert.ok(!isSecretName(n), n);
  });
});

describe("policy helpers", () => {
  it("reads the stack from a URN", () => {
    assert.equal(environmentOfUrn("urn:pulumi:staging::chef-chopsky::a$b::n"), "staging");
    assert.equal(environmentOfUrn("urn:pulumi:dev::chef-chopsky::a::n"), undefined);
    assert.equal(nameOfUrn("urn:pulumi:staging::p::a$b::my-name"), "my-name");
  });
  it("finds hosts in URLs, bare names and comma lists, not in file names", () => {
    assert.deepEqual(
      hostsIn(
        "a https://x-staging.vercel.app/p?q=1,https://y.supabase.co b z.up.railway.app deploy.ts Pulumi.staging.yaml",
      ),
      ["x-staging.vercel.app", "y.supabase.co", "z.up.railway.app"],
    );
  });
  it("knows which environment a name is for", () => {
    assert.deepEqual(environmentsNamedIn("UPTIME_ROBOT_PROD_AGENT_ID"), ["production"]);
    assert.deepEqual(environmentsNamedIn("railwayStagingToken"), ["staging"]);
    assert.equal(isNamedForOther("staging-reads-production", "production"), false);
    assert.deepEqual(
      foreignReferencesIn("NODE_ENV=production ${PRODUCTION_OPENAI_API_KEY} catalog:VERCEL_TOKEN", "staging"),
      ["PRODUCTION_OPENAI_API_KEY", "catalog:VERCEL_TOKEN"],
    );
  });
});

describe("policy no-secret-in-plaintext-place", () => {
  const P = "no-secret-in-plaintext-place";
  it("rejects a key in a command line", () =>
    expectViolation(
      mutate(prod, (s) => (byName(s, "agent-deploy-production").inputs.create = `OPENAI_API_KEY=${OPENAI} npx deploy`)),
      P,
      /create \(a command line; pass credentials in environment\) holds a secret-shaped value: OpenAI API key/,
    ));
  it("rejects a token in the interpreter's arguments", () =>
    expectViolation(
      mutate(
        prod,
        (s) => (byName(s, "agent-deploy-production").inputs.interpreter = ["/bin/sh", "-c", `gh auth ${GH}`]),
      ),
      P,
      /interpreter\[2\]/,
    ));
  it("accepts credentials in the command's environment", async () => {
    const ok = mutate(
      prod,
      (s) => ((byName(s, "agent-deploy-production").inputs.environment as Record<string, string>).RAILWAY_TOKEN = GH),
    );
    assert.deepEqual(await evaluate(ok, P), []);
  });
  it("rejects a secret-shaped value in a non-sensitive Vercel variable", () =>
    expectViolation(
      mutate(staging, (s) => (byName(s, "frontend-preview-NEXT_PUBLIC_APP_ENV").inputs.value = JWT)),
      P,
      /NEXT_PUBLIC_APP_ENV \(not sensitive\) holds a secret-shaped value: JSON Web Token/,
    ));
  it("rejects a credential in a plain field of a dynamic resource", () =>
    expectViolation(
      mutate(
        staging,
        (s) =>
          (byName(s, "monitor-agent-staging").inputs.url =
            `https://chef-chopsky-staging.up.railway.app/health?key=${SUPA_SECRET}`),
      ),
      P,
      /url \(a plain field of a dynamic resource\) holds a secret-shaped value: Supabase secret key/,
    ));
  it("accepts secrets in secret-named fields and additionalSecretOutputs", async () => {
    const ok = mutate(prod, (s) => {
      (byName(s, "agent-variables-production").inputs.variables as Record<string, string>).OPENAI_API_KEY = OPENAI;
      byName(s, "alerts-production").inputs.value = SLACK; // listed in additionalSecretOutputs
    });
    assert.deepEqual(await evaluate(ok, P), []);
  });
  it("rejects the same web-hook when the field is not declared secret", () =>
    expectViolation(
      mutate(prod, (s) => {
        const r = byName(s, "alerts-production");
        r.inputs.value = SLACK;
        r.options = {};
      }),
      P,
      /value \(a plain field of a dynamic resource\) holds a secret-shaped value: Slack incoming web-hook URL/,
    ));
  it("ignores secret-shaped values in places the rule does not own (GitHub secret values)", async () => {
    const t = "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret";
    const ok = mutate(prod, (s) =>
      s.resources.push(
        resource("production", t, "gh", { environment: "production", secretName: "SENTRY_AUTH_TOKEN", value: GH }),
      ),
    );
    assert.deepEqual(await evaluate(ok, P), []);
  });
});

describe("policy no-secret-or-foreign-host-in-outputs", () => {
  const P = "no-secret-or-foreign-host-in-outputs";
  it("rejects a secret-shaped stack output", () =>
    expectViolation(
      mutate(prod, (s) => (s.outputs.debug = { token: GH })),
      P,
      /output debug\.token holds a secret-shaped value: GitHub token/,
    ));
  it("rejects an output pointing at the other environment", () =>
    expectViolation(
      mutate(
        staging,
        (s) =>
          ((s.outputs.healthChecks as { url: string }[])[0].url =
            "https://chef-chopsky-production.up.railway.app/health"),
      ),
      P,
      /output healthChecks\[0\]\.url points at production host/,
    ));
  it("accepts the baseline outputs", async () => assert.deepEqual(await evaluate(prod, P), []));
});
