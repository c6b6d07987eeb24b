// What the Pulumi CLI loads for `--policy-pack policy` (package.json `main`): the pack of pack.ts, from its compiled
// build when that is current, else from the TypeScript source (see lib/compiled.js). Plain JavaScript, so that the
// CLI's runner never type-checks the pack on start-up; `npm test` type-checks it.
//
// An async function, which the runner (@pulumi/pulumi/cmd/run-policy-pack) calls and awaits: first it turns off the
// V8 debugger the runner switched on for closure serialization (its inspector session reports every script loaded
// from then on, and slows each load), which a policy pack never uses; then it loads the pack. If the SDK ever stops
// offering that session, the pack just loads with the debugger on.
module.exports = async function startPack() {
  try {
    const hooks = require("@pulumi/pulumi/runtime/closure/v8Hooks");
    const session = await hooks.getSessionAsync();
    await new Promise((resolve) => session.post("Debugger.disable", () => resolve(undefined)));
  } catch {
    // An SDK without the session: nothing to turn off.
  }
  // The SDK's closure serializer reads the package tree with @npmcli/arborist, loaded with @pulumi/pulumi: a pack never
  // serializes a function, so that is loaded only if something ever does (lib/defer-module.js).
  require("../lib/defer-module").deferClosureSerialization(__dirname);
  require("../lib/compiled").load("policy/pack");
};
