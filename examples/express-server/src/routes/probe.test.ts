import { afterEach, describe, expect, it, vi } from 'vitest';
import { runProbe } from './probe.js';

describe('runProbe', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports a probe that answers as ok', async () => {
    const result = await runProbe(async () => 'PONG', 2_000);

    expect(result.ok).toBe(true);
  });

  it('reports the reason of a probe that rejects', async () => {
    const result = await runProbe(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    }, 2_000);

    expect(result).toMatchObject({ ok: false, reason: 'connect ECONNREFUSED 127.0.0.1:5432' });
  });

  it('fails a probe that never answers once the deadline passes', async () => {
    vi.useFakeTimers();
    const pending = runProbe(() => new Promise(() => undefined), 2_000);
    await vi.advanceTimersByTimeAsync(2_000);

    expect(await pending).toMatchObject({ ok: false, reason: 'no answer within 2000 ms' });
  });
});
