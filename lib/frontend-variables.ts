/**
 * The frontend's Vercel environment variables as plain data: which keys, which target, which branch, and whether a
 * value is a secret. Pure, so it is tested without mocks; the Frontend component only turns it into resources.
 */
import type * as pulumi from "@pulumi/pulumi";
import { secretOfConfigKey } from "./catalog";
import { declarationOf, type EnvironmentName, isBranchPattern, sharersOf } from "./environments";

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

/** The Vercel target a stack writes: production for production, preview for every other one (and its previews). */
export function targetOf(env: EnvironmentName): VercelTarget {
  return declarationOf(env).production ? "production" : "preview";
}

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
  /** A variable carrying the catalog secret of config key `chef-chopsky:<configKey>`. */
  const secret = (key: string, configKey: string, value: pulumi.Input<string>) => ({
    key,
    value,
    sensitive: true,
    catalogSecret: secretOfConfigKey(env, `chef-chopsky:${configKey}`)?.name,
  });
  const rows: Omit<FrontendVariable, "target" | "gitBranch" | "role">[] = [
    { key: "NEXT_PUBLIC_AGENT_URL", value: v.agentUrl, sensitive: false },
    { key: "NEXT_PUBLIC_SUPABASE_URL", value: v.supabaseUrl, sensitive: false },
    secret("NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY", "supabasePublishableKey", v.supabasePublishableKey),
    secret("SUPABASE_SECRET_KEY", "supabaseSecretKey", v.supabaseSecretKey),
    secret("NEXT_PUBLIC_SENTRY_DSN", "sentryDsn", v.sentryDsn),
    { key: "NEXT_PUBLIC_APP_ENV", value: appEnv, sensitive: false },
  ];
  const scope = gitBranch ? `${target}-${gitBranch.replace(/[^a-z0-9]+/gi, "-")}` : target;
  return rows.map((r) => ({ ...r, target, gitBranch, role: `${scope}-${r.key.toLowerCase().replace(/_/g, "-")}` }));
}

/**
 * Every variable a stack declares. Production: one `production` set. Another environment: a `preview` set pinned to
 * its branch, and for the environments that share its agent and database (staging: the feature previews) a `preview`
 * set for each exact branch they deploy from, or one for every other preview branch when they deploy from patterns,
 * all pointing at its agent and database, as the runbook's Feature Environments say.
 */
export function frontendVariables(env: EnvironmentName, values: FrontendValues): FrontendVariable[] {
  const decl = declarationOf(env);
  if (decl.production) return variableSet(env, env, values, "production");
  const sets = [variableSet(env, env, values, "preview", decl.branch)];
  for (const shared of sharersOf(env)) {
    for (const branch of shared.branches.filter((b) => !isBranchPattern(b)))
      sets.push(variableSet(env, shared.appEnv, values, "preview", branch));
    // Vercel has no pattern for a branch: patterns mean every preview branch that has no set of its own.
    if (shared.branches.some(isBranchPattern)) sets.push(variableSet(env, shared.appEnv, values, "preview"));
  }
  return sets.flat();
}
