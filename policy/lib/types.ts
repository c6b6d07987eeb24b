/**
 * The resource types the rules look at, as type tokens and as the input shapes the rules read. The pack does not
 * import the provider SDKs (that would make it depend on them and load them for nothing): a policy sees plain
 * property bags, so plain interfaces describe them, every field optional because a rule must never trust its input.
 */
import { CATALOG_REFERENCE } from "../../lib/catalog";

/** Type tokens, as they appear in URNs and in `args.type`. */
export const TYPES = {
  stack: "pulumi:pulumi:Stack",
  stackReference: "pulumi:pulumi:StackReference",
  /** The default dynamic resource type; `new dynamic.Resource(…, module, type)` gives `pulumi-nodejs:dynamic/<module>:<type>`. */
  dynamic: "pulumi-nodejs:dynamic:Resource",
  command: "command:local:Command",
  vercelProject: "vercel:index/project:Project",
  vercelVariable: "vercel:index/projectEnvironmentVariable:ProjectEnvironmentVariable",
  vercelVariables: "vercel:index/projectEnvironmentVariables:ProjectEnvironmentVariables",
  vercelSharedVariable: "vercel:index/sharedEnvironmentVariable:SharedEnvironmentVariable",
  githubEnvironment: "github:index/repositoryEnvironment:RepositoryEnvironment",
  githubDeploymentPolicy: "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy",
  githubEnvironmentSecret: "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret",
  githubRepositorySecret: "github:index/actionsSecret:ActionsSecret",
  githubOrganizationSecret: "github:index/actionsOrganizationSecret:ActionsOrganizationSecret",
  githubDependabotSecret: "github:index/dependabotSecret:DependabotSecret",
  githubVariable: "github:index/actionsVariable:ActionsVariable",
  githubEnvironmentVariable: "github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable",
  githubOrganizationVariable: "github:index/actionsOrganizationVariable:ActionsOrganizationVariable",
} as const;

/** Whether a type is a dynamic resource (any module and type name: `pulumi-nodejs:dynamic/railway:ServiceVariables`). */
export function isDynamic(type: string): boolean {
  return type === TYPES.dynamic || type.startsWith("pulumi-nodejs:dynamic/");
}

/** GitHub secrets that are not bound to a deployment environment: visible to every workflow of the repository. */
export const UNSCOPED_GITHUB_SECRETS: readonly string[] = [
  TYPES.githubRepositorySecret,
  TYPES.githubOrganizationSecret,
  TYPES.githubDependabotSecret,
];

/** Every GitHub Actions variable type (variables are plaintext, readable by anyone who can read the repository). */
export const GITHUB_VARIABLES: readonly string[] = [
  TYPES.githubVariable,
  TYPES.githubEnvironmentVariable,
  TYPES.githubOrganizationVariable,
];

/** A Vercel environment variable, wherever it is declared. */
export interface VercelVariable {
  key?: string;
  value?: string;
  targets?: string[];
  gitBranch?: string;
  sensitive?: boolean;
  comment?: string;
  customEnvironmentIds?: string[];
}

/**
 * Every Vercel variable a resource declares, with its property path for messages: the single-variable resource, the
 * batch resource (`variables[]`), the shared variable, and the inline `environments[]` of a project.
 */
export function vercelVariablesOf(
  type: string,
  props: Record<string, unknown>,
): { path: string; variable: VercelVariable }[] {
  if (type === TYPES.vercelVariable || type === TYPES.vercelSharedVariable)
    return [{ path: "", variable: props as VercelVariable }];
  const list =
    type === TYPES.vercelVariables ? props.variables : type === TYPES.vercelProject ? props.environments : undefined;
  if (!Array.isArray(list)) return [];
  const field = type === TYPES.vercelVariables ? "variables" : "environments";
  return list
    .map((v: unknown, i) => ({ path: `${field}[${i}].`, variable: (isRecord(v) ? v : {}) as VercelVariable }))
    .filter((v) => Object.keys(v.variable).length > 0);
}

/** A comment that is one `catalog:NAME` reference (lib/catalog.ts), nothing else. */
const WHOLE_REFERENCE = new RegExp(String.raw`^\s*${CATALOG_REFERENCE.source}\s*$`);

/** The catalog secret a Vercel variable says it carries (`comment: "catalog:NAME"`), if any. */
export function catalogNameOfComment(comment: unknown): string | undefined {
  return typeof comment === "string" ? WHOLE_REFERENCE.exec(comment)?.[1] : undefined;
}

/** A plain-object test that also rejects arrays. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string field of a property bag, or undefined. */
export function str(props: Record<string, unknown>, key: string): string | undefined {
  const v = props[key];
  return typeof v === "string" ? v : undefined;
}
