// Loaded first by .mocharc.json and `npm run test:one`: TypeScript through ts-node, transpile-only, with swc as the
// transpiler (TypeScript's own transpileModule was the largest single cost of the suite). Type-checking belongs to
// `npm run typecheck`, which `npm test` runs before mocha. Not in tsconfig.json: the CLI type-checks the program with
// ts-node, and ts-node refuses a custom transpiler when it type-checks.
require("ts-node").register({ transpileOnly: true, swc: true });

