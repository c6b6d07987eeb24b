/**
 * The services the engine suite's stacks talk to, all local: UptimeRobot (one account), Railway (one project per
 * environment, each also serving its agent's `/health`), Supabase (both projects), GitHub (the repository and its
 * environments), Vercel (behind the stand-in), and two plain web endpoints: the frontends (`GET` answers 200 unless
 * told to fail) and the alert web-hook (records what it is sent).
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { GitHubFake } from "../fakes/github";
import { RailwayFake } from "../fakes/railway";
import { type FakeReply, FakeServer } from "../fakes/server";
import { SupabaseFake } from "../fakes/supabase";
import { UptimeRobotFake } from "../fakes/uptimerobot";
import { VercelFake } from "../fakes/vercel";
import type { EnvironmentName } from "../../lib/environments";

/** The frontends of both stacks: `/<stack>/…` answers 200 with a page, or 500 while `failing` names the stack. */
export class SiteFake extends FakeServer {
  readonly failing = new Set<string>();

  /** The frontend URL of a stack. */
  urlOf(stack: EnvironmentName): string {
    return `${this.url}/${stack}`;
  }

  protected describe(req: http.IncomingMessage): { operation: string; write: boolean } {
    return { operation: `${req.method ?? "GET"} ${(req.url ?? "/").split("?")[0]}`, write: false };
  }

  protected handle(req: http.IncomingMessage): FakeReply {
    const stack = (req.url ?? "/").split("/")[1] ?? "";
    if (this.failing.has(stack)) return { status: 500, body: "<h1>Internal Server Error</h1>", headers: html };
    return { status: 200, body: `<html><body>Chef Chopsky ${stack}</body></html>`, headers: html };
  }
}
const html = { "content-type": "text/html" };

/** The alert web-hook (Slack-compatible): keeps every JSON body it is POSTed. */
export class WebhookFake extends FakeServer {
  readonly received: { path: string; body: unknown }[] = [];

  /** @param hookPath the secret path of the hook, as a Slack web-hook URL carries its token in its path. */
  constructor(readonly hookPath: string) {
    super();
  }

  get hookUrl(): string {
    return `${this.url}${this.hookPath}`;
  }

  protected describe(req: http.IncomingMessage): { operation: string; write: boolean } {
    return { operation: `${req.method ?? "GET"} hook`, write: req.method === "POST" };
  }

  protected handle(req: http.IncomingMessage, body: string): FakeReply {
    if (req.method !== "POST" || (req.url ?? "") !== this.hookPath) return { status: 404, body: "no_service" };
    let parsed: unknown = body;
    try {
      parsed = JSON.parse(body);
    } catch {
      // kept as text
    }
    this.received.push({ path: req.url ?? "", body: parsed });
    return { status: 200, body: "ok", headers: { "content-type": "text/plain" } };
  }
}

/**
 * Where every request that tries to leave the machine goes: the CLI and its plugins get it as their HTTP(S) proxy
 * (loopback excepted, see env()). It records each request, a
 * plugin download or a call to a real service, and refuses it; the suite fails if there was any.
 */
export class OutboundTrap {
  /** What tried to leave through the proxy (Go: the CLI, the language host, the providers' plugins). */
  readonly proxied: string[] = [];
  url = "";
  private server?: http.Server;
  private nodeLog = "";

  /** Every request that tried to leave the machine, through the proxy or through Node's `fetch`. */
  get requests(): string[] {
    const node = this.nodeLog && fs.existsSync(this.nodeLog) ? fs.readFileSync(this.nodeLog, "utf8").split("\n") : [];
    return [...this.proxied, ...node.filter(Boolean)];
  }

  async start(): Promise<string> {
    const server = http.createServer((req, res) => {
      this.proxied.push(`${req.method ?? "GET"} ${req.url ?? ""}`);
      res.writeHead(403).end("the engine suite allows no request outside the machine");
    });
    server.on("connect", (req: http.IncomingMessage, socket: import("node:net").Socket) => {
      this.proxied.push(`CONNECT ${req.url ?? ""}`);
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Node's `fetch` ignores HTTP(S)_PROXY, and every API client of this project (providers/http.ts, the deploy tools,
   * the health tool) uses it: a preload (`NODE_OPTIONS=--require`, inherited by every Node process the CLI starts)
   * refuses and records any `fetch` to a host that is not loopback. Written into `dir` (plain JS, no ts-node).
   */
  nodeEnv(dir: string): Record<string, string> {
    const preload = path.join(dir, "outbound-trap.cjs");
    this.nodeLog = path.join(dir, "outbound-node.log");
    fs.writeFileSync(
      preload,
      [
        "// Written by the engine suite (tests/e2e/fakes.ts): no fetch may leave the machine.",
        'const fs = require("node:fs");',
        "const original = globalThis.fetch;",
        "globalThis.fetch = async (input, init) => {",
        "  const url = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url);",
        "  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {",
        `    fs.appendFileSync(${JSON.stringify(this.nodeLog)}, \`fetch \${url.origin}\\n\`);`,
        "    throw new Error(`the engine suite allows no request outside the machine (${url.origin})`);",
        "  }",
        "  return original(input, init);",
        "};",
        "",
      ].join("\n"),
    );
    return { NODE_OPTIONS: `--require ${preload}` };
  }

  /**
   * The environment that sends a process's outbound requests here. Loopback is exempt (NO_PROXY): the fakes, and
   * the gRPC connections between the CLI and its plugins (@grpc/grpc-js proxies even those unless told not to).
   */
  env(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const k of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) env[k] = this.url;
    for (const k of ["NO_PROXY", "no_proxy"]) env[k] = "127.0.0.1,localhost,::1";
    return env;
  }
}

/** The GitHub owner and repository of both stacks (`chef-chopsky:githubRepository`). */
export const OWNER = "chef-chopsky";
export const REPOSITORY = "chef-chopsky";

/** Every fake of a suite run. */
export interface EngineFakes {
  uptime: UptimeRobotFake;
  railway: Record<EnvironmentName, RailwayFake>;
  supabase: Record<EnvironmentName, SupabaseFake>;
  github: GitHubFake;
  vercel: VercelFake;
  site: SiteFake;
  webhook: WebhookFake;
  outbound: OutboundTrap;
}

/** The services' fakes by name, for counting API calls per operation (not the site and the web-hook). */
export function services(f: EngineFakes): Record<string, FakeServer> {
  return {
    github: f.github,
    vercel: f.vercel,
    "railway (production)": f.railway.production,
    "railway (staging)": f.railway.staging,
    "supabase (production)": f.supabase.production,
    "supabase (staging)": f.supabase.staging,
    uptimerobot: f.uptime,
  };
}

/**
 * Starts every fake, each accepting the credentials the stacks are given (`secrets`, by stack): one UptimeRobot
 * account and one Vercel account for both (one main key, one team), a Railway project and a Supabase account per
 * environment, one GitHub repository that each stack reaches with its own token. `supabaseRefs`: each stack's
 * Supabase project (from its stack file).
 */
export async function startFakes(
  secrets: Record<EnvironmentName, Record<string, string>>,
  supabaseRefs: Record<EnvironmentName, string>,
): Promise<EngineFakes> {
  const { production: p, staging: st } = secrets;
  const railway = (env: EnvironmentName) =>
    new RailwayFake({ projectToken: secrets[env]["chef-chopsky:railwayToken"] });
  const supabase = (env: EnvironmentName) =>
    new SupabaseFake({ token: secrets[env]["chef-chopsky:supabaseAccessToken"], projectRefs: [supabaseRefs[env]] });
  const fakes: EngineFakes = {
    uptime: new UptimeRobotFake(p["chef-chopsky:uptimeRobotApiKey"]),
    railway: { production: railway("production"), staging: railway("staging") },
    supabase: { production: supabase("production"), staging: supabase("staging") },
    github: new GitHubFake({
      token: p["github:token"],
      otherTokens: [st["github:token"]],
      owner: OWNER,
      repositories: [REPOSITORY],
    }),
    vercel: new VercelFake(),
    site: new SiteFake(),
    webhook: new WebhookFake(new URL(p["chef-chopsky:alertWebhookUrl"]).pathname),
    outbound: new OutboundTrap(),
  };
  fakes.vercel.token = p["vercel:apiToken"];
  await Promise.all([...all(fakes), fakes.outbound].map((f) => f.start()));
  return fakes;
}

export async function stopFakes(fakes: EngineFakes | undefined): Promise<void> {
  if (fakes) await Promise.all([...all(fakes), fakes.outbound].map((f) => f.stop()));
}

function all(f: EngineFakes): FakeServer[] {
  return [
    f.uptime,
    f.railway.production,
    f.railway.staging,
    f.supabase.production,
    f.supabase.staging,
    f.github,
    f.vercel,
    f.site,
    f.webhook,
  ];
}
