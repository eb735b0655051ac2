import { describe, expect, it } from 'vitest';
import {
  apiVersionStatus,
  compareApiVersions,
  DEFAULT_API_VERSION,
  GRAPH_API_VERSIONS,
} from './versions.js';

const TODAY = new Date('2026-12-04T12:00:00Z');

describe('apiVersionStatus', () => {
  it('reports v26.0, the default, as current with no announced expiry', () => {
    expect(DEFAULT_API_VERSION).toBe('v26.0');
    expect(apiVersionStatus('v26.0', TODAY)).toEqual({
      version: 'v26.0',
      status: 'current',
      expiresAt: null,
      daysLeft: null,
    });
  });

  it('reports v25.0 as expiring soon within 90 days of 2027-02-23', () => {
    expect(apiVersionStatus('v25.0', TODAY)).toEqual({
      version: 'v25.0',
      status: 'expiring_soon',
      expiresAt: new Date('2027-02-23T00:00:00Z'),
      daysLeft: 81,
    });
    expect(apiVersionStatus('v25.0', new Date('2026-11-20T00:00:00Z'))).toMatchObject({
      status: 'current',
      daysLeft: 95,
    });
  });

  it('reports v24.0 as expired on its Marketing API date 2026-11-10', () => {
    expect(apiVersionStatus('v24.0', TODAY)).toEqual({
      version: 'v24.0',
      status: 'expired',
      expiresAt: new Date('2026-11-10T00:00:00Z'),
      daysLeft: 0,
    });
    expect(apiVersionStatus('v24.0', new Date('2026-11-09T23:59:59Z')).status).toBe(
      'expiring_soon',
    );
  });

  it('treats versions older than the table as expired and newer or malformed ones as unknown', () => {
    expect(apiVersionStatus('v19.0', TODAY)).toEqual({
      version: 'v19.0',
      status: 'expired',
      expiresAt: null,
      daysLeft: 0,
    });
    expect(apiVersionStatus('v30.0', TODAY)).toEqual({
      version: 'v30.0',
      status: 'unknown',
      expiresAt: null,
      daysLeft: null,
    });
    expect(apiVersionStatus('latest', TODAY).status).toBe('unknown');
  });

  it('lists versions newest first with ISO dates', () => {
    expect(GRAPH_API_VERSIONS.map((info) => info.version)).toEqual([
      'v27.0',
      'v26.0',
      'v25.0',
      'v24.0',
      'v23.0',
      'v22.0',
      'v21.0',
    ]);
    for (const info of GRAPH_API_VERSIONS) expect(info.releasedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('compareApiVersions', () => {
  it('orders versions by major, then minor, and rejects malformed ones', () => {
    expect(compareApiVersions('v25.0', 'v26.0')).toBeLessThan(0);
    expect(compareApiVersions('v26.1', 'v26.0')).toBeGreaterThan(0);
    expect(compareApiVersions('v26.0', 'v26.0')).toBe(0);
    expect(compareApiVersions('v9.0', 'v10.0')).toBeLessThan(0);
    expect(compareApiVersions('26', 'v26.0')).toBeNull();
  });
});
