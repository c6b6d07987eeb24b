/**
 * The workflow rules of `workflows/rules.ts`, each proven able to fail: a compliant baseline workflow, then one
 * mutation per rule, so a rule that silently stopped matching would be noticed. Also the runbook check.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { GITHUB_ENVIRONMENTS, PULUMI_VERSION, ROOT, runbookFindings, workflowFindings } from "./workflows/rules";

describe("workflow rules (each can fail)", () => {
  const GOOD = `on: push
permissions:
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    concurrency:
      group: pulumi-production
      cancel-in-progress: false
    permissions:
      contents: read
    steps:
      - id: checkout
        uses: actions/checkout@v4.2.2
      - id: node
        uses: actions/setup-node@v4.4.0
        with:
          node-version: 20
          cache: npm
      - id: cli
        uses: pulumi/actions@v6.6.1
        with:
          pulumi-version: ${PULUMI_VERSION}
      - id: up
        env:
          PULUMI_ACCESS_TOKEN: \${{ secrets.PULUMI_ACCESS_TOKEN }}
        run: pulumi up --yes --stack production --policy-pack policy
      - id: health
        run: npm run health -- --outputs outputs.json
      - if: failure() && steps.health.outputs.code != '1'
        env:
          OUTCOMES: \${{ steps.checkout.outcome }} \${{ steps.node.outcome }} \${{ steps.cli.outcome }} \${{ steps.up.outcome }} \${{ steps.health.outcome }}
        run: curl --config - --data @alert.json
`;
  /** One rule each: the rule, then pairs of (text of the baseline, its replacement), applied in order. */
  const TOP = "permissions:\n  contents: read\njobs:";
  const JOB_PERMS = "    permissions:\n      contents: read";
  const OTHER_JOB = (secret: string) =>
    `jobs:\n  other:\n    runs-on: ubuntu-latest\n    steps:\n      - env: { T: '\${{ secrets.${secret} }}' }\n        run: echo`;
  const ALERT_COND = "if: failure() && steps.health.outputs.code != '1'";
  const ALERT_RUN = "run: curl --config - --data @alert.json\n";
  const MUTATIONS: string[][] = [
    ["pinned-uses", "actions/checkout@v4.2.2", "actions/checkout@main"],
    ["pinned-uses", "actions/checkout@v4.2.2", "actions/checkout@v4"],
    ["pinned-uses", "actions/checkout@v4.2.2", "actions/checkout"],
    ["top-level-permissions", TOP, "jobs:"],
    ["top-level-permissions", TOP, "permissions:\n  contents: write\njobs:"],
    ["job-write-permissions", JOB_PERMS, "    permissions:\n      pull-requests: write"],
    ["secrets-need-environment", "jobs:", OTHER_JOB("X")],
    ["secrets-need-environment", "jobs:", OTHER_JOB("PULUMI_ACCESS_TOKEN")],
    ["secrets-need-environment", "jobs:", "env:\n  PULUMI_ACCESS_TOKEN: ${{ secrets.PULUMI_ACCESS_TOKEN }}\njobs:"],
    ["environment-known", "environment: production", "environment: prod"],
    ["environment-event", "environment: production", "environment: production-read"],
    [
      "environment-event",
      "on: push",
      "on: [push, pull_request]",
      "environment: production",
      "environment: preview-staging",
    ],
    ["up-environment", "    environment: production\n", "", "secrets.PULUMI_ACCESS_TOKEN", "vars.PULUMI_BACKEND_URL"],
    ["no-secrets-in-run", "--policy-pack policy", "--policy-pack policy --token ${{ secrets.VERCEL_TOKEN }}"],
    [
      "secrets-via-env",
      "checkout@v4.2.2",
      "checkout@v4.2.2\n        with:\n          token: ${{ secrets.VERCEL_TOKEN }}",
    ],
    ["no-inputs-in-run", "--stack production", "--stack ${{ inputs.stack }}"],
    ["pulumi-version", `pulumi-version: ${PULUMI_VERSION}`, "pulumi-version: ^3"],
    ["policy-pack", " --policy-pack policy", ""],
    ["up-concurrency", "group: pulumi-production", "group: deploy"],
    ["up-concurrency", "cancel-in-progress: false", "cancel-in-progress: true"],
    ["up-alert", ALERT_COND, "if: failure() && steps.up.outcome == 'failure'"],
    ["up-alert", ALERT_COND, "if: failure() && steps.up.outputs.code != '1'"],
    ["up-alert", ALERT_COND, "if: always()"],
    ["up-alert", "      - id: cli\n        uses", "      - uses"],
    ["up-alert", " ${{ steps.cli.outcome }}", ""],
    ["up-alert", ALERT_RUN, `${ALERT_RUN}      - id: after\n        run: echo`],
    ["up-alert", "curl --config -", "echo"],
    ["no-pull-request-target", "on: push", "on: [push, pull_request_target]"],
    ["setup-node", "node-version: 20", "node-version: 18"],
  ];

  it("the baseline is compliant", () => {
    assert.deepEqual(workflowFindings(GOOD), []);
  });

  for (const [rule, ...pairs] of MUTATIONS) {
    it(`${rule}: ${pairs[1] === "" ? `without ${JSON.stringify(pairs[0])}` : JSON.stringify(pairs[1])}`, () => {
      let bad = GOOD;
      for (let i = 0; i < pairs.length; i += 2) bad = bad.replace(pairs[i], pairs[i + 1]);
      assert.ok(
        pairs.every((p, i) => i % 2 === 1 || GOOD.includes(p)),
        "the mutation must apply to the baseline",
      );
      assert.deepEqual([...new Set(workflowFindings(bad).map((f) => f.rule))], [rule]);
    });
  }

  it("pull-requests: write is allowed only beside a PR comment", () => {
    const commenting = GOOD.replace(
      "    permissions:\n      contents: read",
      "    permissions:\n      pull-requests: write",
    ).replace(
      `pulumi-version: ${PULUMI_VERSION}`,
      `pulumi-version: ${PULUMI_VERSION}\n          command: preview\n          stack-name: production\n          policyPacks: policy\n          comment-on-pr: true`,
    );
    assert.deepEqual(workflowFindings(commenting), []);
  });

  it("pr-production-needs-review: pull-request code gets a production token only in a reviewed environment", () => {
    const preview = GOOD.replace("on: push", "on: pull_request")
      .replace("environment: production", "environment: preview-${{ matrix.stack }}")
      .replace(
        "    permissions:",
        "    strategy:\n      matrix:\n        stack: [production, staging]\n    permissions:",
      );
    assert.deepEqual(workflowFindings(preview), []);
    const unreviewed = {
      ...GITHUB_ENVIRONMENTS,
      "preview-production": { events: ["pull_request"], token: "Stack Read" },
    };
    assert.deepEqual(workflowFindings(preview, unreviewed as typeof GITHUB_ENVIRONMENTS), [
      { rule: "pr-production-needs-review", where: "deploy.environment: preview-production" },
    ]);
  });

  it("the runbook check: a missing row, a wrong token or missing reviewers are found", () => {
    const runbook = fs.readFileSync(path.join(ROOT, "docs", "RUNBOOK.md"), "utf8");
    const row = runbook.split("\n").find((l) => /^\| `preview-production` +\|/.test(l)) ?? "";
    assert.ok(/required reviewers/i.test(row), "the preview-production row names its required reviewers");
    assert.deepEqual(runbookFindings(runbook.replace(row, row.replace(/required reviewers/gi, "nobody"))), [
      "preview-production: required reviewers not named",
    ]);
    assert.deepEqual(runbookFindings(runbook.replace(row + "\n", "")), ["preview-production: no row"]);
    assert.deepEqual(runbookFindings(runbook.replace(row, row.replace(/Stack Read/g, "Stack Write"))), [
      "preview-production: its token (Stack Read) is not named",
    ]);
  });
});
