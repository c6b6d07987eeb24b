/**
 * The file backend's files, read from disk (never `pulumi stack export`, whose `--show-secrets` copy would hold
 * every secret decrypted): the stack's checkpoint, and every file the backend and the project copy hold.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** One resource as the checkpoint records it (secrets as `{ <sig>: …, ciphertext }`). */
export interface StateResource {
  type: string;
  urn: string;
  protect?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The marker of a secret the passphrase provider encrypted (sdk/go/common/resource/sig.Secret). */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Whether a state value is an encrypted secret. */
export function isCiphertext(value: unknown): boolean {
  const v = value as Record<string, unknown> | undefined;
  return typeof v === "object" && v !== null && v[SECRET_SIG] !== undefined && typeof v.ciphertext === "string";
}

function files(dir: string, keep: (file: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name !== "node_modules") walk(p);
      else if (e.isFile() && keep(p)) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** The stack's checkpoint file (`.pulumi/stacks/chef-chopsky/<stack>.json`). */
export function stateFile(backendDir: string, stack: string): string {
  const found = files(backendDir, (f) =>
    f.endsWith(`${path.sep}stacks${path.sep}chef-chopsky${path.sep}${stack}.json`),
  );
  if (found.length !== 1)
    throw new Error(`expected one checkpoint of ${stack} in ${backendDir}, found ${found.length}`);
  return found[0];
}

/** The resources of the stack's latest checkpoint. */
export function stateResources(backendDir: string, stack: string): StateResource[] {
  const doc = JSON.parse(fs.readFileSync(stateFile(backendDir, stack), "utf8")) as {
    checkpoint?: { latest?: { resources?: StateResource[] } };
  };
  return doc.checkpoint?.latest?.resources ?? [];
}

/** Every file of the given directories (the backend: states, backups, history; the project copy: stack files). */
export function allText(...dirs: string[]): { file: string; text: string }[] {
  return dirs.flatMap((d) => files(d).map((file) => ({ file, text: fs.readFileSync(file, "latin1") })));
}
