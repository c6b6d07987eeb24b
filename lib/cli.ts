/**
 * What the commands of deploy/, ops/ and dev/ do alike: a commander program that writes through the command's own
 * streams (so that tests run it in-process) and returns an exit code instead of exiting, the `--outputs FILE|-`
 * input, option values in seconds, and running `main` as the process.
 */
import { readFile } from "node:fs/promises";
import { text } from "node:stream/consumers";
import { Command, CommanderError, InvalidArgumentError, type OptionValues } from "commander";

/** The environment a command reads its tokens and settings from; `process.env` unless a test gives another. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where a command writes (the process's streams, or a test's buffers), the environment it reads, how it waits. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Default `process.env`. */
  env?: Env;
  /** How to wait between polls and retries; injected by tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** The exit code of bad input (a rejected argument, an unreadable file), the same in every command. */
export const BAD_INPUT = 2;

/** The bad-input reply of command `name`: writes `name: message` to standard error and returns 2. */
export function badInput(name: string, io: CliIo): (message: string) => number {
  return (message) => {
    io.stderr(`${name}: ${message}\n`);
    return BAD_INPUT;
  };
}

/**
 * A commander program that writes through `io` and throws instead of exiting; what it writes to standard error
 * passes through `scrub` first (commander quotes the arguments it rejects, and a mistyped option may carry a secret).
 * Subcommands added to it afterwards inherit both.
 */
export function command(name: string, io: CliIo, scrub: (text: string) => string = (text) => text): Command {
  return new Command(name)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: (text) => io.stderr(scrub(text)) });
}

/**
 * Parses the arguments after the script name.
 * @returns the options, or the exit code once commander has written its message: 0 after `--help`, 2 (bad input)
 * after a rejected argument.
 */
export function parse<T extends OptionValues>(program: Command, argv: readonly string[]): T | number {
  try {
    program.parse([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : BAD_INPUT;
    throw err;
  }
  return program.opts<T>();
}

/** Replaces every URL in a message (a web-hook URL is a secret) with a placeholder. */
export function redactUrls(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"]*/gi, "<redacted URL>");
}

/** Hides the value of every `--option=value` in a message: a mistyped `--token=…` must not print the value. */
export function hideOptionValues(text: string): string {
  return text.replace(/(--[\w-]+=)[^\s']+/g, "$1…");
}

/** A commander parser of an option in seconds, from `min` (excluded unless `inclusiveMin`) to `max`. */
export function seconds(min: number, max: number, inclusiveMin = false): (value: string) => number {
  return (value) => {
    const n = Number(value);
    const okMin = inclusiveMin ? n >= min : n > min;
    if (value.trim() === "" || !Number.isFinite(n) || !okMin || n > max) {
      throw new InvalidArgumentError(`expected a number of seconds ${inclusiveMin ? ">=" : ">"} ${min} and <= ${max}.`);
    }
    return n;
  };
}

/** The text of a file, or of standard input for `-` (`pulumi stack output --json | … --outputs -`). */
export async function readInput(file: string, stdin?: AsyncIterable<string | Uint8Array>): Promise<string> {
  return file === "-" ? text(stdin ?? process.stdin) : readFile(file, "utf8");
}

/**
 * Reads the file an option names (`-`: standard input).
 * @returns its text, or why it could not be read: `--outputs: cannot read "f.json" (no such file)`.
 */
export async function readOptionFile(
  option: string,
  file: string,
  stdin?: AsyncIterable<string | Uint8Array>,
): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  try {
    return { ok: true, text: await readInput(file, stdin) };
  } catch (err) {
    const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code || "read failed";
    return {
      ok: false,
      error: `${option}: cannot read ${file === "-" ? "standard input" : JSON.stringify(file)} (${why})`,
    };
  }
}

/**
 * An error as a command reports it: the service clients' errors (a `ServiceError`, or UptimeRobot's, both with a
 * `service`) have credential-free messages; anything else by kind only.
 */
export function reasonOf(err: unknown): string {
  if (err instanceof Error && "service" in err) return err.message;
  return `unexpected ${err instanceof Error ? err.name : "error"}`;
}

/**
 * Parses a JSON input (a file, standard input, a command's output). The error says only where the text stops being
 * JSON (`invalid JSON (at character 12)`): the parser's own message quotes the text, which must not be echoed.
 */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const position = /position (\d+)/.exec(err instanceof Error ? err.message : "");
    const where = text.trim() === "" ? " (empty input)" : position !== null ? ` (at character ${position[1]})` : "";
    return { ok: false, error: `invalid JSON${where}` };
  }
}

/** How {@link runScript} reports an error that `main` did not turn into an exit code. */
export interface Unexpected {
  /** The exit code it ends with. */
  code: number;
  /** `message` prints the error's message through `scrub`; `kind` only its class (a message may quote a secret). */
  show: "message" | "kind";
  scrub?: (text: string) => string;
}

/**
 * Runs a command's `main` as the process: its arguments and streams, then exits with its code once what was written
 * has been flushed (a pipe is asynchronous), without waiting for idle sockets.
 */
export function runScript(
  name: string,
  main: (argv: readonly string[], io: CliIo) => Promise<number>,
  unexpected: Unexpected,
): void {
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => process.stdout.write("", () => process.exit(code)),
    (err: unknown) => {
      const what =
        unexpected.show === "message"
          ? `error: ${err instanceof Error ? err.message : String(err)}`
          : err instanceof Error
            ? err.name
            : "error";
      const scrub = unexpected.scrub ?? ((text: string) => text);
      process.stderr.write(scrub(`${name}: unexpected ${what}\n`));
      process.exit(unexpected.code);
    },
  );
}
