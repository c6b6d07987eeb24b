/**
 * Where the engine lives, for everything that runs the real CLI (the engine suite, the benchmark of the pack's
 * start-up under the CLI): `.tools/bin/pulumi` with its plugin cache `.tools/pulumi-home`, both from
 * `npm run engine:build`, or an installed CLI (`CHEF_CHOPSKY_PULUMI`, its language host beside it, as every release
 * ships it) with a PULUMI_HOME whose plugin cache holds the pinned providers (`CHEF_CHOPSKY_PULUMI_HOME`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/root";

export const CLI = process.env.CHEF_CHOPSKY_PULUMI ?? path.join(REPO_ROOT, ".tools", "bin", "pulumi");
export const PULUMI_HOME = process.env.CHEF_CHOPSKY_PULUMI_HOME ?? path.join(REPO_ROOT, ".tools", "pulumi-home");

/** The Node.js language host the CLI uses: the one next to it. */
export function languageHost(): string {
  return path.join(path.dirname(fs.realpathSync(CLI)), "pulumi-language-nodejs");
}
