// Preloaded by `npm run mutate` (NODE_OPTIONS=--import). StrykerJS 9 (the last line that runs on Node 20) loads
// mocha's CLI helpers by extension-less path (`mocha/lib/cli/run-helpers`), and mocha 12 ships them as `.cjs`:
// resolving `.cjs` like `.js` lets its mocha runner find them. Nothing else changes.
import Module from "node:module";

Module._extensions[".cjs"] ??= Module._extensions[".js"];
