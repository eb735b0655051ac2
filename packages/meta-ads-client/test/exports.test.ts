import * as client from '@ctwa/meta-ads-client';
import * as testing from '@ctwa/meta-ads-client/testing';
import { describe, expect, it } from 'vitest';

describe('public surface', () => {
  it('exports every name the other ctwa-kit packages build on', () => {
    const names = [
      'MetaAdsClient',
      'apiVersionStatus',
      'GRAPH_API_VERSIONS',
      'parseUsageHeaders',
      'MetaApiError',
      'MetaAuthError',
      'MetaPermissionError',
      'MetaNotFoundError',
      'MetaRateLimitError',
      'MetaTransientError',
      'MetaDeprecatedVersionError',
      'MetaTimeoutError',
      'MetaNetworkError',
      'MetaResponseError',
      'MetaConfigError',
      'MetaClientClosedError',
      'isMetaApiError',
    ];
    for (const name of names) expect(client).toHaveProperty(name);
    expect(typeof testing.graphHandlers).toBe('function');
    expect(typeof testing.createGraphDispatcher).toBe('function');
  });

  it('names every error class after itself', () => {
    const errorClasses = Object.entries(client).filter(
      ([name, value]) =>
        typeof value === 'function' && name.startsWith('Meta') && name.endsWith('Error'),
    );

    expect(errorClasses).toHaveLength(13);
    for (const [name, ErrorClass] of errorClasses) {
      const error = new (ErrorClass as new (message: string, extra: unknown) => Error)('x', {
        retryAfterMs: 1,
      });
      expect(error.name).toBe(name);
    }
  });
});
