import * as assert from "node:assert/strict";
import { classifySeverity, needsAlert, type Severity, type SeverityInput } from "../ops/health/severity";

const up = (environment: SeverityInput["environment"], service: SeverityInput["service"]): SeverityInput => ({
  environment,
  service,
  ok: true,
  slow: false,
});
const down = (environment: SeverityInput["environment"], service: SeverityInput["service"]): SeverityInput => ({
  ...up(environment, service),
  ok: false,
});
const slow = (environment: SeverityInput["environment"], service: SeverityInput["service"]): SeverityInput => ({
  ...up(environment, service),
  slow: true,
});

describe("health severity (runbook levels, pure)", () => {
  const table: [string, SeverityInput[], Severity][] = [
    ["all up", [up("production", "frontend"), up("production", "agent")], "none"],
    ["production frontend and agent down", [down("production", "frontend"), down("production", "agent")], "P0"],
    [
      "production both down and staging down",
      [down("production", "frontend"), down("production", "agent"), down("staging", "agent")],
      "P0",
    ],
    ["production frontend down", [down("production", "frontend"), up("production", "agent")], "P1"],
    ["production agent down", [up("production", "frontend"), down("production", "agent")], "P1"],
    [
      "two checks of the production agent down, frontend up",
      [up("production", "frontend"), down("production", "agent"), down("production", "agent")],
      "P1",
    ],
    ["production agent down and staging down", [down("production", "agent"), down("staging", "frontend")], "P1"],
    ["staging agent down", [up("production", "frontend"), down("staging", "agent")], "P2"],
    ["staging frontend and agent down", [down("staging", "frontend"), down("staging", "agent")], "P2"],
    ["staging down and a check slow", [down("staging", "frontend"), slow("production", "agent")], "P2"],
    ["all up, one slow", [up("production", "frontend"), slow("production", "agent")], "P3"],
    ["all up, staging slow", [slow("staging", "frontend")], "P3"],
    ["no checks", [], "none"],
  ];
  for (const [title, checks, expected] of table) {
    it(`${title} -> ${expected}`, () => {
      assert.equal(classifySeverity(checks), expected);
    });
  }

  it("alerts on every level but none", () => {
    assert.deepEqual((["P0", "P1", "P2", "P3", "none"] as Severity[]).map(needsAlert), [
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
