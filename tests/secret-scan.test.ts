/**
 * The runbook's first security rule, "never commit secrets to code", as a test: secretlint with its recommended
 * preset (`.secretlintrc.json`) over every file git would commit (tracked, plus untracked files that are not
 * ignored, so a secret is caught before its first commit), minus `.secretlintignore`. A negative test proves the scan
 * catches a planted secret-shaped string; the string is assembled at runtime so this file never matches itself.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runSecretLint } from "secretlint";

const ROOT = path.join(__dirname, "..");
const CONFIG = path.join(ROOT, ".secretlintrc.json");
const IGNORE = path.join(ROOT, ".secretlintignore");

/** One secretlint finding, without the source text (the JSON formatter echoes whole files). */
interface Finding {
  file: string;
  ruleId: string;
  message: string;
  line?: number;
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; message: string; loc?: { start?: { line?: number } } }[];
}

/** The files git would commit: tracked and untracked-but-not-ignored, that exist on disk (a deletion is no text). */
function committableFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = new Set(out.split("\0").filter(Boolean));
  return [...files]
    .filter((f) => !f.startsWith("node_modules/") && !f.includes("/node_modules/") && f !== "package-lock.json")
    .filter((f) => fs.statSync(path.join(ROOT, f), { throwIfNoEntry: false })?.isFile() ?? false);
}

/** Runs secretlint (the CLI's own code path: search with the ignore file, then the engine) over files in `cwd`. */
async function scan(files: string[], cwd: string): Promise<Finding[]> {
  const { stdout } = await runSecretLint({
    cliOptions: { cwd, filePathOrGlobList: files, ignoreFilePath: IGNORE, noGlob: true },
    engineOptions: { cwd, configFilePath: CONFIG, formatter: "json", color: false, maskSecrets: true },
  });
  const results = JSON.parse(stdout ?? "[]") as JsonResult[];
  return results.flatMap((r) =>
    r.messages.map((m) => ({
      file: path.relative(cwd, r.filePath),
      ruleId: m.ruleId,
      message: m.message,
      line: m.loc?.start?.line,
    })),
  );
}

describe("secret scan (secretlint, recommended preset)", function () {
  this.timeout(15_000);

  it("finds no secret in the files git would commit", async () => {
    const files = committableFiles();
    assert.ok(files.length > 20, `expected the repository's files, got ${files.length}`);
    assert.ok(files.includes("lib/catalog.ts") && files.includes(".github/workflows/deploy.yml"));
    const findings = await scan(files, ROOT);
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line ?? "?"} ${f.ruleId}: ${f.message}`),
      [],
      "secretlint found secret-shaped text: remove it (or, for a test fixture, build it at runtime)",
    );
  });

  describe("catches what it must", () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-scan-"));
    });
    after(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("a planted GitHub token (ghp_ + 36 characters), without printing it", async () => {
      const token = ["gh", "p_"].join("") + "Zk3Qm9Xw2Lp7Rt5Vb8Nc4Hd6Jf1Gs0Ya2Ue4I".slice(0, 36);
      assert.equal(token.length, 40);
      const file = path.join(dir, "config.ts");
      fs.writeFileSync(file, `export const githubToken = "${token}";\n`);
      const findings = await scan([file], dir);
      assert.equal(findings.length, 1, JSON.stringify(findings));
      assert.equal(findings[0].file, "config.ts");
      assert.match(findings[0].ruleId, /github/i);
      assert.ok(!findings[0].message.includes(token), "the finding must mask the secret");
    });

    it("a planted private key", async () => {
      const begin = ["-----BEGIN", "RSA PRIVATE KEY-----"].join(" ");
      const end = ["-----END", "RSA PRIVATE KEY-----"].join(" ");
      const body = "MIIEpAIBAAKCAQEA".padEnd(64, "x");
      const file = path.join(dir, "deploy.pem.txt");
      fs.writeFileSync(file, `${begin}\n${body}\n${body}\n${end}\n`);
      const findings = await scan([file], dir);
      assert.ok(
        findings.some((f) => /privatekey/i.test(f.ruleId)),
        JSON.stringify(findings),
      );
    });

    it("skips exactly what .secretlintignore lists", async () => {
      const token = ["gh", "p_"].join("") + "A".repeat(18) + "b".repeat(18);
      const ignored = path.join(dir, "package-lock.json");
      const scanned = path.join(dir, "package-lock.backup.json");
      for (const file of [ignored, scanned]) fs.writeFileSync(file, `{"token": "${token}"}\n`);
      const findings = await scan([ignored, scanned], dir);
      assert.deepEqual(
        findings.map((f) => f.file),
        ["package-lock.backup.json"],
      );
    });
  });
});
