import { describe, expect, it } from 'vitest';
import { TEST_APP_SECRET, TEST_TOKEN } from '../../test/fake-graph.js';
import { readHealthEnv } from './health-env.js';

describe('readHealthEnv', () => {
  it('reports every malformed variable, each naming it, even without a token', () => {
    const environment = readHealthEnv({ META_APP_ID: 'app-1', META_API_TIMEOUT: 'abc' });

    expect(environment).toEqual({
      valid: false,
      problems: [
        'META_APP_ID must be the numeric Meta app id; got "app-1".',
        'META_API_TIMEOUT must be a number of seconds greater than 0 and at most 600, such as 5 or 2.5; got "abc".',
      ],
    });
  });

  it('never repeats a secret pasted into the wrong variable', () => {
    const environment = readHealthEnv({
      META_ADS_TOKEN: TEST_TOKEN,
      META_APP_SECRET: TEST_APP_SECRET,
      META_GRAPH_API_VERSION: TEST_TOKEN,
      META_GRAPH_BASE_URL: TEST_APP_SECRET,
    });

    expect(environment).toEqual({
      valid: false,
      problems: [
        'META_GRAPH_API_VERSION must be a Graph API version such as v26.0; the value given is not usable.',
        'META_GRAPH_BASE_URL must be an http(s) URL such as https://graph.facebook.com; the value given is not usable.',
      ],
    });
  });

  it('accepts a valid environment and says whether it holds a token', () => {
    const settings = { META_API_TIMEOUT: '600', META_GRAPH_API_VERSION: 'v25.0' };

    expect(readHealthEnv({ ...settings, META_ADS_TOKEN: TEST_TOKEN })).toEqual({
      valid: true,
      hasToken: true,
      apiVersion: 'v25.0',
      timeoutMs: 600_000,
    });
    expect(readHealthEnv({ ...settings, META_ADS_TOKEN: '  ' })).toEqual({
      valid: true,
      hasToken: false,
      apiVersion: 'v25.0',
      timeoutMs: 600_000,
    });
  });

  it('reads the default API version when none is configured', () => {
    expect(readHealthEnv({})).toEqual({
      valid: true,
      hasToken: false,
      apiVersion: 'v26.0',
      timeoutMs: null,
    });
  });
});
