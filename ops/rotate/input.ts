/**
 * Reads the new value of a secret from standard input without showing it: on a terminal in raw mode, with nothing
 * echoed (Backspace edits, Enter ends, Ctrl-C or Ctrl-D on an empty line aborts); from a pipe (CI, a password
 * manager's CLI) as everything it sends, less one trailing newline, as `pulumi config set` itself reads a pipe.
 */
import { readInput } from "../../lib/cli";

/** The parts of standard input this needs (a `process.stdin`, or a test's stand-in). */
export interface SecretInput extends AsyncIterable<string | Uint8Array> {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
  on(event: "data", listener: (chunk: Buffer | string) => void): unknown;
  removeListener(event: "data", listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

/**
 * Reads from a terminal in raw mode; `prompt` goes to `write` (standard error), the typed characters nowhere.
 * Resolves with undefined when the person aborts.
 */
function readTerminal(input: SecretInput, prompt: string, write: (text: string) => void): Promise<string | undefined> {
  return new Promise((resolve) => {
    let value = "";
    write(prompt);
    input.setRawMode?.(true);
    input.resume();
    const done = (aborted = false) => {
      input.removeListener("data", onData);
      input.setRawMode?.(false);
      input.pause();
      write("\n");
      resolve(aborted ? undefined : value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === "string" ? chunk : chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003" || (ch === "\u0004" && value === "")) return done(true);
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    input.on("data", onData);
  });
}

/**
 * The new value, from a terminal (hidden) or a pipe (everything, less one trailing `\n` or `\r\n`); undefined when
 * the person aborts the prompt.
 */
export async function readSecretValue(input: SecretInput, prompt: string, write: (text: string) => void) {
  return input.isTTY ? readTerminal(input, prompt, write) : (await readInput("-", input)).replace(/\r?\n$/, "");
}
