import {
  MetaApiError,
  MetaInvalidRequestError,
  MetaNotFoundError,
  MetaPermissionError,
} from '../errors.js';
import type { AdDetails } from '../types.js';

export type AdOutcome = AdDetails | MetaApiError;

/** Reads up to {@link MAX_IDS_PER_REQUEST} ads in one request; throws when the request fails whole. */
export type ChunkReader = (adIds: readonly string[]) => Promise<Map<string, AdOutcome>>;

/** Graph's `?ids=` limit; each id still counts as one call against the quota. */
export const MAX_IDS_PER_REQUEST = 50;

/** Size of the smaller requests a failed chunk is retried in, before single-id reads. */
export const FALLBACK_CHUNK_SIZE = 10;

/**
 * Reads every id in chunks of 50 with at most `concurrency` requests in flight. When a chunk fails
 * as a whole for a reason one id can cause (not found, no permission, a rejected id), it is read
 * again in chunks of 10, and a chunk of 10 that fails again id by id, so one bad id never hides
 * the others. Two tiers bound the cost: even when every id fails, a chunk of 50 costs at most 56
 * requests and three times its ids in quota, where halving until the culprit is alone can cost 99.
 */
export async function readAdsInChunks(
  adIds: readonly string[],
  readChunk: ChunkReader,
  concurrency: number,
): Promise<Map<string, AdOutcome>> {
  const results = new Map<string, AdOutcome>();
  const limited = createLimiter(concurrency);
  const read = (ids: readonly string[]) => limited(() => readChunk(ids));
  await Promise.all(
    chunkOf(adIds, MAX_IDS_PER_REQUEST).map((chunk) => readWithFallback(chunk, read, results)),
  );
  return results;
}

async function readWithFallback(
  adIds: readonly string[],
  readChunk: ChunkReader,
  results: Map<string, AdOutcome>,
): Promise<void> {
  try {
    for (const [adId, outcome] of await readChunk(adIds)) results.set(adId, outcome);
  } catch (error) {
    if (!(error instanceof MetaApiError)) throw error;
    if (adIds.length === 1 || !oneIdCanCause(error)) {
      for (const adId of adIds) results.set(adId, error);
      return;
    }
    const pieceSize = adIds.length > FALLBACK_CHUNK_SIZE ? FALLBACK_CHUNK_SIZE : 1;
    await Promise.all(
      chunkOf(adIds, pieceSize).map((piece) => readWithFallback(piece, readChunk, results)),
    );
  }
}

// Token, throttle, version and outage failures hit every id alike; smaller chunks would only add calls.
function oneIdCanCause(error: MetaApiError): boolean {
  return (
    error instanceof MetaNotFoundError ||
    error instanceof MetaPermissionError ||
    error instanceof MetaInvalidRequestError
  );
}

export function chunkOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/** Runs at most `concurrency` of the given tasks at once, in the order they were submitted. */
export function createLimiter(concurrency: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
