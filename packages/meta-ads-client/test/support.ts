import { readFileSync } from 'node:fs';
import { MetaAdsClient, type MetaAdsClientOptions } from '@ctwa/meta-ads-client';
import {
  createGraphDispatcher,
  type GraphResponseSpec,
  type GraphTestDispatcher,
} from '@ctwa/meta-ads-client/testing';
import type { RequestHandler } from 'msw';

export const TEST_TOKEN = 'EAAtestTOKENvalue123456789';
export const TEST_APP_ID = '1029384756102938';
export const TEST_APP_SECRET = 'app-secret-0f1e2d3c4b5a';
export const BASE_URL = 'http://127.0.0.1:9/graph';

export const FIXTURE_NAMES = [
  'ad-deleted-still-readable',
  'ad-details-success',
  'debug-token-invalid',
  'debug-token-valid-system-user',
  'error-ads-management-throttle',
  'error-app-throttle',
  'error-deprecated-version',
  'error-expired-token',
  'error-html-502',
  'error-invalid-token',
  'error-not-found',
  'error-permission',
  'error-transient',
  'error-unknown',
  'error-user-throttle',
  'ids-multi-three-ads',
  'success-malformed-shape',
  'success-usage-near-85',
] as const;

export type FixtureName = (typeof FIXTURE_NAMES)[number];

/** A Graph fixture file from test/fixtures/graph: `{ status, headers, body }`. */
export function loadGraphFixture(name: FixtureName): GraphResponseSpec {
  const url = new URL(`./fixtures/graph/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as GraphResponseSpec;
}

/** A fake clock whose sleeps advance time instantly, recording each wait. */
export function fakeTime(start = Date.parse('2026-12-04T12:00:00Z')) {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    clock: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** A client wired to in-process msw handlers, with fake time and a fixed random of 0.5. */
export function clientWith(
  handlers: readonly RequestHandler[],
  options: Partial<MetaAdsClientOptions> = {},
): { client: MetaAdsClient; dispatcher: GraphTestDispatcher; time: ReturnType<typeof fakeTime> } {
  const dispatcher = createGraphDispatcher(handlers);
  const time = fakeTime();
  const client = new MetaAdsClient({
    accessToken: TEST_TOKEN,
    baseUrl: BASE_URL,
    dispatcher,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    ...options,
  });
  return { client, dispatcher, time };
}

/** Resolves with the rejection of `promise`, failing the test when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
