/**
 * The base of every fake service API in the tests: a real HTTP server on 127.0.0.1 (port 0), a log of every call
 * (so tests and benchmarks can count API calls), and switchable faults that behave as the real services do:
 * a 429 with a plain-text body and `Retry-After`, a 500, a reply slower than the client's timeout, and a lost
 * reply (the request is applied, then the connection is dropped without an answer).
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** A fault the fake injects instead of (or after) handling a request. */
export type Fault =
  | { kind: "429"; retryAfterSeconds?: number; body?: string; headers?: Record<string, string> }
  | { kind: "500"; body?: string }
  | { kind: "slow"; delayMs: number }
  | { kind: "lost" };

/** One request the fake received. */
export interface FakeCall {
  operation: string;
  write: boolean;
  method: string;
  path: string;
  /** The raw request body. */
  body: string;
  headers: http.IncomingHttpHeaders;
  /** The fault that answered it, if any. */
  fault?: Fault["kind"];
}

/** What a subclass answers. */
export interface FakeReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

interface ArmedFault {
  fault: Fault;
  remaining: number;
  match?: (operation: string) => boolean;
}

/** Base class: subclasses implement `describe` (name and kind of a request) and `handle` (the API itself). */
export abstract class FakeServer {
  readonly calls: FakeCall[] = [];
  private readonly faults: ArmedFault[] = [];
  private server?: http.Server;
  private sockets = new Set<import("node:net").Socket>();
  /** Base URL once started, e.g. `http://127.0.0.1:41234`. */
  url = "";

  /** Names the operation of a request and says whether it writes. */
  protected abstract describe(req: http.IncomingMessage, body: string): { operation: string; write: boolean };
  /** Answers a request that no fault intercepted. */
  protected abstract handle(req: http.IncomingMessage, body: string, operation: string): FakeReply | Promise<FakeReply>;

  /** Arms a fault for the next `times` requests (optionally only those whose operation matches). */
  inject(fault: Fault, times = 1, match?: string | ((operation: string) => boolean)): this {
    const test = typeof match === "string" ? (op: string) => op === match : match;
    this.faults.push({ fault, remaining: times, match: test });
    return this;
  }

  /** Disarms every fault. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Clears the call log. */
  resetCalls(): void {
    this.calls.length = 0;
  }

  /** Calls made, optionally only writes or one operation. */
  count(filter: { write?: boolean; operation?: string } = {}): number {
    return this.calls.filter(
      (c) =>
        (filter.write === undefined || c.write === filter.write) &&
        (filter.operation === undefined || c.operation === filter.operation),
    ).length;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        void this.dispatch(req, res, Buffer.concat(chunks).toString("utf8"));
      });
    });
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  private takeFault(operation: string): Fault | undefined {
    const armed = this.faults.find((f) => f.remaining > 0 && (!f.match || f.match(operation)));
    if (!armed) return undefined;
    armed.remaining--;
    if (armed.remaining === 0) this.faults.splice(this.faults.indexOf(armed), 1);
    return armed.fault;
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const { operation, write } = this.describe(req, body);
    const fault = this.takeFault(operation);
    this.calls.push({
      operation,
      write,
      method: req.method ?? "GET",
      path: req.url ?? "/",
      body,
      headers: req.headers,
      fault: fault?.kind,
    });
    const send = (reply: FakeReply) => {
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(reply.body);
    };
    try {
      if (fault?.kind === "429") {
        const seconds = fault.retryAfterSeconds ?? 1;
        send({
          status: 429,
          body: fault.body ?? `429 Too Many Requests\nRate limit exceeded, retry in ${seconds} seconds`,
          headers: {
            "content-type": "text/plain",
            "retry-after": String(seconds),
            "x-ratelimit-limit": "10",
            "x-ratelimit-remaining": "0",
            ...fault.headers,
          },
        });
        return;
      }
      if (fault?.kind === "500") {
        send({
          status: 500,
          body: fault.body ?? "<html><body>500 Internal Server Error</body></html>",
          headers: { "content-type": "text/html" },
        });
        return;
      }
      if (fault?.kind === "slow") await new Promise((r) => setTimeout(r, fault.delayMs));
      const reply = await this.handle(req, body, operation);
      if (fault?.kind === "lost") {
        // Applied, but the answer never arrives.
        req.socket.destroy();
        return;
      }
      send(reply);
    } catch (err) {
      send({ status: 500, body: JSON.stringify({ message: `fake error: ${(err as Error).message}` }) });
    }
  }
}

/** Starts fakes for a test suite and stops them after; use inside a mocha `describe`. */
export function useFake<T extends FakeServer>(make: () => T): () => T {
  let fake: T | undefined;
  beforeEach(async () => {
    fake = make();
    await fake.start();
  });
  afterEach(async () => {
    await fake?.stop();
  });
  return () => {
    if (!fake) throw new Error("fake not started: call inside a test");
    return fake;
  };
}
