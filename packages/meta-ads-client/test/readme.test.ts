import { MetaAdsClient, MetaPermissionError } from '@ctwa/meta-ads-client';
import {
  createGraphDispatcher,
  graphErrorHandler,
  graphErrors,
  graphHandlers,
} from '@ctwa/meta-ads-client/testing';
import { describe, expect, it } from 'vitest';

describe('README testing toolkit example', () => {
  it('runs as written: one permission error, then Graph answers normally', async () => {
    const ads = [
      { id: '120214583920175512', name: 'Implants', campaign: { id: '1202', name: 'CABA' } },
    ];
    const dispatcher = createGraphDispatcher([
      graphErrorHandler(graphErrors.permission(), { once: true }),
      ...graphHandlers({ ads }),
    ]);
    const client = new MetaAdsClient({ accessToken: 'test-token', dispatcher });

    await expect(client.getAdDetails('120214583920175512')).rejects.toBeInstanceOf(
      MetaPermissionError,
    );
    expect(dispatcher.calls).toHaveLength(1);
    expect(await client.getAdDetails('120214583920175512')).toMatchObject({ campaignName: 'CABA' });
  });

  it('logs one debug line per Graph call, with the path but no query', async () => {
    const lines: Record<string, unknown>[] = [];
    const client = new MetaAdsClient({
      accessToken: 'test-token',
      appSecret: 'app-secret',
      dispatcher: createGraphDispatcher(graphHandlers({ ads: [] })),
      clock: () => 0,
      logger: { warn: () => {}, debug: (details) => lines.push(details) },
    });

    await client.getMe();

    expect(lines).toEqual([{ path: '/v26.0/me', status: 200, durationMs: 0 }]);
  });

  it('warns once when Graph serves a newer version than the configured one', async () => {
    const warnings: Record<string, unknown>[] = [];
    const client = new MetaAdsClient({
      accessToken: 'test-token',
      apiVersion: 'v25.0',
      clock: () => Date.parse('2026-11-01T00:00:00Z'),
      dispatcher: createGraphDispatcher([
        graphErrorHandler({
          status: 200,
          headers: { 'facebook-api-version': 'v26.0' },
          body: { id: '1' },
        }),
      ]),
      logger: { warn: (details) => warnings.push(details) },
    });

    await client.getMe();
    await client.getMe();

    expect(warnings).toEqual([{ configured: 'v25.0', served: 'v26.0' }]);
  });
});
