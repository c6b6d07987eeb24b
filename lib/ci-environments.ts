/**
 * The GitHub environments CI uses, three per declared stack (docs/RUNBOOK.md, "Setting up CI"), each holding its own
 * `PULUMI_ACCESS_TOKEN` scoped to that one stack: `<stack>` (created by the stack, Stack Write, for deploys and
 * rollbacks), `<stack>-read` (Stack Read, `main` only, for the scheduled drift and health checks) and
 * `preview-<stack>` (Stack Read, for the previews of pull requests; production's has required reviewers).
 * The workflow tests and the runbook's generated table both read this list.
 */
import { DEPLOY_BRANCH_PATTERNS, ENVIRONMENT_NAMES, type EnvironmentName, PRODUCTION } from "./environments";

/** One GitHub environment of CI. */
export interface CiEnvironment {
  /** The GitHub environment's name, e.g. `staging-read`. */
  name: string;
  /** The stack its token reaches, and only that one. */
  stack: EnvironmentName;
  kind: "write" | "read" | "preview";
  /** What its PULUMI_ACCESS_TOKEN may do, on its own stack only. */
  token: "Stack Write" | "Stack Read";
  /** The workflow events whose runs may use it. */
  events: string[];
  /** The branches allowed to deploy to it, or undefined for no restriction. */
  branches?: readonly string[];
  /** Required reviewers: a person approves each job before it gets the token (production's preview). */
  reviewed: boolean;
}

/** Every CI environment: the write ones, then the read ones, then the preview ones, each in declaration order. */
export function ciEnvironments(): CiEnvironment[] {
  return [
    ...ENVIRONMENT_NAMES.map((stack): CiEnvironment => ({
      name: stack,
      stack,
      kind: "write",
      token: "Stack Write",
      events: ["push", "workflow_dispatch"],
      branches: DEPLOY_BRANCH_PATTERNS[stack],
      reviewed: false,
    })),
    ...ENVIRONMENT_NAMES.map((stack): CiEnvironment => ({
      name: `${stack}-read`,
      stack,
      kind: "read",
      token: "Stack Read",
      events: ["schedule", "workflow_dispatch"],
      // Scheduled runs start on the default branch, production's.
      branches: [PRODUCTION.branch],
      reviewed: false,
    })),
    ...ENVIRONMENT_NAMES.map((stack): CiEnvironment => ({
      name: `preview-${stack}`,
      stack,
      kind: "preview",
      token: "Stack Read",
      events: ["pull_request"],
      reviewed: stack === PRODUCTION.name,
    })),
  ];
}
