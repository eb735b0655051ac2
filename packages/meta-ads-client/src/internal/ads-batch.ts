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

/**
 * Reads every id in chunks of 50 with at most `concurrency` requests in flight. When a chunk fails
 * as a whole for a reason one id can cause (not found, no permission, rejected id), it is split in
 * halves until the culprit stands alone, so one bad id never hides 49 good ones.
 */
export async function readAdsInChunks(
  adIds: readonly string[],
  readChunk: ChunkReader,
  concurrency: number,
): Promise<Map<string, AdOutcome>> {
  const results = new Map<string, AdOutcome>();
  const chunks = chunkOf(adIds, MAX_IDS_PER_REQUEST);
  await runBounded(chunks, concurrency, (chunk) => readWithFallback(chunk, readChunk, results));
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
    if (adIds.length > 1 && oneIdCanCause(error)) {
      const middle = Math.ceil(adIds.length / 2);
      await readWithFallback(adIds.slice(0, middle), readChunk, results);
      await readWithFallback(adIds.slice(middle), readChunk, results);
      return;
    }
    for (const adId of adIds) results.set(adId, error);
  }
}

// Token, throttle, version and outage failures hit every id alike; splitting would only add calls.
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

async function runBounded<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) {
      await work(item);
    }
  };
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, worker);
  await Promise.all(workers);
}
