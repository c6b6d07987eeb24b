/**
 * A copy of the repository, alone in a fresh temporary directory (every file git tracks or would track, as in the
 * working tree; node_modules linked; the build copied), for tests that run the project's commands as a user would on a
 * clone.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..");

/** Copies the repository; `dir` is the fresh directory (remove it when done), `repo` the copy inside it. */
export function copyRepository(prefix = "copy-"): { dir: string; repo: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const repo = path.join(dir, "repo");
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\0")
    .filter(Boolean);
  for (const f of files) {
    if (!fs.existsSync(path.join(ROOT, f))) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(repo, f));
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"));
  // As `npm ci` leaves a clone: its `prepare` step builds .build/. A copy whose sources are then changed runs them
  // from their TypeScript (lib/compiled.js sees the changed hashes), as a clone would.
  if (fs.existsSync(path.join(ROOT, ".build"))) {
    fs.cpSync(path.join(ROOT, ".build"), path.join(repo, ".build"), { recursive: true });
  }
  return { dir, repo };
}
