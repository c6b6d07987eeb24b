/**
 * The Chef Chopsky isolation policy pack: `pulumi preview --stack <stack> --policy-pack policy`, or offline
 * `npm run policy -- --stack <stack>`. This file only assembles the pack; each rule lives in `rules/`; the CLI
 * loads it through `index.js`.
 *
 * `new PolicyPack` starts the analyzer's gRPC server and prints its port: that is how the CLI (and the offline
 * runner in dev/policy/) talks to it. The rules import ../lib/catalog and ../lib/environments so that there is one
 * source of truth; `pulumi policy publish` uploads only this directory, so publishing would need a bundling step.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

new PolicyPack("chef-chopsky-isolation", { policies, enforcementLevel: "mandatory" });
