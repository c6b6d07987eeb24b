/**
 * `vercel-target-matches-stack`: every stack writes variables into the one Vercel project, so the target and the
 * preview branch are the only walls between them. Production writes the `production` target; every other
 * environment writes `preview` for its own branch and for the branches of the environments that share it (staging:
 * every feature branch). The project itself belongs to production: the others only look it up.
 */
import { BRANCH, declarationOf, PRODUCTION, servedPreviewBranches, servesAllPreviews } from "../../lib/environments";
import { targetOf } from "../../lib/frontend-variables";
import { resourcePolicy, type RuleMeta } from "../lib/policy";
import { TYPES, vercelVariablesOf } from "../lib/types";
import { joinPath } from "../lib/walk";

export const meta: RuleMeta = {
  name: "vercel-target-matches-stack",
  description:
    'Runbook, Environment Overview: Production Frontend "https://chef-chopsky-production.vercel.app" (branch main); ' +
    'Staging and Feature Frontends are previews ("https://chef-chopsky-git-{branch-name}.vercel.app"). The ' +
    'production stack writes only the Vercel target "production", every other stack only "preview", for its own ' +
    "branch and the branches of the environments that share it (lib/environments.ts), never main; no custom " +
    "environments; and only the production stack owns the Vercel project.",
  enforcementLevel: "mandatory",
};

export const policy = resourcePolicy(meta, (r, report) => {
  const decl = declarationOf(r.env);
  if (r.type === TYPES.vercelProject && !decl.production) {
    report(
      `the Vercel project belongs to the ${PRODUCTION.name} stack; ${r.env} finds it by id (StackReference or config).`,
    );
  }
  const target = targetOf(r.env);
  const branches = decl.production ? [] : [decl.branch, ...servedPreviewBranches(r.env)];
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
      if (decl.production)
        report(`${where}: gitBranch "${branch}" applies to previews; production variables have none.`);
      else if (branch === BRANCH[PRODUCTION.name]) report(`${where}: gitBranch "${branch}" is production's branch.`);
      else if (!branches.includes(branch))
        report(`${where}: gitBranch "${branch}" is not a branch of ${r.env} (${branches.join(", ")}).`);
    } else if (!decl.production && targets.includes("preview") && !servesAllPreviews(r.env)) {
      report(
        `${where}: applies to every preview branch, which ${r.env} does not serve; set gitBranch "${decl.branch}".`,
      );
    }
  }
});
