import { describe, expect, it } from 'vitest';
import { MetaAdsClient } from './client.js';
import { MetaConfigError } from './errors.js';
import { findMetaEnvProblems, readMetaEnv, readMetaEnvWithoutToken } from './from-env.js';

const TOKEN = 'EAAenvTOKEN0123456789';

function configErrorOf(env: Record<string, string | undefined>): MetaConfigError {
  try {
    readMetaEnv(env);
  } catch (error) {
    if (error instanceof MetaConfigError) return error;
    throw error;
  }
  throw new Error('expected readMetaEnv to throw');
}

describe('readMetaEnv', () => {
  it('reads every documented variable, converting META_API_TIMEOUT seconds to milliseconds', () => {
    expect(
      readMetaEnv({
        META_ADS_TOKEN: TOKEN,
        META_APP_SECRET: 'app-secret',
        META_APP_ID: '1029384756102938',
        META_GRAPH_API_VERSION: 'v25.0',
        META_GRAPH_BASE_URL: 'http://127.0.0.1:8080',
        META_API_TIMEOUT: '2.5',
      }),
    ).toEqual({
      accessToken: TOKEN,
      appSecret: 'app-secret',
      appId: '1029384756102938',
      apiVersion: 'v25.0',
      baseUrl: 'http://127.0.0.1:8080',
      timeoutMs: 2_500,
    });
  });

  it('treats empty strings as unset', () => {
    expect(
      readMetaEnv({ META_ADS_TOKEN: TOKEN, META_APP_SECRET: '', META_API_TIMEOUT: ' ' }),
    ).toEqual({
      accessToken: TOKEN,
    });
  });

  it('names META_API_TIMEOUT and what it expects for a value like "abc"', () => {
    const error = configErrorOf({ META_ADS_TOKEN: TOKEN, META_API_TIMEOUT: 'abc' });

    expect(error.setting).toBe('META_API_TIMEOUT');
    expect(error.message).toBe(
      'META_API_TIMEOUT must be a number of seconds greater than 0 and at most 600, such as 5 or 2.5; got "abc".',
    );
  });

  it.each([
    [
      'META_GRAPH_API_VERSION',
      '26',
      'META_GRAPH_API_VERSION must be a Graph API version such as v26.0; got "26".',
    ],
    ['META_APP_ID', 'my-app', 'META_APP_ID must be the numeric Meta app id; got "my-app".'],
    [
      'META_GRAPH_BASE_URL',
      'ftp://example.net',
      'META_GRAPH_BASE_URL must be an http(s) URL such as https://graph.facebook.com; got "ftp://example.net".',
    ],
    [
      'META_API_TIMEOUT',
      '-1',
      'META_API_TIMEOUT must be a number of seconds greater than 0 and at most 600, such as 5 or 2.5; got "-1".',
    ],
  ])('rejects %s=%s with a message naming it', (variable, value, message) => {
    const error = configErrorOf({ META_ADS_TOKEN: TOKEN, [variable]: value });

    expect(error.setting).toBe(variable);
    expect(error.message).toBe(message);
  });

  it.each([
    ['0.0001', 'META_API_TIMEOUT must be at least 0.001 (one millisecond); got "0.0001".'],
    [
      '0x10',
      'META_API_TIMEOUT must be a number of seconds greater than 0 and at most 600, such as 5 or 2.5; got "0x10".',
    ],
    [
      '1e2',
      'META_API_TIMEOUT must be a number of seconds greater than 0 and at most 600, such as 5 or 2.5; got "1e2".',
    ],
  ])(
    'names META_API_TIMEOUT for %s, which the constructor would refuse or misread',
    (value, message) => {
      const error = configErrorOf({ META_ADS_TOKEN: TOKEN, META_API_TIMEOUT: value });

      expect(error.setting).toBe('META_API_TIMEOUT');
      expect(error.message).toBe(message);
    },
  );

  it('names META_GRAPH_BASE_URL, not baseUrl, for a URL with a query, echoing no query', () => {
    const error = configErrorOf({
      META_ADS_TOKEN: TOKEN,
      META_GRAPH_BASE_URL: 'https://graph.facebook.com/?access_token=EAAother123',
    });

    expect(error.setting).toBe('META_GRAPH_BASE_URL');
    expect(error.message).toBe(
      'META_GRAPH_BASE_URL must be an http(s) URL without credentials or a query, such as https://graph.facebook.com; got "https://graph.facebook.com/?[query removed]".',
    );
  });

  it('requires META_ADS_TOKEN', () => {
    expect(configErrorOf({}).message).toBe(
      'META_ADS_TOKEN must be a Graph access token (a system-user token is best); it is not set.',
    );
  });
});

describe('MetaAdsClient.fromEnv', () => {
  it('builds a client from the environment, letting overrides win', async () => {
    const client = MetaAdsClient.fromEnv(
      { META_ADS_TOKEN: TOKEN, META_GRAPH_API_VERSION: 'v25.0' },
      { apiVersion: 'v26.0', baseUrl: 'http://127.0.0.1:1' },
    );

    expect(client.apiVersion).toBe('v26.0');
    await client.close();
  });

  it('rejects bad constructor options with MetaConfigError naming the option', () => {
    expect(() => new MetaAdsClient({ accessToken: ' ' })).toThrow(
      new MetaConfigError(
        'accessToken is required: pass a non-empty Graph access token.',
        'accessToken',
      ),
    );
    expect(() => new MetaAdsClient({ accessToken: TOKEN, timeoutMs: 0 })).toThrow(
      'timeoutMs must be a positive number; got 0.',
    );
    expect(() => new MetaAdsClient({ accessToken: TOKEN, apiVersion: '26.0' })).toThrow(
      'apiVersion must look like "v26.0"; got "26.0".',
    );
    expect(
      () => new MetaAdsClient({ accessToken: TOKEN, baseUrl: 'http://127.0.0.1/?x=1' }),
    ).toThrow('baseUrl must be an http(s) URL without credentials or a query');
    expect(() => new MetaAdsClient({ accessToken: TOKEN, maxRetries: 1.5 })).toThrow(
      'maxRetries must be 0 or a whole positive number; got 1.5.',
    );
  });

  it('warns once through the logger when the version is retired for ad reads', async () => {
    const warnings: string[] = [];
    const client = new MetaAdsClient({
      accessToken: TOKEN,
      apiVersion: 'v24.0',
      baseUrl: 'http://127.0.0.1:1',
      clock: () => Date.parse('2026-12-04T00:00:00Z'),
      logger: { warn: (_details, message) => warnings.push(message) },
    });

    expect(warnings).toEqual([
      'Graph API version v24.0 is retired for ad reads; set META_GRAPH_API_VERSION to a current version.',
    ]);
    await client.close();
  });
});

describe('findMetaEnvProblems', () => {
  it('reports every bad variable at once, without needing a token', () => {
    const problems = findMetaEnvProblems({
      META_API_TIMEOUT: 'abc',
      META_GRAPH_API_VERSION: '26',
      META_APP_ID: 'app',
    });

    expect(problems.map((problem) => problem.setting)).toEqual([
      'META_APP_ID',
      'META_GRAPH_API_VERSION',
      'META_API_TIMEOUT',
    ]);
  });

  it('finds nothing wrong in an environment without a token and with valid settings', () => {
    expect(findMetaEnvProblems({ META_API_TIMEOUT: '2.5' })).toEqual([]);
  });
});

describe('readMetaEnvWithoutToken', () => {
  it('reads the settings with a null token when META_ADS_TOKEN is unset', () => {
    const options = readMetaEnvWithoutToken({ META_API_TIMEOUT: '2', META_ADS_TOKEN: ' ' });

    expect(options).toMatchObject({ accessToken: null, timeoutMs: 2000 });
  });

  it('keeps a configured token', () => {
    expect(readMetaEnvWithoutToken({ META_ADS_TOKEN: 'EAAtest' }).accessToken).toBe('EAAtest');
  });
});
