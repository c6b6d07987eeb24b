// The workflows' stack lists follow the declared environments (lib/environments.ts): the real workflows list exactly
// the declared stacks; a third declared stack shows, in each workflow, what has to be added; and the workflows with
// it added pass. The CI environments (lib/ci-environments.ts) are three per declared stack.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ciEnvironments } from "../lib/ci-environments";
import { STACK_ENVIRONMENTS } from "../lib/environments";
import { DIR, WORKFLOW_FILES } from "./workflows/rules";
import { evaluateRefExpression, stackListFindings } from "./workflows/stacks";

const workflows = Object.fromEntries(
  fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith(".yml"))
    .map((f) => [f, fs.readFileSync(path.join(DIR, f), "utf8")]),
);
const declared = STACK_ENVIRONMENTS.map((e) => ({ name: e.name, branch: e.branch }));
const DEMO = { name: "demo", branch: "demo" };

describe("workflows and the declared environments", () => {
  it("every stack list of the workflows is the declared stacks", () => {
    assert.deepEqual(stackListFindings(workflows, declared), []);
  });

  it("a third declared stack is missing from every list, and named in each finding", () => {
    const findings = stackListFindings(workflows, [...declared, DEMO]);
    for (const file of WORKFLOW_FILES)
      assert.ok(
        findings.some((f) => f.startsWith(`${file}:`) && /demo/.test(f)),
        `${file} not flagged:\n${findings.join("\n")}`,
      );
    assert.ok(findings.some((f) => /a push to demo gives staging, not demo/.test(f)));
    assert.ok(findings.some((f) => /^rollback\.yml: .* gives branch staging for demo, not demo/.test(f)));
  });

  it("the workflows with the third stack added pass", () => {
    const added = Object.fromEntries(
      Object.entries(workflows).map(([file, text]) => [
        file,
        text
          .replace(/(stack: )\[production, staging\]/g, "$1[production, staging, demo]")
          .replace(/(options: )\[production, staging\]/g, "$1[production, staging, demo]")
          .replace("branches: [main, staging]", "branches: [main, staging, demo]")
          .replaceAll(
            "github.ref_name == 'main' && 'production' || 'staging'",
            "github.ref_name == 'main' && 'production' || github.ref_name",
          )
          // A function as the replacement: "$STACK" is shell text, not a replacement pattern.
          .replaceAll(
            '[ "$STACK" = production ] && echo main || echo staging',
            () => '[ "$STACK" = production ] && echo main || echo "$STACK"',
          ),
      ]),
    );
    assert.deepEqual(stackListFindings(added, [...declared, DEMO]), []);
  });

  it("reads the ref expressions the deploy uses", () => {
    const e = "github.ref_name == 'main' && 'production' || 'staging'";
    assert.equal(evaluateRefExpression(e, "main"), "production");
    assert.equal(evaluateRefExpression(e, "staging"), "staging");
    assert.equal(evaluateRefExpression("github.ref_name == 'main' && 'production' || github.ref_name", "demo"), "demo");
    assert.equal(evaluateRefExpression("startsWith(github.ref_name, 'x')", "x"), undefined);
  });

  it("three CI environments per declared stack, production's preview reviewed", () => {
    const ci = ciEnvironments();
    assert.equal(ci.length, 3 * STACK_ENVIRONMENTS.length);
    for (const e of STACK_ENVIRONMENTS) {
      assert.deepEqual(
        ci.filter((c) => c.stack === e.name).map((c) => [c.name, c.token, c.reviewed]),
        [
          [e.name, "Stack Write", false],
          [`${e.name}-read`, "Stack Read", false],
          [`preview-${e.name}`, "Stack Read", e.production],
        ],
      );
    }
  });
});
