/**
 * Every rule of the pack, in the order the README's rule table lists them. `policy/pack.ts` serves this list; the
 * tests and docs read it (importing it starts no server, unlike `policy/pack.ts`).
 */
import type { Policies } from "@pulumi/policy";
import type { RuleMeta } from "../lib/policy";
import * as actionsVariables from "./actions-variables";
import * as catalogSecretsSensitive from "./catalog-secrets-sensitive";
import * as crossEnvironmentEndpoints from "./cross-environment-endpoints";
import * as environmentSecretsDeclared from "./environment-secrets-declared";
import * as githubSecretsOwnEnvironment from "./github-secrets-own-environment";
import * as nothingNamedForOther from "./nothing-named-for-other-environment";
import * as oneSupabaseProject from "./one-supabase-project";
import * as outputs from "./outputs";
import * as ownEnvironmentSecrets from "./own-environment-secrets";
import * as plaintextSecretShapes from "./plaintext-secret-shapes";
import * as productionDeploysFromMain from "./production-deploys-from-main";
import * as secretsDocumented from "./secrets-documented";
import * as vercelTargets from "./vercel-targets";

const RULES = [
  ownEnvironmentSecrets,
  githubSecretsOwnEnvironment,
  productionDeploysFromMain,
  vercelTargets,
  crossEnvironmentEndpoints,
  oneSupabaseProject,
  catalogSecretsSensitive,
  actionsVariables,
  plaintextSecretShapes,
  outputs,
  nothingNamedForOther,
  environmentSecretsDeclared,
  secretsDocumented,
] as const;

/** The policies, as `new PolicyPack` takes them. */
export const policies: Policies = RULES.map((r) => r.policy);

/** What each rule says about itself (name, runbook quote, level), for the README's rule table. */
export const ruleMetas: readonly RuleMeta[] = RULES.map((r) => r.meta);
