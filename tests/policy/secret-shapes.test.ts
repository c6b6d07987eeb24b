// The secret-shape catalogue the plaintext rules share (policy/secret-shapes.ts): each shape is recognised, harmless
// values of this project are not, and no description ever carries the value.
import * as assert from "node:assert/strict";
import { describeMatch, findSecretShapes, isSecretName, SECRET_SHAPES } from "../../policy/secret-shapes";
import { GH, JWT, OPENAI, SLACK, SUPA_SECRET } from "../fixtures/policy/fake-secrets";

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
    it(`recognises ${id}`, () => {
      assert.deepEqual(findSecretShapes(`x ${text} y`).map((m) => m.shape.id)[0], id);
      assert.equal(findSecretShapes(text).length > 0, true);
    });
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
    it(`leaves ${JSON.stringify(text)} alone`, () => assert.deepEqual(findSecretShapes(text), []));
  it("never puts the value in a description", () => {
    for (const [, text] of positives)
      for (const m of findSecretShapes(text)) assert.ok(!describeMatch(m).includes(text));
  });
  it("has unique ids and stateless patterns", () => {
    assert.equal(new Set(SECRET_SHAPES.map((s) => s.id)).size, SECRET_SHAPES.length);
    for (const s of SECRET_SHAPES) assert.ok(!s.pattern.global, s.id);
  });
  it("tells secret names from plain ones", () => {
    for (const n of [
      "OPENAI_API_KEY",
      "SUPABASE_SECRET_KEY",
      "authToken",
      "webhookUrl",
      "RAILWAY_TOKEN",
      "apiKey",
      "accessKey",
    ])
      assert.ok(isSecretName(n), n);
    for (const n of ["NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "friendlyName", "url"])
      assert.ok(!isSecretName(n), n);
  });
});
