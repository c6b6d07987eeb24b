/**
 * The services' published schemas that the fakes execute against, and Railway's GraphQL
 * schema built from it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/** Where the services' schemas live in the repository (provenance in its README.md). */
export const SCHEMA_DIR = path.resolve(__dirname, "..", "fixtures", "schemas");

/** The path of one of the services' schemas, kept in the repository so a plain clone needs nothing beside it. */
export function referenceFile(name: string): string {
  const file = path.join(SCHEMA_DIR, name);
  if (!fs.existsSync(file)) throw new Error(`schema ${name} not found in ${SCHEMA_DIR} (see its README.md)`);
  return file;
}

let schema: GraphQLSchema | undefined;
/** Railway's schema, built once from the introspection JSON. */
export function railwaySchema(): GraphQLSchema {
  if (!schema) {
    const json = JSON.parse(fs.readFileSync(referenceFile("railway-graphql.introspection.json"), "utf8")) as {
      data?: IntrospectionQuery;
    } & IntrospectionQuery;
    schema = buildClientSchema(json.data ?? json);
  }
  return schema;
}
