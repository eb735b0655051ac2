import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckTimeoutError, withTimeout } from './with-timeout.js';

describe('withTimeout', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves with the work result inside the budget', async () => {
    await expect(withTimeout(async () => 'done', 1000)).resolves.toBe('done');
  });

  it('rejects with CheckTimeoutError and aborts the signal when the budget runs out', async () => {
    let seen: AbortSignal | undefined;
    const pending = withTimeout((signal) => {
      seen = signal;
      return new Promise<never>(() => undefined);
    }, 1000);
    const outcome = pending.catch((error: unknown) => error);

    await vi.advanceTimersByTimeAsync(999);
    expect(seen?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    const error = await outcome;
    expect(error).toBeInstanceOf(CheckTimeoutError);
    expect((error as CheckTimeoutError).message).toBe('no answer within 1000 ms');
    expect(seen?.aborted).toBe(true);
  });

  it('passes the work failure through', async () => {
    await expect(withTimeout(() => Promise.reject(new Error('boom')), 1000)).rejects.toThrow(
      'boom',
    );
  });

  it('turns a synchronous throw into a rejection', async () => {
    await expect(
      withTimeout(() => {
        throw new Error('sync boom');
      }, 1000),
    ).rejects.toThrow('sync boom');
  });
});
