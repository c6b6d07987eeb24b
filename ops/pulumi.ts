/**
 * Runs the Pulumi CLI for the operators' commands (rotation, status): the binary from `PULUMI_BIN`, else `pulumi` on
 * the PATH of the environment given, without a shell. A secret value only ever goes to its standard input, never
 * into its arguments.
 */
import { spawn } from "node:child_process";
import type { Env } from "../lib/cli";

/** How to run the CLI; injectable for tests. Resolves with the exit code and the output, never rejects. */
export type PulumiRunner = (
  args: readonly string[],
  options: { stdin?: string; show?: (text: string) => void; timeoutMs?: number },
) => Promise<{ code: number; stdout: string; stderr: string }>;

/**
 * The real runner. `show` receives the CLI's output as it comes (for the long `pulumi up`); without it the output
 * is only captured (for `config get` and `stack output`, whose stdout must not be shown). After `timeoutMs` the CLI
 * is stopped, and its error output is the timeout.
 */
export function pulumiRunner(env: Env): PulumiRunner {
  const bin = env.PULUMI_BIN || "pulumi";
  return (args, { stdin, show, timeoutMs }) =>
    new Promise((resolve) => {
      const child = spawn(bin, [...args], { env: env as NodeJS.ProcessEnv, timeout: timeoutMs });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        show?.(d.toString());
      });
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        show?.(d.toString());
      });
      child.on("error", (err: NodeJS.ErrnoException) =>
        resolve({
          code: 127,
          stdout,
          stderr: err.code === "ENOENT" ? `${bin}: not found (install the Pulumi CLI, or set PULUMI_BIN)` : err.message,
        }),
      );
      child.on("close", (code) =>
        resolve({ code: code ?? 1, stdout, stderr: child.killed ? `timed out after ${timeoutMs} ms` : stderr }),
      );
      child.stdin.on("error", () => undefined); // a CLI that exits before reading its input
      child.stdin.end(stdin ?? "");
    });
}
