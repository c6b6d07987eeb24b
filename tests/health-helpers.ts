// Shared fixtures of the health tool's tests: local HTTP servers on 127.0.0.1 (never another address), a port
// known to be closed, outputs files, and an in-process run of the CLI.
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { Readable } from "node:stream";
import { main } from "../ops/health";
import type { HealthCheck } from "../lib/health-checks";

/** A running local server. */
export interface LocalServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  origin: string;
  /** The port. */
  port: number;
  /** Requests received, in order. */
  requests: { method: string; url: string; body: string }[];
  /** Stops the server and drops its connections. */
  close: () => Promise<void>;
}

/** Handles a request; the body has been read already. */
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** Starts an HTTP server on 127.0.0.1, on a port the system picks. */
export async function startServer(handler: Handler): Promise<LocalServer> {
  const requests: LocalServer["requests"] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method ?? "", url: req.url ?? "", body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    port: address.port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was just opened on 127.0.0.1 and closed again, so a connection to it is refused. */
export async function closedPort(): Promise<number> {
  const server = await startServer((_req, res) => res.end());
  await server.close();
  return server.port;
}

/** Answers with a status and a body (JSON-encoded unless already a string), after an optional delay. */
export function reply(status: number, body: unknown = "", delayMs = 0): Handler {
  return (_req, res) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const timer = setTimeout(() => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(text);
    }, delayMs);
    res.on("close", () => clearTimeout(timer));
  };
}

/** A valid check, with overrides. */
export function makeCheck(overrides: Partial<HealthCheck> = {}): HealthCheck {
  return {
    name: "production-frontend",
    service: "frontend",
    environment: "production",
    url: "http://127.0.0.1:9/",
    expectStatus: 200,
    severity: "P1",
    ...overrides,
  };
}

/** A fresh temporary directory, removed by {@link removeTempDir}. */
export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "health-test-"));
}

/** Removes a directory made by {@link makeTempDir}. */
export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes outputs (an object, or raw text) to a file in `dir` and returns its path. */
export function writeOutputs(dir: string, outputs: unknown, name = "outputs.json"): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof outputs === "string" ? outputs : JSON.stringify(outputs));
  return file;
}

/** Stack outputs as `pulumi stack output --json` prints them, with the given checks. */
export function makeOutputs(checks: unknown[], environment = "production"): Record<string, unknown> {
  return {
    environment,
    frontendUrl: "https://chef-chopsky.vercel.app",
    agentUrl: "https://chef-chopsky-production.up.railway.app",
    vercelProjectId: "prj_123",
    supabaseServiceRoleKey: "[secret]",
    healthChecks: checks,
  };
}

/** What a CLI run produced. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process. */
export async function runCli(
  argv: string[],
  options: { stdin?: string; env?: Record<string, string | undefined> } = {},
): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

/** A service to check and a team web-hook, for the tests of the health alerts and of the deploy notice. */
export interface AlertServers {
  /** A temporary folder for outputs files. */
  dir: string;
  service: LocalServer;
  hook: LocalServer;
  /** What the web-hook answers; 200 again before each test. */
  hookStatus: number;
  /** The web-hook's URL, with `token` in its path as Slack's carry theirs. */
  hookUrl: () => string;
}

/** Starts the servers before a describe block and stops them after it; `service` answers the checks. */
export function useAlertServers(service: Handler, token: string): AlertServers {
  const s = { hookStatus: 200 } as AlertServers;
  s.hookUrl = () => `${s.hook.origin}/services/${token}`;
  before(async () => {
    s.dir = makeTempDir();
    s.service = await startServer(service);
    s.hook = await startServer((req, res, body) => reply(s.hookStatus, "ok")(req, res, body));
  });
  after(async () => {
    await Promise.all([s.service.close(), s.hook.close()]);
    removeTempDir(s.dir);
  });
  beforeEach(() => {
    s.hook.requests.length = 0;
    s.hookStatus = 200;
  });
  return s;
}
