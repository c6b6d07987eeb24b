/**
 * The offline policy run: the conversation the Pulumi CLI has with a policy pack during `pulumi preview
 * --policy-pack`, over the real `pulumirpc.Analyzer` protocol: Handshake (tolerated as unimplemented, as the CLI
 * does for @pulumi/policy packs), ConfigureStack, GetAnalyzerInfo, Analyze for every resource, AnalyzeStack.
 * A session keeps one pack process for many runs (tests and `npm run plan` analyse two stacks with one start-up).
 */
import * as grpc from "@grpc/grpc-js";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { analyzeRequests, analyzeStackRequest } from "./marshal";
import { type Pack, startPack, type StartOptions, stopPack } from "./pack-process";
import { parseSynthJson, STACK_TYPE, type SynthJson } from "./synth-json";

/** The levels of the analyzer protocol (`pulumirpc.EnforcementLevel`), in lower case. */
export type EnforcementLevel = Lowercase<keyof typeof analyzerpb.EnforcementLevel>;

/** One policy violation, as the CLI would print it. */
export interface Violation {
  stack: string;
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  enforcementLevel: EnforcementLevel;
  /** The resource the violation is about (the root stack resource for stack-wide ones). */
  urn: string;
  /** The resource's logical name (the last URN segment). */
  resourceName: string;
  /** What is wrong, without the policy description. */
  message: string;
  /** The policy description (the runbook rule it enforces). */
  description: string;
  /** Which RPC reported it: per resource before each step, or over the whole stack at the end. */
  phase: "analyze" | "analyzeStack";
}

export interface PolicyResult {
  violations: Violation[];
  /** How many violations are mandatory (the CLI fails the preview on any). */
  mandatory: number;
}

/** The pack's description of itself (GetAnalyzerInfo). */
export interface PackInfo {
  name: string;
  version: string;
  policies: { name: string; description: string; enforcementLevel: EnforcementLevel }[];
}

/** The analyzer's enforcement levels by number, named as the CLI prints them (`MANDATORY` → "mandatory"). */
const LEVELS = new Map(
  Object.entries(analyzerpb.EnforcementLevel).map(([name, n]) => [n, name.toLowerCase() as EnforcementLevel]),
);

type Unary<Req, Res> = (req: Req, callback: (err: grpc.ServiceError | null, res: Res) => void) => unknown;

function call<Req, Res>(fn: Unary<Req, Res>, req: Req): Promise<Res> {
  return new Promise((resolve, reject) => fn(req, (err, res) => (err ? reject(err) : resolve(res))));
}

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/** A running pack that can analyse any number of stacks. */
export class PolicySession {
  private constructor(
    private readonly pack: Pack,
    readonly info: PackInfo,
  ) {}

  /** Starts the pack and reads its description; the caller must {@link close} it. */
  static async start(options: StartOptions = {}): Promise<PolicySession> {
    const pack = await startPack(options);
    try {
      const c = pack.client;
      const hs = new analyzerpb.AnalyzerHandshakeRequest();
      hs.setEngineAddress("").setRootDirectory(pack.packDir).setProgramDirectory(pack.packDir);
      await call((r, cb) => c.handshake(r, cb), hs).catch((err: grpc.ServiceError) => {
        if (err.code !== grpc.status.UNIMPLEMENTED) throw err;
      });
      const info = await call<Empty, analyzerpb.AnalyzerInfo>((r, cb) => c.getAnalyzerInfo(r, cb), new Empty());
      return new PolicySession(pack, {
        name: info.getName(),
        version: info.getVersion(),
        policies: info.getPoliciesList().map((p) => ({
          name: p.getName(),
          description: p.getDescription(),
          enforcementLevel: LEVELS.get(p.getEnforcementlevel()) ?? "advisory",
        })),
      });
    } catch (err) {
      await stopPack(pack);
      throw err;
    }
  }

  /** Runs every policy over one stack's synth JSON (validated first). */
  async run(synthInput: unknown): Promise<PolicyResult> {
    const synth: SynthJson = parseSynthJson(synthInput);
    const c = this.pack.client;
    const configure = new analyzerpb.AnalyzerStackConfigureRequest();
    configure.setStack(synth.stack).setProject(synth.project).setOrganization("").setDryRun(true);
    await call((r, cb) => c.configureStack(r, cb), configure);
    const root = synth.resources.find((r) => r.type === STACK_TYPE)?.urn ?? "";
    const violations: Violation[] = [];
    const collect = (res: analyzerpb.AnalyzeResponse, urn: string, phase: Violation["phase"]) => {
      for (const d of res.getDiagnosticsList()) {
        const at = d.getUrn() || urn || root;
        const description = d.getDescription();
        const full = d.getMessage();
        const message = full.startsWith(`${description}\n`) ? full.slice(description.length + 1) : full;
        violations.push({
          stack: synth.stack,
          policyName: d.getPolicyname(),
          policyPackName: d.getPolicypackname(),
          policyPackVersion: d.getPolicypackversion(),
          enforcementLevel: LEVELS.get(d.getEnforcementlevel()) ?? "advisory",
          urn: at,
          resourceName: nameOf(at),
          message,
          description,
          phase,
        });
      }
    };
    // The engine analyses each resource as its step is generated (concurrently), then the whole stack at the end.
    const requests = analyzeRequests(synth);
    const responses = await Promise.all(
      requests.map((req) =>
        call<analyzerpb.AnalyzeRequest, analyzerpb.AnalyzeResponse>((r, cb) => c.analyze(r, cb), req),
      ),
    );
    responses.forEach((res, i) => collect(res, requests[i].getUrn(), "analyze"));
    const stackRes = await call<analyzerpb.AnalyzeStackRequest, analyzerpb.AnalyzeResponse>(
      (r, cb) => c.analyzeStack(r, cb),
      analyzeStackRequest(synth),
    );
    collect(stackRes, "", "analyzeStack");
    violations.sort(
      (a, b) =>
        Number(b.enforcementLevel === "mandatory") - Number(a.enforcementLevel === "mandatory") ||
        a.policyName.localeCompare(b.policyName) ||
        a.urn.localeCompare(b.urn),
    );
    return { violations, mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length };
  }

  /**
   * Lets this process exit while the pack still runs (no handle of the pack keeps Node's event loop alive) and stops
   * the pack when this process exits, however it ends. For a session shared by many callers, that none of them closes.
   */
  stopWithThisProcess(): this {
    const child = this.pack.child;
    process.once("exit", () => child.kill("SIGKILL"));
    child.unref();
    for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
    return this;
  }

  /** Stops the pack. */
  async close(): Promise<void> {
    await stopPack(this.pack);
  }
}

/**
 * Runs the policy pack over one stack's synth JSON in a fresh pack process, and stops it (`npm run policy`); several
 * stacks in a row are cheaper through one {@link PolicySession}.
 */
export async function runPolicy(synthJson: unknown, options: StartOptions = {}): Promise<PolicyResult> {
  const synth = parseSynthJson(synthJson);
  const session = await PolicySession.start({ stack: synth.stack, project: synth.project, ...options });
  try {
    return await session.run(synth);
  } finally {
    await session.close();
  }
}
