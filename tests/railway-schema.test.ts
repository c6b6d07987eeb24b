// Every GraphQL document the project sends is valid against Railway's published schema, and the variables the
// client actually sends with each one coerce to the operation's variable types.
import * as assert from "node:assert/strict";
import { getOperationAST, getVariableValues, parse, validate } from "graphql";
import { RailwayClient } from "../providers/railway/client";
import { RAILWAY_DOCUMENTS, type RailwayOperation } from "../providers/railway/documents";
import { RailwayFake, railwaySchema } from "./fakes/railway";
import { useFake } from "./fakes/server";

const OPERATIONS = Object.keys(RAILWAY_DOCUMENTS) as RailwayOperation[];

describe("Railway GraphQL documents", () => {
  for (const name of OPERATIONS) {
    it(`${name} validates against the introspection schema`, () => {
      const doc = parse(RAILWAY_DOCUMENTS[name]);
      assert.deepEqual(validate(railwaySchema(), doc), []);
      const op = getOperationAST(doc);
      assert.ok(op, "exactly one operation");
      assert.equal(op.name?.value, name, "the operation is named after its root field");
      const fields = op.selectionSet.selections.map((s) => (s.kind === "Field" ? s.name.value : s.kind));
      assert.deepEqual(fields, [name]);
    });
  }

  it("would catch a typo (the validation is real)", () => {
    const typo = RAILWAY_DOCUMENTS.variableCollectionUpsert.replace(
      "variableCollectionUpsert(input",
      "variablesCollectionUpsert(input",
    );
    const errors = validate(railwaySchema(), parse(typo));
    assert.match(errors.map((e) => e.message).join("\n"), /Cannot query field "variablesCollectionUpsert"/);
  });

  describe("the variables the client sends", () => {
    const fake = useFake(() => new RailwayFake());

    it("coerce for every operation, and every document is used by the client", async () => {
      const f = fake();
      const client = new RailwayClient({
        credentials: { token: f.projectToken, kind: "project" },
        apiUrl: f.graphqlUrl,
      });
      await client.upsertVariables(f.target, { A: "1", B: "2" });
      await client.getVariables(f.target);
      await client.deleteVariable(f.target, "A");
      const id = await client.deployCommit(f.target, "a".repeat(40));
      for (let i = 0; i < 4; i++) await client.getDeployment(id);
      await client.listDeployments(f.target, 5, ["SUCCESS", "REMOVED"]);
      await client.latestDeployment(f.target);
      await client.redeploy(id);
      await client.rollback(id);

      const seen = new Set<string>();
      for (const call of f.calls) {
        const body = JSON.parse(call.body) as { query: string; variables: Record<string, unknown> };
        const op = getOperationAST(parse(body.query));
        assert.ok(op);
        const coerced = getVariableValues(railwaySchema(), op.variableDefinitions ?? [], body.variables);
        assert.equal(
          coerced.errors,
          undefined,
          `${call.operation}: ${coerced.errors?.map((e) => e.message).join("; ")}`,
        );
        seen.add(call.operation);
      }
      assert.deepEqual([...seen].sort(), [...OPERATIONS].sort());
    });
  });
});
