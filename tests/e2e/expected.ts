/**
 * "The fakes hold exactly what the stack declares", for one stack: the Vercel project and this stack's variables,
 * the GitHub environment (branch policies, every catalog secret opened by the fake and compared value by value), the
 * Railway variables, the Supabase auth settings, the UptimeRobot contact and monitors. The Vercel and Railway values
 * are spelled out here, not computed by the program's own functions, so a change in the program shows as a failure.
 */
import * as assert from "node:assert/strict";
import { secretsOf } from "../../lib/catalog";
import { DEPLOY_BRANCH_PATTERNS, type EnvironmentName, previewUrlPattern } from "../../lib/environments";
import { monitorName } from "../../components/monitoring";
import type { Suite } from "./context";
import { REPOSITORY } from "./fakes";
import { suiteConfig, supabaseRef } from "./project";

/** A stack's outputs (`pulumi stack output --json`). */
export type Outputs = Record<string, unknown>;

/** A variable the stack writes to Vercel: key, target, branch, type and value. */
interface VercelVar {
  key: string;
  target: string;
  gitBranch?: string;
  /** `sensitive` (never readable), or `encrypted`: what the provider writes for `sensitive: false`. */
  type: "sensitive" | "encrypted";
  value: string;
}

/** Hand-set in Railway before the first up: no stack operation may touch it. */
export const HAND_SET = { name: "MAINTENANCE_BANNER", value: "set-by-hand-in-the-dashboard" } as const;

function plain(stack: EnvironmentName, s: Suite, key: string): string {
  return String(suiteConfig(stack, s.fakes)[`chef-chopsky:${key}`]);
}

export function expectedVercel(stack: EnvironmentName, s: Suite): VercelVar[] {
  const sec = s.secrets[stack];
  const set = (target: string, appEnv: string, gitBranch?: string): VercelVar[] =>
    [
      { key: "NEXT_PUBLIC_AGENT_URL", type: "encrypted" as const, value: plain(stack, s, "agentUrl") },
      { key: "NEXT_PUBLIC_SUPABASE_URL", type: "encrypted" as const, value: plain(stack, s, "supabaseUrl") },
      {
        key: "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY",
        type: "sensitive" as const,
        value: sec["chef-chopsky:supabasePublishableKey"],
      },
      { key: "SUPABASE_SECRET_KEY", type: "sensitive" as const, value: sec["chef-chopsky:supabaseSecretKey"] },
      { key: "NEXT_PUBLIC_SENTRY_DSN", type: "sensitive" as const, value: sec["chef-chopsky:sentryDsn"] },
      { key: "NEXT_PUBLIC_APP_ENV", type: "encrypted" as const, value: appEnv },
    ].map((v) => ({ ...v, target, ...(gitBranch ? { gitBranch } : {}) }));
  // Staging: the staging branch's previews, and every other branch's (the feature environments).
  return stack === "production"
    ? set("production", "production")
    : [...set("preview", "staging", "staging"), ...set("preview", "preview")];
}

/** The agent's Railway variables (components/agent.ts agentVariables), spelled out. */
export function expectedAgentVariables(stack: EnvironmentName, s: Suite): Record<string, string> {
  const sec = s.secrets[stack];
  const frontend = plain(stack, s, "frontendUrl");
  const tracing: Record<string, string> =
    stack === "production"
      ? {
          LANGCHAIN_API_KEY: sec["chef-chopsky:langchainApiKey"],
          LANGCHAIN_TRACING_V2: "true",
          LANGCHAIN_PROJECT: "chef-chopsky-production",
        }
      : { LANGCHAIN_TRACING_V2: "false" };
  return {
    OPENAI_API_KEY: sec["chef-chopsky:openaiApiKey"],
    SUPABASE_URL: plain(stack, s, "supabaseUrl"),
    SUPABASE_SECRET_KEY: sec["chef-chopsky:supabaseSecretKey"],
    ...tracing,
    SENTRY_DSN: sec["chef-chopsky:sentryDsn"],
    FRONTEND_URL: stack === "production" ? frontend : `${frontend},${previewUrlPattern("chef-chopsky")}`,
    APP_ENV: stack,
    NODE_ENV: "production",
  };
}

/** Every catalog secret of the stack's environment, with the value it must hold (config, config secret, output). */
export function expectedGitHubSecrets(stack: EnvironmentName, s: Suite, outputs: Outputs): Record<string, string> {
  const cfg = suiteConfig(stack, s.fakes);
  const values: Record<string, string> = {};
  for (const e of secretsOf(stack)) {
    const src = e.source;
    if (src.kind === "configSecret") values[e.name] = s.secrets[stack][src.key];
    else if (src.kind === "config") values[e.name] = String(cfg[src.key]);
    else values[e.name] = String(outputs[src.output]);
  }
  return values;
}

/** Asserts every fake holds exactly what `stack` declares. */
export function assertHoldsDeclared(stack: EnvironmentName, s: Suite, outputs: Outputs): void {
  const { vercel, github, railway, supabase, uptime } = s.fakes;

  const project = vercel.projects.project("chef-chopsky");
  assert.ok(project, "the Vercel project exists");
  assert.equal(outputs.vercelProjectId, project.id, "vercelProjectId is the project's id");
  assert.deepEqual(
    { framework: project.framework, rootDirectory: project.rootDirectory, link: project.link },
    {
      framework: "nextjs",
      rootDirectory: "frontend",
      link: { type: "github", repo: "chef-chopsky/chef-chopsky", productionBranch: "main" },
    },
  );
  const target = stack === "production" ? "production" : "preview";
  const live = vercel.projects
    .variables(project.id)
    .filter((v) => v.target.includes(target))
    .map((v) => ({
      key: v.key,
      target: v.target.join(","),
      ...(v.gitBranch ? { gitBranch: v.gitBranch } : {}),
      type: v.type,
      value: v.value,
    }));
  const order = (a: { key: string; gitBranch?: string }, b: { key: string; gitBranch?: string }) =>
    `${a.gitBranch ?? ""}/${a.key}`.localeCompare(`${b.gitBranch ?? ""}/${b.key}`);
  assert.deepEqual(live.sort(order), expectedVercel(stack, s).sort(order), `Vercel ${target} variables`);

  const env = github.environment(REPOSITORY, stack);
  assert.ok(env, `GitHub environment ${stack} exists`);
  assert.deepEqual(env.deploymentBranchPolicy, { protectedBranches: false, customBranchPolicies: true });
  assert.equal(env.preventSelfReview, stack === "production", "prevent self-review on production only");
  assert.deepEqual(github.branchPatterns(REPOSITORY, stack), [...DEPLOY_BRANCH_PATTERNS[stack]].sort());
  const want = expectedGitHubSecrets(stack, s, outputs);
  assert.deepEqual(github.secretNames(REPOSITORY, stack), Object.keys(want).sort(), `${stack} secret names`);
  for (const [name, value] of Object.entries(want))
    assert.ok(github.secretValue(REPOSITORY, stack, name) === value, `GitHub secret ${name}: the declared value`);

  assert.deepEqual(
    railway[stack].vars(),
    { ...expectedAgentVariables(stack, s), [HAND_SET.name]: HAND_SET.value },
    "the agent's variables: the declared ones, and the hand-set one untouched",
  );

  const auth = supabase[stack].config(supabaseRef(stack));
  const frontend = plain(stack, s, "frontendUrl");
  assert.equal(auth.site_url, frontend, "Supabase site_url");
  const redirects = stack === "production" ? [frontend] : [frontend, `${previewUrlPattern("chef-chopsky")}/**`];
  assert.deepEqual(String(auth.uri_allow_list).split(","), redirects, "Supabase uri_allow_list");

  const contacts = uptime.storedAlertContacts().filter((c) => c.friendly_name === monitorName(stack, "alerts"));
  assert.equal(contacts.length, 1, "one alert contact");
  assert.ok(contacts[0].value === s.secrets[stack]["chef-chopsky:alertWebhookUrl"], "the contact holds the web-hook");
  for (const [role, url, id] of [
    ["frontend", frontend, outputs.frontendMonitorId],
    ["agent", `${plain(stack, s, "agentUrl")}/health`, outputs.agentMonitorId],
  ] as const) {
    const found = uptime.storedMonitors().filter((m) => m.friendly_name === monitorName(stack, role));
    assert.equal(found.length, 1, `one ${role} monitor`);
    assert.deepEqual(
      { url: found[0].url, id: String(found[0].id), contacts: found[0].alert_contacts.map((c) => c.id) },
      { url, id: String(id), contacts: [contacts[0].id] },
      `${stack} ${role} monitor`,
    );
  }
}
