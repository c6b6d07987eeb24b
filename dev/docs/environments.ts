/**
 * The generated parts of docs/RUNBOOK.md that follow from the declared environments (lib/environments.ts): the
 * environment overview, and the CI environments with the commands that set them up. Functions of the declarations
 * and the stack files, rendered in memory so the docs test can compare them with the file.
 */
import { ciEnvironments } from "../../lib/ci-environments";
import {
  DECLARATIONS,
  declarationOf,
  isBranchPattern,
  isEnvironmentName,
  previewUrl,
  PRODUCTION,
  SHARED_ENVIRONMENTS,
} from "../../lib/environments";
import { REPO_ROOT } from "../../lib/root";
import { loadOfflineConfig } from "../synth/stack-config";

/** A stack's config, as its `Pulumi.<stack>.yaml` sets it (the public URLs come from there). */
const stackConfig = (stack: string) => loadOfflineConfig(REPO_ROOT, stack).config;

/** Items as inline code, comma-separated. */
export const code = (items: readonly string[]) => items.map((i) => `\`${i}\``).join(", ");

/** The runbook's environment overview: one row per declaration, shared environments with whose values they use. */
export function renderEnvironmentOverview(): string {
  const rows = DECLARATIONS.map((d) => {
    if (isEnvironmentName(d.name)) {
      const config = stackConfig(d.name);
      const [frontend, agent] = [config["chef-chopsky:frontendUrl"] ?? "", config["chef-chopsky:agentUrl"] ?? ""];
      return `| ${d.title} | \`${d.name}\` | \`${declarationOf(d.name).branch}\` | \`${frontend}\` | \`${agent}\` | ${d.name} Supabase |`;
    }
    const shared = SHARED_ENVIRONMENTS.find((s) => s.name === d.name)!;
    const project = stackConfig(shared.sharesWith)["chef-chopsky:vercelProjectName"] || "chef-chopsky";
    const frontends = shared.branches.map((b) =>
      isBranchPattern(b) ? `https://${project}-git-{branch-name}.vercel.app` : previewUrl(project, b),
    );
    return (
      `| ${shared.title} | (\`${shared.sharesWith}\`) | ${code(shared.branches)} | ${code([...new Set(frontends)])} ` +
      `| ${shared.sharesWith} agent (shared) | ${shared.sharesWith} Supabase (shared) |`
    );
  });
  return ["| Environment | Stack | Branch | Frontend | Agent | Database |", "|---|---|---|---|---|---|", ...rows].join(
    "\n",
  );
}

/** The runbook's table of CI environments (Setting up CI), three per declared stack. */
export function renderCiEnvironments(): string {
  const rows = ciEnvironments().map((e) => {
    const stack = declarationOf(e.stack);
    const token = `${e.token} on \`${e.stack}\` only`;
    switch (e.kind) {
      case "write":
        return (
          `| \`${e.name}\` | the ${e.stack} stack (\`components/github.ts\`), with its catalog secrets | ` +
          `${code(e.branches ?? [])} | ${stack.production ? "prevent self-review (set by the stack)" : "none"} | ${token} | ` +
          `\`deploy.yml\` (push to \`${stack.branch}\`), \`rollback.yml\` (stack \`${e.stack}\`) |`
        );
      case "read":
        return `| \`${e.name}\` | by hand | ${code(e.branches ?? [])} | none | ${token} | \`drift.yml\`, \`health.yml\` (stack \`${e.stack}\`) |`;
      case "preview":
        return (
          `| \`${e.name}\` | by hand | no restriction | ` +
          `${e.reviewed ? "**required reviewers** (maintainers), prevent self-review, no administrator bypass" : "none"} | ` +
          `${token} | \`pull-request.yml\` (preview of \`${e.stack}\`) |`
        );
    }
  });
  return [
    "| Environment | Created by | Deployment branches | Protection rules | `PULUMI_ACCESS_TOKEN` (set by hand) | Used by |",
    "|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** The commands that create the hand-made CI environments and give every CI environment its token. */
export function renderCiCommands(): string {
  const ci = ciEnvironments();
  const reads = ci.filter((e) => e.kind === "read");
  const readNames = reads.map((e) => e.name).join(" ");
  const previews = ci.filter((e) => e.kind === "preview");
  const width = Math.max(...ci.map((e) => `gh secret set PULUMI_ACCESS_TOKEN --env ${e.name}`.length));
  const tokenLine = (e: (typeof ci)[number]) =>
    `${`gh secret set PULUMI_ACCESS_TOKEN --env ${e.name}`.padEnd(width)}  # ${e.token} on ${e.stack}` +
    (e.reviewed ? " (only with required reviewers)" : "");
  return [
    "```bash",
    "# 1. No Pulumi token outside the environments: delete the old repository secret (and revoke it in Pulumi Cloud).",
    "gh secret delete PULUMI_ACCESS_TOKEN",
    "gh secret list                    # must not list PULUMI_ACCESS_TOKEN",
    "gh secret list --org <org>        # nor this, if the repository belongs to an organization",
    "",
    `# 2. The read environments: ${PRODUCTION.branch} only. Protection rules first, tokens after.`,
    `for env in ${readNames}; do`,
    '  gh api -X PUT "repos/{owner}/{repo}/environments/$env" \\',
    "    -F 'deployment_branch_policy[protected_branches]=false' -F 'deployment_branch_policy[custom_branch_policies]=true'",
    `  gh api -X POST "repos/{owner}/{repo}/environments/$env/deployment-branch-policies" -f name=${PRODUCTION.branch} -f type=branch`,
    "done",
    "",
    "# 3. The preview environments. Required reviewers for production: replace 1234567 by the reviewing team's id",
    "#    (gh api orgs/<org>/teams/<team> --jq .id).",
    ...previews.flatMap((e) =>
      e.reviewed
        ? [
            `gh api -X PUT "repos/{owner}/{repo}/environments/${e.name}" --input - << 'EOF'`,
            '{ "reviewers": [{ "type": "Team", "id": 1234567 }], "prevent_self_review": true, "can_admins_bypass": false }',
            "EOF",
          ]
        : [`gh api -X PUT "repos/{owner}/{repo}/environments/${e.name}" -F wait_timer=0`],
    ),
    "",
    "# 4. One token per environment; each command prompts for the value (it stays out of the shell history).",
    ...ci.map(tokenLine),
    "",
    "# 5. The read credentials of status.yml, per read environment (the report shows what is missing as unknown).",
    `for env in ${readNames}; do`,
    `  ${'gh secret set STATUS_UPTIME_ROBOT_API_KEY --env "$env"'.padEnd(width + 2)}# UptimeRobot's read-only API key`,
    `  ${'gh secret set STATUS_VERCEL_TOKEN --env "$env"'.padEnd(width + 2)}# Vercel token scoped to the project`,
    "done",
    ...reads.map(
      (e) =>
        `${`gh secret set STATUS_RAILWAY_TOKEN --env ${e.name}`.padEnd(width + 4)}# Railway project token of ${e.stack}`,
    ),
    "```",
  ].join("\n");
}
