/**
 * The frontend's Vercel environment variables as plain data: which keys, which target, which branch, and whether a
 * value is a secret. Pure, so it is tested without mocks; the Frontend component only turns it into resources.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EnvironmentName } from "./environments";

/** A Vercel deployment target this project writes. */
export type VercelTarget = "production" | "preview";

/** The values the frontend needs; secrets are secret Outputs. */
export interface FrontendValues {
  agentUrl: string;
  supabaseUrl: string;
  supabasePublishableKey: pulumi.Input<string>;
  supabaseSecretKey: pulumi.Input<string>;
  sentryDsn: pulumi.Input<string>;
}

/** One variable to declare. */
export interface FrontendVariable {
  key: string;
  value: pulumi.Input<string>;
  target: VercelTarget;
  /** Preview only: the branch the value applies to; absent means every preview branch. */
  gitBranch?: string;
  sensitive: boolean;
  /** The catalog secret the value comes from, if any (recorded in the variable's comment for the policy pack). */
  catalogSecret?: string;
  /** A stable resource-name suffix, e.g. `preview-staging-supabase-secret-key`. */
  role: string;
}

/** The Vercel target a stack writes: production for production, preview for staging and the feature branches. */
export function targetOf(env: EnvironmentName): VercelTarget {
  return env === "production" ? "production" : "preview";
}

const PREFIX: Record<EnvironmentName, string> = { production: "PRODUCTION", staging: "STAGING" };

/**
 * The variables of one set (one target and branch). The secret key goes to server code only (no NEXT_PUBLIC_
 * prefix); the publishable key and the DSN are needed by the browser but are still catalog secrets, so they are
 * `sensitive` (write-only in Vercel).
 */
function variableSet(
  env: EnvironmentName,
  appEnv: string,
  v: FrontendValues,
  target: VercelTarget,
  gitBranch?: string,
): FrontendVariable[] {
  const p = PREFIX[env];
  const rows: Omit<FrontendVariable, "target" | "gitBranch" | "role">[] = [
    { key: "NEXT_PUBLIC_AGENT_URL", value: v.agentUrl, sensitive: false },
    { key: "NEXT_PUBLIC_SUPABASE_URL", value: v.supabaseUrl, sensitive: false },
    {
      key: "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY",
      value: v.supabasePublishableKey,
      sensitive: true,
      catalogSecret: `${p}_SUPABASE_PUBLISHABLE_KEY`,
    },
    {
      key: "SUPABASE_SECRET_KEY",
      value: v.supabaseSecretKey,
      sensitive: true,
      catalogSecret: `${p}_SUPABASE_SECRET_KEY`,
    },
    { key: "NEXT_PUBLIC_SENTRY_DSN", value: v.sentryDsn, sensitive: true, catalogSecret: "SENTRY_DSN" },
    { key: "NEXT_PUBLIC_APP_ENV", value: appEnv, sensitive: false },
  ];
  const scope = gitBranch ? `${target}-${gitBranch.replace(/[^a-z0-9]+/gi, "-")}` : target;
  return rows.map((r) => ({ ...r, target, gitBranch, role: `${scope}-${r.key.toLowerCase().replace(/_/g, "-")}` }));
}

/**
 * Every variable a stack declares. Production: one `production` set. Staging: a `preview` set pinned to the
 * `staging` branch, and a `preview` set for every other branch (the feature environments), both pointing at the
 * staging agent and the staging database, as the runbook's Feature Environments say.
 */
export function frontendVariables(env: EnvironmentName, values: FrontendValues): FrontendVariable[] {
  if (env === "production") return variableSet(env, "production", values, "production");
  return [
    ...variableSet(env, "staging", values, "preview", "staging"),
    ...variableSet(env, "preview", values, "preview"),
  ];
}
