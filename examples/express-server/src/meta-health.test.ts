import { MetaAdsClient } from '@ctwa/meta-ads-client';
import { createGraphDispatcher } from '@ctwa/meta-ads-client/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { metaHealthCheck } from './meta-health.js';

const graphBaseUrl = 'http://127.0.0.1:9';
const now = () => new Date('2026-12-04T12:00:00.000Z');

// Graph refuses the token as it does an expired one: code 190 with HTTP 400.
const tokenRefused = [
  http.all(`${graphBaseUrl}/*`, () =>
    HttpResponse.json(
      {
        error: {
          message: 'Error validating access token: Session has expired.',
          type: 'OAuthException',
          code: 190,
          error_subcode: 463,
          fbtrace_id: 'ATokenTrace01',
        },
      },
      { status: 400 },
    ),
  ),
];

describe('metaHealthCheck', () => {
  const clients: MetaAdsClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  it('reports a server without a token as warn, saying enrichment is off, and still checks the version', async () => {
    const report = await metaHealthCheck({ client: null, apiVersion: 'v26.0', ttlMs: 0, now })();
    const time = '2026-12-04T12:00:00.000Z';
    const skipped = {
      componentType: 'component',
      status: 'warn',
      time,
      observedValue: null,
      output: 'skipped: META_ADS_TOKEN is not set; enrichment is off',
      skipped: true,
    };

    expect(report).toEqual({
      status: 'warn',
      output: 'meta-token:validity: META_ADS_TOKEN is not set; enrichment is off',
      checks: {
        'meta-token:validity': [
          {
            componentType: 'component',
            status: 'warn',
            time,
            observedValue: null,
            output: 'META_ADS_TOKEN is not set; enrichment is off',
          },
        ],
        'meta-graph:responseTime': [skipped],
        'meta-ratelimit:utilization': [skipped],
        'meta-api:version': [
          {
            componentType: 'component',
            status: 'pass',
            time,
            observedValue: 'v26.0',
            availableUntil: null,
          },
        ],
      },
    });
  });

  it('still fails a server without a token whose API version has expired', async () => {
    const report = await metaHealthCheck({ client: null, apiVersion: 'v24.0', ttlMs: 0, now })();

    expect(report.status).toBe('fail');
    expect(report.checks['meta-api:version'][0]).toMatchObject({
      status: 'fail',
      observedValue: 'v24.0',
      availableUntil: '2026-11-10',
    });
    expect(report.output).toMatch(
      /^meta-token:validity: META_ADS_TOKEN is not set; enrichment is off \| meta-api:version: /,
    );
  });

  it('keeps a configured token that Graph refuses as fail', async () => {
    const client = new MetaAdsClient({
      accessToken: 'expired-token',
      baseUrl: graphBaseUrl,
      maxRetries: 0,
      dispatcher: createGraphDispatcher(tokenRefused),
    });
    clients.push(client);
    const report = await metaHealthCheck({ client, apiVersion: 'v26.0', ttlMs: 0, now })();

    expect(report.status).toBe('fail');
    expect(report.checks['meta-token:validity'][0]).toMatchObject({
      status: 'fail',
      output:
        'Meta rejected the access token (code 190, subcode 463); generate a new system-user token and set META_ADS_TOKEN',
    });
    expect(report.output).not.toContain('enrichment is off');
  });
});
