/**
 * `production-deploys-from-main-only`: the GitHub environment `production`, which holds production's secrets, can
 * be deployed only from `main`. GitHub's other options all widen that: no branch policy admits every branch,
 * `protectedBranches` admits every protected branch (staging included), and a wildcard or tag pattern admits refs
 * that never went through the production review.
 */
import { PRODUCTION } from "../../lib/environments";
import { resourcePolicy, type RuleMeta } from "../lib/policy";
import { isRecord, str, TYPES } from "../lib/types";

export const meta: RuleMeta = {
  name: "production-deploys-from-main-only",
  description:
    'Runbook, Environment Overview: Production "Branch: `main`"; Deployment Overview: Production "Trigger: Push to ' +
    '`main` branch". The GitHub environment production uses custom branch policies (not "protected branches"), and ' +
    "its only deployment policy is the branch main: no wildcard, no other branch, no tag.",
  enforcementLevel: "mandatory",
};

export const policy = resourcePolicy(meta, (r, report) => {
  if (str(r.props, "environment")?.toLowerCase() !== PRODUCTION.name) return;
  if (r.type === TYPES.githubEnvironment) {
    const policy = r.props.deploymentBranchPolicy;
    if (!isRecord(policy)) {
      report(
        "deploymentBranchPolicy is not set, so every branch can deploy to production; set " +
          `{ protectedBranches: false, customBranchPolicies: true } and one deployment policy for "${PRODUCTION.branch}".`,
      );
      return;
    }
    if (policy.protectedBranches === true) {
      report("deploymentBranchPolicy.protectedBranches is true: every protected branch (staging too) could deploy.");
    }
    if (policy.customBranchPolicies !== true) {
      report(
        `deploymentBranchPolicy.customBranchPolicies must be true, with the single branch "${PRODUCTION.branch}".`,
      );
    }
  } else if (r.type === TYPES.githubDeploymentPolicy) {
    const branch = str(r.props, "branchPattern");
    const tag = str(r.props, "tagPattern");
    if (tag !== undefined && tag !== "")
      report(`tagPattern "${tag}" lets tags deploy to production; only "${PRODUCTION.branch}" may.`);
    if (branch !== undefined && branch !== PRODUCTION.branch) {
      report(`branchPattern "${branch}" lets more than "${PRODUCTION.branch}" deploy to production.`);
    } else if (branch === undefined && (tag === undefined || tag === "")) {
      report(`branchPattern is not set; expected "${PRODUCTION.branch}".`);
    }
  }
});
