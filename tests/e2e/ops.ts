/**
 * Measurements of the engine suite, printed as it goes and as tables at the end (so they are in the CI log): the
 * wall time of every phase and operation, and the API calls each service's fake received during each operation
 * (writes apart, with their operation names).
 */
import type { FakeServer } from "../fakes/server";

/** API calls one fake received during one operation. */
export interface CallCount {
  total: number;
  writes: number;
  /** Operation names of the writes, in order, e.g. `["editMonitor", "newMonitor"]`. */
  writeOps: string[];
}

/** One measured operation. */
export interface OpRecord {
  phase: string;
  label: string;
  ms: number;
  /** The exit code of the command (0 when it is not a command). */
  code: number;
  calls: Record<string, CallCount>;
}

export class Metrics {
  readonly ops: OpRecord[] = [];
  readonly phases: { name: string; ms: number }[] = [];
  readonly notes: string[] = [];
  private current?: { name: string; started: number };
  private readonly startedAt = Date.now();

  constructor(private readonly services: () => Record<string, FakeServer>) {}

  startPhase(name: string): void {
    this.endPhase();
    this.current = { name, started: Date.now() };
  }

  endPhase(): void {
    if (!this.current) return;
    const ms = Date.now() - this.current.started;
    this.phases.push({ name: this.current.name, ms });
    console.log(`      [engine] phase "${this.current.name}": ${(ms / 1000).toFixed(1)} s`);
    this.current = undefined;
  }

  /** Runs `fn` with fresh call logs in every fake, and records its wall time and the calls each fake received. */
  async measure<T extends { code: number }>(
    label: string,
    fn: () => Promise<T>,
  ): Promise<T & { calls: Record<string, CallCount> }> {
    const fakes = this.services();
    for (const f of Object.values(fakes)) f.resetCalls();
    const started = Date.now();
    const result = await fn();
    const ms = Date.now() - started;
    const calls: Record<string, CallCount> = {};
    for (const [name, f] of Object.entries(fakes)) {
      const writes = f.calls.filter((c) => c.write);
      calls[name] = { total: f.calls.length, writes: writes.length, writeOps: writes.map((c) => c.operation) };
    }
    const record: OpRecord = { phase: this.current?.name ?? "", label, ms, code: result.code, calls };
    this.ops.push(record);
    console.log(`      [engine] ${line(record)}`);
    return { ...result, calls };
  }

  /** A measured figure that is not an operation (a ratio, a count). */
  note(text: string): void {
    this.notes.push(text);
    console.log(`      [engine] ${text}`);
  }

  print(): void {
    this.endPhase();
    console.log("\n  Engine suite: wall time per phase");
    for (const p of this.phases) console.log(`    ${p.name.padEnd(56)} ${(p.ms / 1000).toFixed(1).padStart(7)} s`);
    console.log(`    ${"whole suite".padEnd(56)} ${((Date.now() - this.startedAt) / 1000).toFixed(1).padStart(7)} s`);
    console.log("\n  Engine suite: operations (wall time, exit code, API calls per fake as total/writes)");
    for (const r of this.ops) console.log(`    ${line(r)}`);
    if (this.notes.length) console.log("\n  Engine suite: measured");
    for (const n of this.notes) console.log(`    ${n}`);
  }
}

function line(r: OpRecord): string {
  const calls = Object.entries(r.calls)
    .filter(([, c]) => c.total > 0)
    .map(([name, c]) => `${name} ${c.total}/${c.writes}`)
    .join(", ");
  const total = Object.values(r.calls).reduce((n, c) => n + c.total, 0);
  return `${r.label.padEnd(52)} ${String(r.ms).padStart(7)} ms  exit ${String(r.code).padEnd(3)} calls ${total} (${calls || "none"})`;
}

/** Total and write calls summed over every fake. */
export function totals(calls: Record<string, CallCount>): { total: number; writes: number } {
  return Object.values(calls).reduce((t, c) => ({ total: t.total + c.total, writes: t.writes + c.writes }), {
    total: 0,
    writes: 0,
  });
}
