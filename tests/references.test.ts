// A comment that cites a reference document names the file the repository holds (docs/reference/…), so that a
// reader finds it from the comment alone.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const SKIP = new Set(["node_modules", ".git", ".tools", ".engine-state", "fixtures", "reference"]);
const DOCUMENTS = ["API-FACTS.md", "DESIGN.md", "chef-chopsky-runbook.md"];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name === path.basename(__filename)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|md|yml|sh)$/.test(entry.name)) yield full;
  }
}

describe("citations of the reference documents", () => {
  it("every one names docs/reference/<file>, and the file exists", () => {
    const loose: string[] = [];
    for (const file of sourceFiles(ROOT)) {
      const lines = fs.readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        for (const doc of DOCUMENTS) {
          const stem = doc.replace(/\.md$/, "");
          for (const m of line.matchAll(new RegExp(`(\\S*)\\b${stem}(\\.md)?\\b`, "g"))) {
            if (!m[1].endsWith("docs/reference/") && !/^[`(]?docs\/reference\/$/.test(m[1]))
              loose.push(`${path.relative(ROOT, file)}:${i + 1}: ${m[0]}`);
          }
        }
      });
    }
    assert.deepEqual(loose, []);
    for (const doc of DOCUMENTS) assert.ok(fs.existsSync(path.join(ROOT, "docs", "reference", doc)), doc);
  });
});
