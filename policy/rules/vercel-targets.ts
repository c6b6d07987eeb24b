/**
 * `vercel-target-matches-stack`: both stacks write variables into the one Vercel project, so the target is the only
 * wall between them. Production writes the `production` target; staging writes `preview` (the staging branch and
 * every feature branch). The project itself belongs to production: staging only looks it up.
 */
import { BRANCH, type EnvironmentName } from "../../lib/environments";
import { resourcePolicy, type RuleMeta } from "../lib/policy";
import { TYPES, vercelVariablesOf } from "../lib/types";
import { joinPath } from "../lib/walk";

export const meta: RuleMeta = {
  name: "vercel-target-matches-stack",
  description:
    'Runbook, Environment Overview: Production Frontend "https://chef-chopsky-production.vercel.app" (branch main); ' +
    'Staging and Feature Frontends are previews ("https://chef-chopsky-git-{branch-name}.vercel.app"). The ' +
    'production stack writes only the Vercel target "production", the staging stack only "preview" (never for ' +
    "branch main), no custom environments; and only the production stack owns the Vercel project.",
  enforcementLevel: "mandatory",
};

/** The one Vercel target each stack may write. */
export const VERCEL_TARGET: Record<EnvironmentName, string> = { production: "production", staging: "preview" };

export const policy = resourcePolicy(meta, (r, report) => {
  if (r.type === TYPES.vercelProject && r.env !== "production") {
    report("the Vercel project belongs to the production stack; staging finds it by id (StackReference or config).");
  }
  const target = VERCEL_TARGET[r.env];
  for (const { path, variable } of vercelVariablesOf(r.type, r.props)) {
    const where = variable.key === undefined ? path || "variable" : `${variable.key}`;
    const targets = Array.isArray(variable.targets) ? variable.targets : [];
    const custom = Array.isArray(variable.customEnvironmentIds) ? variable.customEnvironmentIds : [];
    if (targets.length === 0 && custom.length === 0) {
      report(`${where}: ${joinPath(path, "targets")} is empty; the ${r.env} stack writes exactly ["${target}"].`);
    }
    const wrong = targets.filter((t) => t !== target);
    if (wrong.length > 0) {
      report(
        `${where}: ${joinPath(path, "targets")} includes ${JSON.stringify(wrong)}; the ${r.env} stack writes only "${target}".`,
      );
    }
    if (custom.length > 0) report(`${where}: custom environments are not part of the runbook's environments.`);
    const branch = variable.gitBranch;
    if (typeof branch === "string" && branch !== "") {
      if (r.env === "production")
        report(`${where}: gitBranch "${branch}" applies to previews; production variables have none.`);
      else if (branch === BRANCH.production) report(`${where}: gitBranch "${branch}" is production's branch.`);
    }
  }
});
