// Runs a command's `main` in-process, as the tests of every command of deploy/, ops/ and dev/ do.
import type { CliIo } from "../lib/cli";

/** What a command's `main` returned and wrote. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command's `main` in-process, its output into buffers; `io` gives the rest (env, stdin, sleep, …). */
export async function runMain<Io extends CliIo>(
  main: (argv: readonly string[], io: Io) => Promise<number>,
  argv: readonly string[],
  io: Omit<Io, "stdout" | "stderr">,
): Promise<CommandRun> {
  let stdout = "";
  let stderr = "";
  const buffers: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  // Io is CliIo and the fields of `io`: TypeScript cannot see that the two halves make a whole Io.
  const code = await main(argv, { ...io, ...buffers } as unknown as Io);
  return { code, stdout, stderr };
}
