import { MetaRateLimitError } from '../errors.js';
import { formatWait } from './classify.js';

/**
 * Holds every call after a throttle. Meta's guidance is to stop calling while throttled, because
 * calls made during the block extend it, so the client fails fast (or waits, when the caller's
 * deadline allows) instead of sending anything until the block should have lifted.
 */
export class ThrottleGate {
  #openAt = 0;
  #cause: MetaRateLimitError | null = null;

  /** Keeps the gate shut until `now + error.retryAfterMs`, never shortening an existing hold. */
  close(error: MetaRateLimitError, now: number): void {
    const openAt = now + error.retryAfterMs;
    if (openAt <= this.#openAt) return;
    this.#openAt = openAt;
    this.#cause = error;
  }

  /** Milliseconds until calls may be sent again; 0 when the gate is open. */
  remainingMs(now: number): number {
    return Math.max(0, this.#openAt - now);
  }

  /** The error for a call refused while the gate is shut; nothing was sent to Graph. */
  refusal(now: number, subject: string): MetaRateLimitError {
    const retryAfterMs = this.remainingMs(now);
    const cause = this.#cause;
    const codes = cause?.code === null || cause === null ? '' : ` (code ${cause.code})`;
    return new MetaRateLimitError(
      `Not sent: calls to Graph are on hold for another ${formatWait(retryAfterMs)} after Meta throttled this client${codes}, so ${subject} was not read. Retry after the hold.`,
      {
        retryAfterMs,
        code: cause?.code ?? null,
        subcode: cause?.subcode ?? null,
        type: cause?.type ?? null,
        usage: cause?.usage ?? null,
        isTransient: true,
      },
    );
  }
}
