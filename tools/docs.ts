// `npm run docs [-- --check] [-- --file PATH]`: regenerates the generated sections of docs/RUNBOOK.md (the secret
// tables and the per-stack `pulumi config set --secret` commands) from catalog.ts. With --check it writes nothing
// and exits 1 when the file is stale, so a CI step or a pre-commit hook can refuse a forgotten `npm run docs`.
import { readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { Command, CommanderError } from "commander";
import { MarkerError, replaceSections } from "./docs/markers";
import { DEFAULT_SOURCE, type DocsSource, renderSections } from "./docs/render";

/** The runbook this project keeps. */
export const RUNBOOK_PATH = path.join(__dirname, "..", "docs", "RUNBOOK.md");

/** Exit codes of the docs tool. */
export const EXIT = { ok: 0, stale: 1, badInput: 2 } as const;

/** The runbook with every generated section rendered from the source (pure, for the docs test). */
export function renderRunbook(markdown: string, source: DocsSource = DEFAULT_SOURCE): string {
  return replaceSections(markdown, renderSections(source));
}

/** What {@link main} writes to. */
export interface DocsIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Runs the docs tool.
 * @param argv - the arguments after the script name.
 * @param io - standard output and error.
 * @returns 0 written or up to date, 1 stale (with --check), 2 bad input (unreadable file, broken markers).
 */
export async function main(argv: readonly string[], io: DocsIo): Promise<number> {
  const program = new Command("docs")
    .description("Regenerate the generated sections of docs/RUNBOOK.md from catalog.ts.")
    .option("--check", "write nothing; exit 1 when the file is stale", false)
    .option("--file <path>", "the Markdown file", RUNBOOK_PATH)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    program.parse([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    throw err;
  }
  const { check, file } = program.opts<{ check: boolean; file: string }>();
  let current: string;
  let next: string;
  try {
    current = await readFile(file, "utf8");
    next = renderRunbook(current);
  } catch (err) {
    const why = err instanceof MarkerError ? err.message : `cannot read ${file}`;
    io.stderr(`docs: ${why}\n`);
    return EXIT.badInput;
  }
  const relative = path.relative(process.cwd(), file) || file;
  if (next === current) {
    io.stdout(`docs: ${relative} is up to date\n`);
    return EXIT.ok;
  }
  if (check) {
    io.stderr(`docs: ${relative} is stale: run \`npm run docs\` and commit the result\n`);
    return EXIT.stale;
  }
  await writeFile(file, next, "utf8");
  io.stdout(`docs: regenerated ${relative}\n`);
  return EXIT.ok;
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`docs: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(EXIT.badInput);
    },
  );
}
