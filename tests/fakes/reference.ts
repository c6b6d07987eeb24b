/**
 * The shared reference (the services' published schemas) that the fakes execute against, and Railway's GraphQL
 * schema built from it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/**
 * The path of a file of the shared reference (the services' schemas). Looked up in `$CHEF_CHOPSKY_REFERENCE_DIR`,
 * then `reference/` in the repository, then the workspace's `../shared/reference/`.
 */
export function referenceFile(name: string): string {
  const root = path.resolve(__dirname, "..", "..");
  const dirs = [
    process.env.CHEF_CHOPSKY_REFERENCE_DIR,
    path.join(root, "reference"),
    path.join(root, "..", "shared", "reference"),
  ];
  for (const dir of dirs) if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  throw new Error(
    `reference file ${name} not found in ${dirs.filter(Boolean).join(", ")} (set CHEF_CHOPSKY_REFERENCE_DIR)`,
  );
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
