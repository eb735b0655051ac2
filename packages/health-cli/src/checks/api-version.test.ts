import { MetaDeprecatedVersionError, MetaNetworkError } from '@ctwa/meta-ads-client';
import { describe, expect, it } from 'vitest';
import { apiVersionResult } from './api-version.js';

const NOW = new Date('2026-12-04T15:00:00.000Z');

describe('apiVersionResult', () => {
  it('passes a version with no announced end date', () => {
    expect(apiVersionResult('v26.0', NOW, 90, null)).toEqual({
      componentType: 'component',
      status: 'pass',
      time: '2026-12-04T15:00:00.000Z',
      observedValue: 'v26.0',
      availableUntil: null,
    });
  });

  it('warns within 90 days of the Marketing API expiry', () => {
    expect(apiVersionResult('v25.0', NOW, 90, null)).toMatchObject({
      status: 'warn',
      observedValue: 'v25.0',
      availableUntil: '2027-02-23',
      output:
        'v25.0 expires on 2027-02-23 (81 days left); set META_GRAPH_API_VERSION to a supported Marketing API version before then',
    });
  });

  it('passes the same version when the warning window is shorter than the days left', () => {
    expect(apiVersionResult('v25.0', NOW, 30, null).status).toBe('pass');
  });

  it('warns with exactly 90 days left and passes with 91', () => {
    expect(apiVersionResult('v25.0', new Date('2026-11-25T00:00:00.000Z'), 90, null).status).toBe(
      'warn',
    );
    expect(apiVersionResult('v25.0', new Date('2026-11-24T00:00:00.000Z'), 90, null).status).toBe(
      'pass',
    );
  });

  it('fails an expired version', () => {
    expect(apiVersionResult('v24.0', NOW, 90, null)).toMatchObject({
      status: 'fail',
      availableUntil: '2026-11-10',
      output:
        'v24.0 expired on 2026-11-10; set META_GRAPH_API_VERSION to a supported Marketing API version',
    });
  });

  it('fails a version older than every known one', () => {
    expect(apiVersionResult('v19.0', NOW, 90, null)).toMatchObject({
      status: 'fail',
      availableUntil: null,
      output: 'v19.0 expired; set META_GRAPH_API_VERSION to a supported Marketing API version',
    });
  });

  it('passes a version newer than the known table', () => {
    expect(apiVersionResult('v28.0', NOW, 90, null).status).toBe('pass');
  });

  it('fails when Graph refused the call as a retired version, whatever the table says', () => {
    const error = new MetaDeprecatedVersionError('retired', { status: 400, code: 2635 });
    expect(apiVersionResult('v26.0', NOW, 90, error)).toMatchObject({
      status: 'fail',
      output:
        'Graph refused v26.0 as retired (code 2635); set META_GRAPH_API_VERSION to a supported Marketing API version',
    });
  });

  it('ignores unrelated Graph failures', () => {
    expect(apiVersionResult('v26.0', NOW, 90, new MetaNetworkError('refused')).status).toBe('pass');
  });
});
