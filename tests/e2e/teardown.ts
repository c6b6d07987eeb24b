/**
 * The end of the stacks' life: what the backend and the stack files hold (every secret as ciphertext, no credential
 * or secret value in plaintext anywhere), `pulumi destroy` of staging (its resources gone, production's and the
 * hand-set ones untouched, Supabase's settings left), `pulumi destroy` of production (refuses to delete the
 * protected Vercel project, as the design says), and proof that nothing reached outside the machine: no plugin
 * download, no call to a real service.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { monitorName } from "../../components/monitoring";
import { afterUp, outputsOf, suite } from "./context";
import { DRIFTED_OPENAI_KEY } from "./drift";
import { assertHoldsDeclared, HAND_SET } from "./expected";
import { REPOSITORY } from "./fakes";
import { PULUMI_HOME, textOf } from "./harness";
import { supabaseRef } from "./project";
import { retired } from "./secrets";
import { allText, isCiphertext, stateResources } from "./state";

/** The plugin cache as `npm run engine:build` left it, read when the suite starts. */
export function pluginCache(): string[] {
  const dir = path.join(PULUMI_HOME, "plugins");
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

export function registerTeardownTests(pluginsAtStart: () => string[]): void {
  describe("state, destroy, and nothing downloaded", function () {
    before(() => suite().metrics.startPhase("state, destroy"));

    it("the backend and the stack files hold every secret as ciphertext, none in plaintext", function () {
      const s = afterUp("production", "staging");
      const secretTypes = ["github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret"];
      for (const stack of ["production", "staging"] as const) {
        const resources = stateResources(s.engine.backendDir, stack);
        const secrets = resources.filter((r) => secretTypes.includes(r.type));
        assert.ok(secrets.length > 5, `${stack}: GitHub secrets in the state`);
        for (const r of secrets) assert.ok(isCiphertext(r.inputs?.plaintextValue ?? r.inputs?.value), `${r.urn}`);
        for (const r of resources.filter((x) => x.type.endsWith("railway:ServiceVariables")))
          assert.ok(isCiphertext(r.inputs?.variables) && isCiphertext(r.outputs?.variables), `${r.urn}: variables`);
      }
      const files = allText(s.engine.backendDir, s.projectDir);
      assert.ok(
        files.some((f) => f.file.endsWith(path.join("chef-chopsky", "production.json"))),
        "the state was read",
      );
      const values = {
        ...Object.fromEntries(Object.entries(s.secrets.production).map(([k, v]) => [`production ${k}`, v])),
        ...Object.fromEntries(Object.entries(s.secrets.staging).map(([k, v]) => [`staging ${k}`, v])),
        "drifted OPENAI_API_KEY": DRIFTED_OPENAI_KEY,
        ...Object.fromEntries(retired.map((v, i) => [`rotated-away value ${i + 1}`, v])),
      };
      const leaks = Object.entries(values).flatMap(([what, v]) =>
        files.filter((f) => f.text.includes(v)).map((f) => `${what} in ${path.relative(s.runDir, f.file)}`),
      );
      assert.deepEqual(leaks, [], "secrets found in plaintext on disk");
    });

    it("pulumi destroy of staging: its resources gone; production's, Supabase and hand-set values left", async function () {
      const s = afterUp("production", "staging");
      const { vercel, github, railway, supabase, uptime } = s.fakes;
      const authBefore = supabase.staging.config(supabaseRef("staging"));
      const run = await s.metrics.measure("destroy staging", () =>
        s.engine.run(["destroy", "--yes", "--stack", "staging", "--non-interactive"]),
      );
      assert.equal(run.code, 0, textOf(run));
      assert.deepEqual(stateResources(s.engine.backendDir, "staging"), [], "the state holds no resource");
      const project = vercel.projects.project("chef-chopsky");
      assert.ok(project, "production's Vercel project stays");
      assert.deepEqual(
        vercel.projects.variables(project.id).filter((v) => v.target.includes("preview")),
        [],
      );
      assert.deepEqual(github.environmentNames(REPOSITORY), ["production"], "staging's GitHub environment is gone");
      for (const role of ["frontend", "agent", "alerts"] as const) {
        const gone = [...uptime.storedMonitors(), ...uptime.storedAlertContacts()].filter(
          (m) => m.friendly_name === monitorName("staging", role),
        );
        assert.deepEqual(gone, [], `staging ${role} gone from UptimeRobot`);
      }
      assert.deepEqual(railway.staging.vars(), { [HAND_SET.name]: HAND_SET.value }, "only the hand-set variable");
      assert.deepEqual(
        supabase.staging.config(supabaseRef("staging")),
        authBefore,
        "Supabase auth settings left as they were",
      );
      assert.equal(run.calls["supabase (staging)"].total, 0, "destroy makes no Supabase call");
      assertHoldsDeclared("production", s, await outputsOf("production"));
    });

    it("pulumi destroy of production refuses to delete the protected Vercel project, and deletes nothing", async function () {
      const s = afterUp("production");
      const run = await s.metrics.measure("destroy production (protected project)", () =>
        s.engine.run(["destroy", "--yes", "--stack", "production", "--non-interactive"]),
      );
      assert.notEqual(run.code, 0, "destroy fails");
      assert.match(textOf(run), /protect/i);
      assert.ok(s.fakes.vercel.projects.project("chef-chopsky"), "the project is still there");
      const left = stateResources(s.engine.backendDir, "production").filter((r) => r.protect);
      assert.deepEqual(
        left.map((r) => r.type),
        ["vercel:index/project:Project"],
        "the state keeps the protected project",
      );
      // The engine refuses before it deletes anything: production is as it was.
      for (const [name, c] of Object.entries(run.calls)) assert.equal(c.writes, 0, `destroy wrote to ${name}`);
      assertHoldsDeclared("production", s, await outputsOf("production"));
    });

    it("no plugin was downloaded and nothing reached a real service", function () {
      const s = suite();
      assert.deepEqual(s.fakes.outbound.requests, [], "requests that tried to leave the machine");
      assert.deepEqual(pluginCache(), pluginsAtStart(), "the plugin cache is as engine:build left it");
    });
  });
}
