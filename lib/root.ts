/**
 * The repository's root, the same whether a module runs from its TypeScript or from the build `npm run build` writes
 * into `.build/` (lib/compiled.js), where every compiled module sits one directory deeper.
 */
import * as path from "node:path";

const here = path.resolve(__dirname, "..");

/** The repository's root: where Pulumi.yaml, package.json and node_modules are. */
export const REPO_ROOT = path.basename(here) === ".build" ? path.dirname(here) : here;
