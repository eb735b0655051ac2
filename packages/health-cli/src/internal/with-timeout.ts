/** Raised when a health check gets no answer within its time budget; a timeout is a fail. */
export class CheckTimeoutError extends Error {
  override readonly name = 'CheckTimeoutError';

  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/**
 * Runs `work` with an abort signal that fires after `timeoutMs`, and rejects with
 * CheckTimeoutError at that moment even if `work` ignores the signal.
 */
export async function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const timeout = new CheckTimeoutError(timeoutMs);
      controller.abort(timeout);
      reject(timeout);
    }, timeoutMs);
  });

  const running = Promise.resolve().then(() => work(controller.signal));
  // Once the deadline wins, the aborted call still rejects; nobody awaits it any more.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
