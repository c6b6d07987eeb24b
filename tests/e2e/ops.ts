/**
 * Runs one CLI operation of the engine suite and measures it: wall time, and the API calls each fake received
 * (writes apart). Every operation is printed as it ends, and the whole table once the suite is done, so the numbers
 * appear in the CI log.
 */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { type CommandFailure, commandFailure } from "./harness";
import type { FakeServer } from "../fakes/server";

/** API calls a fake received during one operation. */
export interface CallCount {
  total: number;
  writes: number;
  /** Operation names of the writes, in order, e.g. `["editMonitor", "newMonitor"]`. */
  writeOps: string[];
}

/** What one operation did. */
export interface OpRecord<T> {
  label: string;
  ms: number;
  calls: Record<string, CallCount>;
  /** The result when the command succeeded. */
  result?: T;
  /** The failure when it did not (only a CLI CommandError; anything else is rethrown). */
  failure?: CommandFailure;
  /** Everything the CLI printed (onOutput), and the engine events. */
  output: string;
  events: EngineEvent[];
}

/** The hooks every operation passes to the automation API. */
export interface OpHooks {
  onOutput: (out: string) => void;
  onEvent: (event: EngineEvent) => void;
}

/** Collects operation records and prints them. */
export class Metrics {
  readonly records: OpRecord<unknown>[] = [];
  readonly startedAt = Date.now();

  constructor(private readonly fakes: () => Record<string, FakeServer>) {}

  /** Runs `fn` with fresh call logs in every fake; a CLI failure is recorded, not thrown. */
  async run<T>(label: string, fn: (hooks: OpHooks) => Promise<T>): Promise<OpRecord<T>> {
    const fakes = this.fakes();
    for (const f of Object.values(fakes)) f.resetCalls();
    let output = "";
    const events: EngineEvent[] = [];
    const hooks: OpHooks = { onOutput: (s) => void (output += s), onEvent: (e) => void events.push(e) };
    const start = Date.now();
    const record: OpRecord<T> = { label, ms: 0, calls: {}, output, events };
    try {
      record.result = await fn(hooks);
    } catch (err) {
      record.failure = commandFailure(err);
    }
    record.ms = Date.now() - start;
    record.output = output;
    for (const [name, f] of Object.entries(fakes)) {
      const writes = f.calls.filter((c) => c.write);
      record.calls[name] = { total: f.calls.length, writes: writes.length, writeOps: writes.map((c) => c.operation) };
    }
    this.records.push(record as OpRecord<unknown>);
    console.log(`      [engine] ${describe(record)}`);
    return record;
  }

  /** The table of every operation, and the suite's wall time. */
  print(): void {
    console.log("\n  Engine suite measurements (wall time; API calls per fake as total/writes):");
    for (const r of this.records) console.log(`    ${describe(r)}`);
    console.log(`    total suite wall time: ${((Date.now() - this.startedAt) / 1000).toFixed(1)} s`);
  }
}

function describe(r: OpRecord<unknown>): string {
  const calls = Object.entries(r.calls)
    .map(([name, c]) => `${name} ${c.total}/${c.writes}`)
    .join(", ");
  const total = Object.values(r.calls).reduce((n, c) => n + c.total, 0);
  const status = r.failure ? `exit ${r.failure.exitCode}` : "ok";
  return `${r.label.padEnd(44)} ${String(r.ms).padStart(6)} ms  ${status.padEnd(7)} calls ${total} (${calls})`;
}

/** The failure of an operation that had to fail, or an error that says it succeeded. */
export function failureOf(record: OpRecord<unknown>): CommandFailure {
  if (!record.failure) throw new Error(`${record.label} succeeded, but it had to fail`);
  return record.failure;
}

/** The result of an operation that had to succeed, or an error carrying the CLI's output. */
export function resultOf<T>(record: OpRecord<T>): T {
  if (record.failure) {
    throw new Error(`${record.label} failed with exit ${record.failure.exitCode}:\n${record.failure.text}`);
  }
  return record.result as T;
}
