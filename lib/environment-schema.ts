/**
 * The format of an environment's declaration (lib/environments.ts holds the declarations): one zod schema per kind
 * of environment, the types inferred from them, and the rules between declarations (unique names, branches, labels;
 * exactly one production; one environment at most on branch patterns).
 */
import { z } from "zod";
import { isBranchPattern, secretLabelOf } from "./environments";

const name = z.string().regex(/^[a-z][a-z0-9-]*$/, "expected a lowercase name (letters, digits, hyphens)");
const secretLabel = z.string().regex(/^[A-Z][A-Z0-9_]*$/, "expected an UPPER_SNAKE label");

/** An environment with a stack of its own: its own agent, database, monitors, GitHub environment and secrets. */
const stackEnvironmentSchema = z.strictObject({
  /** The stack's name, and its GitHub environment's: `production`. */
  name,
  /** As people write it, and the title of its table of secrets in the runbook: `Production`. */
  title: z.string().min(1),
  /** The branch whose pushes deploy it (runbook: Environment Overview). */
  branch: z.string().min(1),
  /**
   * The words that name it in identifiers and host names (`chef-chopsky-staging.up.railway.app`,
   * `RAILWAY_STAGING_TOKEN`, `stg`): how the config and the policy pack tell its hosts and names from another's.
   */
  labels: z.array(z.string().regex(/^[a-z0-9]+$/)).min(1),
  /**
   * The environment of real users (exactly one): it owns the Vercel project and writes its production target, only
   * its branch may deploy it, its checks fail as P1, and its secrets carry the runbook's unqualified names where the
   * runbook gives them (`RAILWAY_TOKEN`, `LANGCHAIN_API_KEY`, "Agent deployment").
   */
  production: z.boolean().default(false),
  /** LangSmith tracing: the agent gets LANGCHAIN_API_KEY (a catalog secret of the environment) and tracing on. */
  tracing: z.boolean().default(false),
  /** The label of its GitHub secrets' names (`STAGING_SUPABASE_URL`, `RAILWAY_STAGING_TOKEN`); default its name. */
  secretLabel: secretLabel.optional(),
  /** The label of its monitor ids' secrets (`UPTIME_ROBOT_PROD_AGENT_ID`); default {@link secretLabel}. */
  monitorLabel: secretLabel.optional(),
});

/**
 * An environment that shares another's agent and database and has no stack (the feature previews share staging's):
 * its deployments are Vercel previews that the other environment's stack serves, with the other's values.
 */
const sharedEnvironmentSchema = z.strictObject({
  name,
  title: z.string().min(1),
  /** The environment whose agent and database it uses, and whose stack declares what it needs. */
  sharesWith: name,
  /** The branches (GitHub patterns) it deploys from, e.g. `feat/*`; they may deploy to the other's environment. */
  branches: z.array(z.string().min(1)).min(1),
  /** The frontend's `NEXT_PUBLIC_APP_ENV` on its previews; default its name. */
  appEnv: z.string().min(1).optional(),
});

/** One declaration, as written in {@link DECLARATIONS}. */
export const environmentDeclarationSchema = z.union([stackEnvironmentSchema, sharedEnvironmentSchema]);
export type EnvironmentDeclaration = z.input<typeof environmentDeclarationSchema>;
/** A stack environment's declaration, as parsed (defaults applied). */
export type StackEnvironmentDeclaration = z.output<typeof stackEnvironmentSchema>;
export type SharedEnvironment = z.output<typeof sharedEnvironmentSchema> & { appEnv: string };

/** Why a list of declarations is inconsistent; every problem at once. */
export function declarationProblems(declarations: readonly EnvironmentDeclaration[]): string[] {
  const problems: string[] = [];
  const parsed = declarations.map((d, i) => {
    const r = environmentDeclarationSchema.safeParse(d);
    if (!r.success) problems.push(`declaration ${i} (${String(d.name)}): ${r.error.issues.map((x) => x.message)}`);
    return r.success ? r.data : undefined;
  });
  const ok = parsed.filter((d) => d !== undefined);
  const stacks = ok.filter((d): d is StackEnvironmentDeclaration => !("sharesWith" in d));
  const seen = new Map<string, string>();
  const claim = (what: string, owner: string) => {
    const other = seen.get(what);
    if (other !== undefined && other !== owner) problems.push(`${what} is claimed by both ${other} and ${owner}`);
    seen.set(what, owner);
  };
  const names = ok.map((d) => d.name);
  for (const n of new Set(names.filter((n, i) => names.indexOf(n) !== i))) problems.push(`${n} is declared twice`);
  for (const d of ok) {
    if ("sharesWith" in d) {
      if (!stacks.some((s) => s.name === d.sharesWith))
        problems.push(`${d.name} shares with "${d.sharesWith}", which is not an environment with a stack`);
      for (const b of d.branches) claim(`the branch "${b}"`, d.name);
    } else {
      claim(`the branch "${d.branch}"`, d.name);
      for (const l of d.labels) claim(`the label "${l}"`, d.name);
      claim(`the secret label "${d.secretLabel ?? secretLabelOf(d.name)}"`, d.name);
    }
  }
  // Vercel's catch-all preview variables (no branch) can exist once per key: one environment gets every other branch.
  const patterned = ok.filter((d) => "sharesWith" in d && d.branches.some(isBranchPattern));
  if (patterned.length > 1)
    problems.push(
      `only one environment may deploy from branch patterns, got ${patterned.map((d) => d.name).join(", ")}`,
    );
  const production = stacks.filter((s) => s.production);
  if (production.length !== 1) problems.push(`expected exactly one production environment, got ${production.length}`);
  return problems;
}
