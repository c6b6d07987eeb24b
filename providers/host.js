// The package `@chef-chopsky/providers` (providers/package.json `main`): what the dynamic-provider host loads from a
// resource's `__provider` (see resource.ts). The registry of registry.ts, from its compiled build when that is
// current, else from the TypeScript source (see lib/compiled.js).
module.exports = require("../lib/compiled").load("providers/registry");
