// Preloaded by `npm run mutate` (NODE_OPTIONS=--require). StrykerJS 9 (the last line that runs on Node 20) loads
// mocha's CLI helpers by extension-less path (`mocha/lib/cli/run-helpers`), and mocha 12 ships them as `.cjs`:
// resolving `.cjs` like `.js` lets its mocha runner find them. Nothing else changes.
require("node:module")._extensions[".cjs"] ??= require("node:module")._extensions[".js"];
