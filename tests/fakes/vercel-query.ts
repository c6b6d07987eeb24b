/**
 * The git filters of the Vercel fake's `GET /v6/deployments`, kept apart from `vercel.ts`: `branch` ("Filter
 * deployments based on the branch name") and `sha` ("Filter deployments based on the SHA"), as Vercel's reference
 * lists them (https://vercel.com/docs/rest-api/sdk/deployments/list-deployments). A deployment made from git
 * carries its branch and commit in `meta.githubCommitRef` and `meta.githubCommitSha`; one that did not come from
 * git matches neither filter.
 */

/** What the filters read of a deployment. */
export interface GitMeta {
  meta?: Record<string, string>;
}

/** Whether a deployment passes the `branch` and `sha` query parameters (absent parameters pass everything). */
export function matchesGitQuery(deployment: GitMeta, params: URLSearchParams): boolean {
  const branch = params.get("branch");
  const sha = params.get("sha");
  if (branch !== null && deployment.meta?.githubCommitRef !== branch) return false;
  if (sha !== null && deployment.meta?.githubCommitSha !== sha) return false;
  return true;
}
