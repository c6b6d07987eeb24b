/**
 * The one polling loop of the deploy tools (the agent's deployment, its `/health`, a rollback's deployment, a
 * Vercel deployment, the frontend's alias): ask, wait, ask again until an answer or the deadline.
 */

/** How {@link poll} waits; `sleep` and `now` are injected by tests. */
export interface PollTiming {
  /** The wait between two attempts, milliseconds. */
  pollMs: number;
  /** The time allowed, milliseconds from the first attempt. */
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Calls `attempt` until it returns a value other than undefined, waiting `pollMs` between calls; throws what
 * `timeout(within)` makes when another wait would pass the deadline, `within` naming the time allowed for its message
 * (`within 1.5 s`). `attempt` is given the time left (to bound one try) and may throw to end the wait at once (a
 * final failure).
 */
export async function poll<T>(
  timing: PollTiming,
  attempt: (msLeft: number) => Promise<T | undefined>,
  timeout: (within: string) => Error,
): Promise<T> {
  const now = timing.now ?? Date.now;
  const sleep = timing.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + timing.timeoutMs;
  for (;;) {
    const value = await attempt(deadline - now());
    if (value !== undefined) return value;
    if (now() + timing.pollMs > deadline) throw timeout(`within ${Number((timing.timeoutMs / 1000).toFixed(1))} s`);
    await sleep(timing.pollMs);
  }
}
