import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { STACK_CREDENTIALS, SECRET_CATALOG, type SecretEntry } from "../lib/catalog";
import { EXIT, loadDocsSource, main, README_PATH, renderReadme, renderRunbook, RUNBOOK_PATH } from "../dev/docs";
import { ruleMetas } from "../policy/rules/index";
import { MarkerError, replaceSections, sectionNames } from "../dev/docs/markers";
import { type DocsSource, renderSecretTables, renderStackCommands, valueSource } from "../dev/docs/render";

const ROOT = path.join(__dirname, "..");
const runbook = () => fs.readFileSync(RUNBOOK_PATH, "utf8");

/** The rows of one generated table, as `name → cells`. */
function tableRows(markdown: string, table: string): Map<string, string[]> {
  const section = markdown.split(`#### ${table} secrets`)[1]?.split("\n\n")[1] ?? "";
  const rows = new Map<string, string[]>();
  for (const line of section.split("\n").slice(2)) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    rows.set(cells[0].replace(/`/g, ""), cells);
  }
  return rows;
}

/** The project's docs source, diagrams included (the synth of every stack, made once per process). */
let source: DocsSource;
before(async function () {
  this.timeout(120_000); // two synths of the real program, on a shared machine
  source = await loadDocsSource();
});

describe("docs/RUNBOOK.md", () => {
  it("is up to date with the catalog and the synth (run `npm run docs` when this fails)", () => {
    const text = runbook();
    assert.equal(
      renderRunbook(text, source),
      text,
      "docs/RUNBOOK.md is stale: run `npm run docs` and commit the result",
    );
  });

  it("lists every catalog secret in its own table, in catalog order, with where its value comes from", () => {
    const text = runbook();
    for (const table of ["Production", "Staging", "Monitoring"] as const) {
      const entries = SECRET_CATALOG.filter((s) => s.table === table);
      const rows = tableRows(text, table);
      assert.deepEqual(
        [...rows.keys()],
        entries.map((s) => s.name),
      );
      for (const s of entries) assert.equal(rows.get(s.name)?.[4], valueSource(s).replace(/\|/g, "\\|"));
    }
  });

  it("gives each stack the `pulumi config set --secret` command of every config secret it needs", () => {
    const text = runbook();
    for (const env of ["production", "staging"] as const) {
      const keys = new Set([
        ...SECRET_CATALOG.filter((s) => s.environment === env || s.environment === "shared").flatMap((s) =>
          s.source.kind === "configSecret" ? [s.source.key] : [],
        ),
        ...STACK_CREDENTIALS.map((c) => c.key),
      ]);
      for (const key of keys) assert.ok(text.includes(`pulumi config set --secret ${key} --stack ${env}`), key);
    }
    assert.ok(!text.includes("langchainApiKey --stack staging"), "LANGCHAIN_API_KEY is production only");
    // The fingerprint key is generated once and copied, never typed (the same key on every stack).
    assert.ok(
      text.includes(
        "openssl rand -hex 32 | pulumi config set --secret chef-chopsky:secretFingerprintKey --stack production",
      ),
    );
    assert.ok(
      text.includes(
        "pulumi config get chef-chopsky:secretFingerprintKey --stack production | pulumi config set --secret chef-chopsky:secretFingerprintKey --stack staging",
      ),
    );
  });

  it("lists, under Adding a new environment, every workflow that names the stacks", () => {
    const text = runbook();
    const start = text.indexOf("### Adding a new environment");
    const section = text.slice(start, text.indexOf("\n### ", start + 1));
    const dir = path.join(__dirname, "..", ".github", "workflows");
    const naming = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".yml") && /\bstaging\b/.test(fs.readFileSync(path.join(dir, f), "utf8")));
    assert.ok(naming.length >= 7, naming.join(", "));
    for (const f of naming) assert.ok(section.includes(`\`${f}\``), `${f} is missing from Adding a new environment`);
  });

  it("covers every procedure of the original runbook", () => {
    const headings = [...runbook().matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]);
    for (const h of [
      "Adding a new secret",
      "Rotating secrets",
      "Emergency secret rotation",
      "Initial setup",
      "Adding a new environment",
      "Environment validation",
      "Production deployment",
      "Staging deployment",
      "Feature deployment",
      "Vercel rollback",
      "Railway rollback",
      "Database rollback",
      "Incident severity levels",
      "Incident response procedure",
      "Maintenance procedures",
      "Debugging commands",
      "Drift detection",
    ])
      assert.ok(headings.includes(h), `missing section "${h}"`);
    for (const level of ["P0", "P1", "P2", "P3"]) assert.match(runbook(), new RegExp(`^\\| ${level} +\\|`, "m"));
  });

  it("names only workflows, tools and npm scripts that exist, and every workflow", () => {
    const text = runbook();
    const workflows = fs.readdirSync(path.join(ROOT, ".github", "workflows"));
    for (const wf of workflows) assert.ok(text.includes(`\`${wf}\``), `${wf} is not in the runbook`);
    for (const [, wf] of text.matchAll(/`([\w-]+\.yml)`/g)) assert.ok(workflows.includes(wf), `${wf} does not exist`);
    for (const [, tool] of text.matchAll(/\b((?:deploy|ops|dev)\/[\w./-]+\.ts)\b/g))
      assert.ok(fs.existsSync(path.join(ROOT, tool)), `${tool} does not exist`);
    const scripts = Object.keys(
      (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: object }).scripts,
    );
    for (const [, name] of text.matchAll(/\bnpm run (?:-s |--silent )?([\w:-]+)/g))
      assert.ok(scripts.includes(name), `npm run ${name} is not a script`);
  });
});

describe("README.md policy table", () => {
  it("is up to date with the pack's rules (run `npm run docs` when this fails)", () => {
    const text = fs.readFileSync(README_PATH, "utf8");
    assert.equal(renderReadme(text), text, "README.md is stale: run `npm run docs` and commit the result");
  });

  it("names every rule of the pack with its level", () => {
    const text = fs.readFileSync(README_PATH, "utf8");
    for (const m of ruleMetas) assert.ok(text.includes(`| \`${m.name}\` | ${m.enforcementLevel} |`), m.name);
  });
});

describe("docs renderer", () => {
  const extra: SecretEntry = {
    name: "PRODUCTION_STRIPE_KEY",
    description: "Stripe key | live",
    requiredFor: "Payments",
    table: "Production",
    environment: "production",
    source: { kind: "configSecret", key: "chef-chopsky:stripeKey" },
  };
  const withExtra = () => ({ ...source, catalog: [...SECRET_CATALOG, extra] });

  it("adding a catalog entry adds its row and its command, and makes the runbook stale", () => {
    const tables = renderSecretTables(withExtra());
    assert.notEqual(tables, renderSecretTables());
    assert.match(
      tables,
      /\| `PRODUCTION_STRIPE_KEY` \| Stripe key \\\| live \| Payments \| `production` \| `pulumi config set --secret chef-chopsky:stripeKey --stack production` \|/,
    );
    assert.match(
      renderStackCommands("production", withExtra()),
      /--secret chef-chopsky:stripeKey --stack production +# /,
    );
    assert.doesNotMatch(renderStackCommands("staging", withExtra()), /stripeKey/);
    assert.notEqual(renderRunbook(runbook(), withExtra()), runbook());
  });

  it("describes each kind of source", () => {
    const shared: SecretEntry = { ...extra, environment: "shared", source: { kind: "output", output: "x" } };
    assert.equal(
      valueSource(shared),
      "stack output `x` (`pulumi stack output x --stack S`) for S = `production` and `staging`, each its own value",
    );
    const plain: SecretEntry = { ...extra, environment: "staging", source: { kind: "config", key: "chef-chopsky:y" } };
    assert.equal(valueSource(plain), "`chef-chopsky:y` in `Pulumi.staging.yaml` (plain config)");
  });

  it("replaces only between the markers, idempotently", () => {
    const doc = "# T\nbefore\n<!-- BEGIN GENERATED: a -->\nold\n<!-- END GENERATED: a -->\nafter\n";
    const once = replaceSections(doc, { a: "new" });
    assert.match(
      once,
      /^# T\nbefore\n<!-- BEGIN GENERATED: a -->\n[\s\S]*\nnew\n[\s\S]*<!-- END GENERATED: a -->\nafter\n$/,
    );
    assert.doesNotMatch(once, /old/);
    assert.equal(replaceSections(once, { a: "new" }), once);
    assert.deepEqual(sectionNames(once), ["a"]);
  });

  it("refuses missing, unpaired, nested, duplicated and unknown markers", () => {
    const b = (n: string) => `<!-- BEGIN GENERATED: ${n} -->`;
    const e = (n: string) => `<!-- END GENERATED: ${n} -->`;
    assert.throws(() => replaceSections("no markers", { a: "x" }), /missing markers for section\(s\): a/);
    assert.throws(() => sectionNames(`${b("a")}\n`), MarkerError);
    assert.throws(() => sectionNames(`${e("a")}\n`), MarkerError);
    assert.throws(() => sectionNames(`${b("a")}${b("b")}${e("b")}${e("a")}`), /inside section a/);
    assert.throws(() => sectionNames(`${b("a")}${e("a")}${b("a")}${e("a")}`), /appears twice/);
    assert.throws(() => replaceSections(`${b("a")}${e("a")}${b("z")}${e("z")}`, { a: "x" }), /no generator.*z/);
  });
});

describe("npm run docs (CLI)", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "docs-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(argv: string[]): Promise<{ code: number; out: string }> {
    let out = "";
    const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (out += t) });
    return { code, out };
  }

  it("--check exits 1 on a stale file without writing; a run regenerates it; then --check exits 0", async () => {
    const file = path.join(dir, "RUNBOOK.md");
    const stale = runbook().replace("`VERCEL_TOKEN` | Vercel authentication", "`VERCEL_TOKEN` | edited by hand");
    fs.writeFileSync(file, stale);
    assert.equal((await run(["--check", "--file", file])).code, EXIT.stale);
    assert.equal(fs.readFileSync(file, "utf8"), stale);
    assert.equal((await run(["--file", file])).code, EXIT.ok);
    assert.equal(fs.readFileSync(file, "utf8"), runbook());
    assert.equal((await run(["--check", "--file", file])).code, EXIT.ok);
  });

  it("exits 2 on a file without markers or that does not exist", async () => {
    const file = path.join(dir, "plain.md");
    fs.writeFileSync(file, "# nothing generated here\n");
    const r = await run(["--file", file]);
    assert.equal(r.code, EXIT.badInput);
    assert.match(r.out, /missing markers/);
    assert.equal((await run(["--file", path.join(dir, "absent.md")])).code, EXIT.badInput);
  });
});
