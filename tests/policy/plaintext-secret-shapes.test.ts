// no-secret-in-plaintext-place: no secret-shaped value in a command line, a non-sensitive Vercel variable, or a plain
// field of a dynamic resource. Baselines: the real synth of each stack, as the pack sees it under the CLI (secret
// values in plaintext; offline they are placeholders, which are not secret-shaped).
import * as assert from "node:assert/strict";
import type { ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { policy as plaintextRule } from "../../policy/rules/plaintext-secret-shapes";
import { evaluate, expectClean, expectViolation } from "../fixtures/policy/evaluate";
import { inputsOf, mapOf, mutate, resourceOf, useBaselines } from "../fixtures/policy/baseline";
import { GH, JWT, OPENAI, SLACK, SUPA_SECRET } from "../fixtures/policy/fake-secrets";

const P = "no-secret-in-plaintext-place";
const APP_ENV = "frontend-env-preview-next-public-app-env";

describe(`policy ${P}`, () => {
  const stacks = useBaselines();

  it("baseline: production passes", () => expectClean(stacks.production, P));
  it("baseline: staging passes", () => expectClean(stacks.staging, P));

  describe("command lines", () => {
    it("mutation: a key in the create command → violation, the value withheld", async () => {
      const v = await expectViolation(
        mutate(stacks.production, (s) => (inputsOf(s, "agent-deploy").create = `OPENAI_API_KEY=${OPENAI} npx deploy`)),
        P,
        /^create \(a command line; pass credentials in environment\) holds a secret-shaped value: OpenAI API key \(sk-…\), \d+ characters \(withheld\)\.$/,
        "agent-deploy",
      );
      assert.ok(!v.message.includes(OPENAI));
    });
    for (const field of ["update", "delete"]) {
      it(`mutation: a key in the ${field} command → violation`, () =>
        expectViolation(
          mutate(stacks.staging, (s) => (inputsOf(s, "agent-deploy")[field] = `deploy ${SUPA_SECRET}`)),
          P,
          new RegExp(`^${field} \\(a command line`),
        ));
    }
    it("mutation: a token in the interpreter's arguments → violation with its index", () =>
      expectViolation(
        mutate(
          stacks.production,
          (s) => (inputsOf(s, "agent-deploy").interpreter = ["/bin/sh", "-c", `gh auth ${GH}`]),
        ),
        P,
        /^interpreter\[2\] \(a command line/,
      ));
    it("mutation: the credential in the command's environment instead → passes", async () => {
      const ok = mutate(stacks.production, (s) => (mapOf(s, "agent-deploy", "environment").RAILWAY_TOKEN = GH));
      assert.deepEqual(await evaluate(ok, P), []);
    });
  });

  describe("Vercel variables", () => {
    it("mutation: a JWT in a non-sensitive variable → violation", () =>
      expectViolation(
        mutate(stacks.staging, (s) => (inputsOf(s, APP_ENV).value = JWT)),
        P,
        /^NEXT_PUBLIC_APP_ENV \(not sensitive\) holds a secret-shaped value: JSON Web Token/,
        APP_ENV,
      ));
    it("mutation: a secret-shaped value in a variable whose sensitive flag is absent → violation", () =>
      expectViolation(
        mutate(stacks.staging, (s) => {
          const v = inputsOf(s, APP_ENV);
          delete v.sensitive;
          v.value = OPENAI;
        }),
        P,
        /^NEXT_PUBLIC_APP_ENV \(not sensitive\) holds a secret-shaped value: OpenAI API key/,
        APP_ENV,
      ));
    it("mutation: the same value in a sensitive variable → passes", async () => {
      const ok = mutate(
        stacks.production,
        (s) => (inputsOf(s, "frontend-env-production-supabase-secret-key").value = SUPA_SECRET),
      );
      assert.deepEqual(await evaluate(ok, P), []);
    });
    it("mutation: a batch variable without a key → violation naming its path", () =>
      expectViolation(
        mutate(stacks.production, (s) => {
          const r = resourceOf(s, "frontend-env-production-next-public-app-env");
          r.type = "vercel:index/projectEnvironmentVariables:ProjectEnvironmentVariables";
          r.inputs = { projectId: "prj", variables: [{ value: GH, targets: ["production"], comment: "plain" }] };
        }),
        P,
        /^variables\[0\]\.value \(not sensitive\) holds a secret-shaped value: GitHub token/,
      ));
  });

  describe("dynamic resources", () => {
    it("mutation: a credential in a monitor's URL (a plain field) → violation", () =>
      expectViolation(
        mutate(
          stacks.staging,
          (s) =>
            (inputsOf(s, "monitoring-agent").url =
              `https://chef-chopsky-staging.up.railway.app/health?key=${SUPA_SECRET}`),
        ),
        P,
        /^url \(a plain field of a dynamic resource\) holds a secret-shaped value: Supabase secret key/,
        "monitoring-agent",
      ));
    it("mutation: a credential captured in the serialized provider → violation", () =>
      expectViolation(
        mutate(stacks.production, (s) => (inputsOf(s, "monitoring-frontend").__provider = `exports.key = "${OPENAI}"`)),
        P,
        /^__provider \(a plain field of a dynamic resource\)/,
      ));
    it("mutation: secrets in fields listed in additionalSecretOutputs (agent variables, alert web-hook) → pass", async () => {
      assert.deepEqual(resourceOf(stacks.production, "agent-variables").options.additionalSecretOutputs, ["variables"]);
      const ok = mutate(stacks.production, (s) => {
        mapOf(s, "agent-variables", "variables").APP_ENV = OPENAI;
        inputsOf(s, "monitoring-alert-contact").value = SLACK;
      });
      assert.deepEqual(await evaluate(ok, P), []);
    });
    it("mutation: additionalSecretOutputs dropped → a secret-named key still passes, a plain key does not", async () => {
      const undeclared = (key: string) =>
        mutate(stacks.production, (s) => {
          resourceOf(s, "agent-variables").options = {};
          mapOf(s, "agent-variables", "variables")[key] = OPENAI;
        });
      assert.deepEqual(await evaluate(undeclared("OPENAI_API_KEY"), P), []);
      await expectViolation(undeclared("APP_ENV"), P, /^variables\.APP_ENV \(a plain field of a dynamic resource\)/);
    });
    it("mutation: the alert web-hook no longer declared secret → violation", () =>
      expectViolation(
        mutate(stacks.production, (s) => {
          const r = resourceOf(s, "monitoring-alert-contact");
          r.inputs.value = SLACK;
          r.options = {};
        }),
        P,
        /^value \(a plain field of a dynamic resource\) holds a secret-shaped value: Slack incoming web-hook URL/,
      ));
  });

  it("mutation: a secret-shaped GitHub secret value → not this rule's place (the value is encrypted)", async () => {
    const ok = mutate(stacks.production, (s) => (inputsOf(s, "github-secret-sentry-auth-token").value = GH));
    assert.deepEqual(await evaluate(ok, P), []);
  });
  it("mutation: secret-named keys with digits (API_TOKEN_2, 2FA_SECRET) → still secret places", async () => {
    const ok = mutate(stacks.production, (s) => {
      resourceOf(s, "agent-variables").options = {};
      Object.assign(mapOf(s, "agent-variables", "variables"), { API_TOKEN_2: OPENAI, "2FA_SECRET": GH });
    });
    assert.deepEqual(await evaluate(ok, P), []);
  });
  it("mutation: the default dynamic type (pulumi-nodejs:dynamic:Resource) → checked as dynamic", () =>
    expectViolation(
      mutate(stacks.production, (s) => {
        const r = resourceOf(s, "monitoring-frontend");
        r.type = "pulumi-nodejs:dynamic:Resource";
        r.inputs.url = `https://chef-chopsky-production.vercel.app/?t=${GH}`;
      }),
      P,
      /^url \(a plain field of a dynamic resource\)/,
    ));
  it("mutation: a shared Vercel variable, not sensitive, with a key → violation", () =>
    expectViolation(
      mutate(stacks.production, (s) => {
        const r = resourceOf(s, "frontend-env-production-next-public-app-env");
        r.type = "vercel:index/sharedEnvironmentVariable:SharedEnvironmentVariable";
        r.inputs.value = SUPA_SECRET;
      }),
      P,
      /^NEXT_PUBLIC_APP_ENV \(not sensitive\) holds a secret-shaped value: Supabase secret key/,
    ));
  it("mutation: a resource policy called without options (older analyzers) → still checks", async () => {
    const dynamic = resourceOf(stacks.production, "monitoring-frontend");
    const found: string[] = [];
    const validate = plaintextRule.validateResource as ResourceValidation;
    await validate(
      {
        type: dynamic.type,
        name: dynamic.name,
        urn: dynamic.urn,
        props: { ...dynamic.inputs, url: `https://x.example.com/?k=${OPENAI}` },
      } as unknown as ResourceValidationArgs,
      (m) => void found.push(m),
    );
    assert.equal(found.length, 1, JSON.stringify(found));
  });
});
