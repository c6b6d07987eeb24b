// The pure parts of `npm run status`: reading a stack's outputs, the secret ages, the settings per environment.
import * as assert from "node:assert/strict";
import { settingsFor } from "../ops/status/collect";
import { when } from "../ops/status/format";
import { reasonOf } from "../lib/cli";
import { secretAges } from "../ops/status/secret-ages";
import { readTargets } from "../ops/status/targets";
import { ServiceError } from "../providers/http";

const NOW = Date.parse("2025-03-31T12:00:00Z");

describe("status: stack outputs", () => {
  it("reads ids and URLs; a secret or absent output is missing, not an error", () => {
    const r = readTargets({
      environment: "staging",
      frontendUrl: "https://chef-chopsky-git-staging.vercel.app",
      vercelProjectId: "[secret]",
      frontendMonitorId: "801",
      agentMonitorId: 802,
      railwayProjectId: "p",
      railwayEnvironmentId: "e",
    });
    assert.ok(r.ok);
    assert.equal(r.targets.vercelProjectId, undefined);
    assert.equal(r.targets.railway, undefined, "a partial Railway target is no target");
    assert.deepEqual(r.targets.monitors, { frontend: 801, agent: 802 });
  });

  it("names what is wrong without echoing values", () => {
    assert.deepEqual(readTargets({ frontendUrl: "x" }), {
      ok: false,
      error: "environment: missing (not the outputs of a Chef Chopsky stack?)",
    });
    assert.equal(readTargets([]).ok, false);
  });
});

describe("status: secret ages", () => {
  const day = 86_400_000;

  it("is 'not recorded' while the stack has no secretAges output", () => {
    assert.deepEqual(secretAges(undefined, NOW), { state: "not recorded" });
  });

  it("reads the stack's secretAges output as components/secrets.ts exports it", () => {
    const day0 = (days: number) => new Date(NOW - days * day).toISOString().slice(0, 10);
    const output = {
      rotationDays: 90,
      keyId: "hmac-sha256:" + "0".repeat(64),
      secrets: {
        "chef-chopsky:openaiApiKey": { fingerprint: "hmac-sha256:" + "1".repeat(64), changed: day0(120) },
        "vercel:apiToken": { fingerprint: "hmac-sha256:" + "2".repeat(64), changed: day0(3) },
      },
    };
    const ages = secretAges(output, NOW);
    assert.ok(ages.state === "recorded", JSON.stringify(ages));
    assert.deepEqual(
      ages.secrets.map((x) => x.name),
      ["chef-chopsky:openaiApiKey", "vercel:apiToken"],
    );
    assert.ok(ages.secrets[0].ageDays >= 119 && ages.secrets[0].ageDays <= 120, `${ages.secrets[0].ageDays}`);
    assert.ok(ages.secrets[1].ageDays >= 2 && ages.secrets[1].ageDays <= 3, `${ages.secrets[1].ageDays}`);
    assert.ok(!JSON.stringify(ages).includes("hmac-sha256"), "no fingerprint is shown");
  });

  it("is unknown, with the reason, when it cannot be read", () => {
    const record = (secrets: unknown) => ({ rotationDays: 90, keyId: "hmac-sha256:" + "0".repeat(64), secrets });
    assert.deepEqual(secretAges(record({ A: { fingerprint: "hmac-sha256:" + "1".repeat(64) } }), NOW), {
      state: "unknown",
      reason: "secretAges: no date of last change for A",
    });
    assert.deepEqual(secretAges(record({ A: { fingerprint: "x", changed: "2025-01-02" } }), NOW), {
      state: "unknown",
      reason: "secretAges: secrets.A.fingerprint: expected an hmac-sha256 fingerprint (hmac-sha256: and 64 hex digits)",
    });
    assert.equal(secretAges("[secret]", NOW).state, "unknown");
    assert.equal(secretAges(42, NOW).state, "unknown");
  });
});

describe("status: settings and reasons", () => {
  it("takes NAME_<ENVIRONMENT> before NAME", () => {
    const setting = settingsFor(
      { RAILWAY_TOKEN: "any", RAILWAY_TOKEN_STAGING: "staging-only", VERCEL_TOKEN: "" },
      "staging",
    );
    assert.equal(setting("RAILWAY_TOKEN"), "staging-only");
    assert.equal(settingsFor({ RAILWAY_TOKEN: "any" }, "demo-2")("RAILWAY_TOKEN"), "any");
    assert.equal(setting("VERCEL_TOKEN"), undefined, "an empty variable is unset");
  });

  it("keeps the clients' credential-free messages and reduces anything else to its kind", () => {
    assert.equal(
      reasonOf(new ServiceError("Vercel list deployments failed: HTTP 500", "Vercel", "x")),
      "Vercel list deployments failed: HTTP 500",
    );
    assert.equal(reasonOf(new TypeError("token abc at https://hook")), "unexpected TypeError");
  });

  it("says when, in UTC and as an age", () => {
    assert.equal(when("2025-03-31T09:00:00Z", NOW), "2025-03-31 09:00 UTC (3 h ago)");
    assert.equal(when("2025-03-28T12:00:00Z", NOW), "2025-03-28 12:00 UTC (3 d ago)");
    assert.equal(when(undefined, NOW), "-");
  });
});
