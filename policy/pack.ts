/**
 * The Chef Chopsky isolation policy pack: `pulumi preview --stack <stack> --policy-pack policy`, or offline
 * `npm run policy -- --stack <stack>`. This file only assembles the pack; each rule lives in `rules/`.
 *
 * `new PolicyPack` starts the analyzer's gRPC server and prints its port: that is how the CLI (and the offline
 * runner in dev/policy/) talks to it. The CLI loads `index.js` (package.json `main`), which runs this file's compiled
 * build from `.build/` when it is current and this file otherwise (lib/compiled.js). The rules import
 * ../lib/catalog and ../lib/environments so that there is one source of truth; `pulumi policy publish` uploads only
 * this directory, so publishing would need a bundling step first.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

new PolicyPack("chef-chopsky-isolation", { policies, enforcementLevel: "mandatory" });
