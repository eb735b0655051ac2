/** The outcome of probing one dependency: how long it took, or why it failed. */
export type ProbeResult =
  | { ok: true; elapsedMs: number }
  | { ok: false; elapsedMs: number; reason: string };

/**
 * Runs a dependency probe with a deadline. A probe that hangs counts as failed, so a stuck
 * database can never hang a health or readiness endpoint.
 */
export async function runProbe(
  probe: () => Promise<unknown>,
  timeoutMs: number,
): Promise<ProbeResult> {
  const startedAt = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });

  try {
    await Promise.race([probe(), deadline]);
    return { ok: true, elapsedMs: Math.round(performance.now() - startedAt) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'probe failed';
    return { ok: false, elapsedMs: Math.round(performance.now() - startedAt), reason };
  } finally {
    clearTimeout(timer);
  }
}
