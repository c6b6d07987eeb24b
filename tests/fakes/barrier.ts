/**
 * A barrier for concurrency tests: every gated request waits until the expected number of requests has arrived, so
 * the requests are answered only if they were all in flight at once. A tool that sent them one after another would
 * hold its first request at the barrier until the safety release, and the test sees `timedOut`. Nothing here
 * measures wall time: the assertion is on the order of arrivals and answers.
 */
import type { FakeServer, FakeReply } from "./server";

export class Barrier {
  /** What arrived, in order. */
  readonly arrivals: string[] = [];
  /** True when the safety release opened the barrier instead of the last expected arrival. */
  timedOut = false;
  /** How many had arrived when the barrier opened. */
  openedAt?: number;
  private waiters: (() => void)[] = [];
  private readonly timer: NodeJS.Timeout;

  /**
   * @param expected - how many requests must be in flight at once.
   * @param safetyMs - opens the barrier anyway after this long, so that a sequential tool fails instead of hanging.
   */
  constructor(
    readonly expected: number,
    safetyMs = 5_000,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.open();
    }, safetyMs);
  }

  /** Records an arrival; resolves once the barrier is open. */
  arrive(name: string): Promise<void> {
    this.arrivals.push(name);
    if (this.arrivals.length >= this.expected) this.open();
    return this.openedAt !== undefined ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  private open(): void {
    if (this.openedAt !== undefined) return;
    this.openedAt = this.arrivals.length;
    clearTimeout(this.timer);
    for (const w of this.waiters.splice(0)) w();
  }
}

type Handle = (...args: unknown[]) => FakeReply | Promise<FakeReply>;

/** Makes every request to a fake wait at the barrier before the fake answers it. */
export function gate(fake: FakeServer, barrier: Barrier, name: string): void {
  const target = fake as unknown as { handle: Handle };
  const handle = target.handle.bind(fake);
  target.handle = async (...args: unknown[]) => {
    await barrier.arrive(name);
    return handle(...args);
  };
}
