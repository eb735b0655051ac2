import { withTimeout } from './with-timeout.js';

/** The outcome of one timed Graph call: its value or its error, and how long it took. */
export type Probe<T> =
  | { ok: true; value: T; elapsedMs: number }
  | { ok: false; error: unknown; elapsedMs: number };

/** Calls `work` under a deadline and records the outcome instead of throwing. */
export async function probe<T>(
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  monotonicNow: () => number,
): Promise<Probe<T>> {
  const startedAt = monotonicNow();
  try {
    const value = await withTimeout(work, timeoutMs);
    return { ok: true, value, elapsedMs: monotonicNow() - startedAt };
  } catch (error) {
    return { ok: false, error, elapsedMs: monotonicNow() - startedAt };
  }
}
