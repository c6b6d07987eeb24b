// The Supabase requests and reply fields the project relies on exist in Supabase's own OpenAPI document, with the
// types the client assumes (notably `uri_allow_list` as ONE string, and `site_url` without commas).
import * as assert from "node:assert/strict";
import { SUPABASE_ENDPOINTS } from "../providers/supabase/client";
import { supabaseOpenApi } from "./fakes/supabase";

interface Operation {
  security?: Record<string, unknown>[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { type?: string; pattern?: string }> }> };
}

function schemaOf(ref: string | undefined): NonNullable<Doc["components"]["schemas"][string]["properties"]> {
  if (!ref?.startsWith("#/components/schemas/")) assert.fail(`expected a $ref, got ${ref}`);
  const schema = (supabaseOpenApi() as unknown as Doc).components.schemas[ref.split("/").at(-1)!];
  assert.ok(schema?.properties, `schema ${ref} has properties`);
  return schema.properties;
}

describe("Supabase Management API: what the client relies on", () => {
  const doc = supabaseOpenApi() as unknown as Doc;

  for (const endpoint of SUPABASE_ENDPOINTS) {
    const name = `${endpoint.method.toUpperCase()} ${endpoint.path}`;

    it(`${name} exists, with Bearer auth and the documented error statuses`, () => {
      const op = doc.paths[endpoint.path]?.[endpoint.method];
      assert.ok(op, `${name} is not in the OpenAPI document`);
      assert.ok(
        op.security?.some((s) => "bearer" in s),
        "Bearer auth",
      );
      for (const status of ["200", "401", "429", "500"]) assert.ok(op.responses?.[status], `documents HTTP ${status}`);
    });

    it(`${name}: the request and reply fields exist with the expected types`, () => {
      const op = doc.paths[endpoint.path][endpoint.method];
      const reply = schemaOf(op.responses?.["200"]?.content?.["application/json"]?.schema?.$ref);
      for (const [field, type] of Object.entries(endpoint.responseFields))
        assert.equal(reply[field]?.type, type, `reply field ${field}`);
      const requestFields = Object.entries(endpoint.requestFields);
      if (requestFields.length === 0) return assert.equal(op.requestBody, undefined);
      const body = schemaOf(op.requestBody?.content?.["application/json"]?.schema?.$ref);
      for (const [field, type] of requestFields) assert.equal(body[field]?.type, type, `request field ${field}`);
    });
  }

  it("site_url may not contain a comma, which is why the allow list is a separate string", () => {
    const body = schemaOf(
      doc.paths["/v1/projects/{ref}/config/auth"].patch.requestBody?.content?.["application/json"]?.schema?.$ref,
    );
    assert.equal(body.site_url.pattern, "^[^,]+$");
    assert.equal(body.uri_allow_list.type, "string");
  });

  it("would catch a field the API does not have (the check is real)", () => {
    const body = schemaOf(
      doc.paths["/v1/projects/{ref}/config/auth"].patch.requestBody?.content?.["application/json"]?.schema?.$ref,
    );
    assert.equal(body.redirect_urls, undefined);
  });
});
