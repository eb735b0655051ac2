import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
      environment: 'development',
      host: '127.0.0.1',
      port: 3000,
      logLevel: 'info',
      databaseUrl: null,
      pgliteDataDir: './data/pglite',
      redisUrl: null,
      redisKeyPrefix: 'ctwa:',
      meta: {
        accessToken: null,
        appSecret: null,
        appId: null,
        apiVersion: 'v26.0',
        baseUrl: 'https://graph.facebook.com',
        timeoutMs: 5_000,
        cacheTtlSeconds: 172_800,
      },
      whatsappVerifyToken: null,
      adminJwtSecret: null,
      internalApiToken: null,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '8080',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'postgres://app:pw@127.0.0.1:5432/clinic',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      REDIS_KEY_PREFIX: 'clinic-a:',
      META_ADS_TOKEN: 'EAAtesttoken',
      META_APP_SECRET: 'appsecret',
      META_APP_ID: '123456789',
      META_GRAPH_API_VERSION: 'v25.0',
      META_GRAPH_BASE_URL: 'http://127.0.0.1:4010',
      META_API_TIMEOUT: '2.5',
      META_CACHE_TTL: '3600',
      WHATSAPP_VERIFY_TOKEN: 'verify-me',
      ADMIN_JWT_SECRET: 'a'.repeat(32),
      INTERNAL_API_TOKEN: 'internal-token-0123',
    });

    expect(config).toMatchObject({
      environment: 'production',
      host: '0.0.0.0',
      port: 8080,
      logLevel: 'debug',
      databaseUrl: 'postgres://app:pw@127.0.0.1:5432/clinic',
      redisUrl: 'redis://127.0.0.1:6379/2',
      redisKeyPrefix: 'clinic-a:',
      meta: {
        accessToken: 'EAAtesttoken',
        appSecret: 'appsecret',
        appId: '123456789',
        apiVersion: 'v25.0',
        baseUrl: 'http://127.0.0.1:4010',
        timeoutMs: 2_500,
        cacheTtlSeconds: 3600,
      },
      whatsappVerifyToken: 'verify-me',
      adminJwtSecret: 'a'.repeat(32),
      internalApiToken: 'internal-token-0123',
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', META_ADS_TOKEN: '  ' })).toMatchObject({
      port: 3000,
      meta: { accessToken: null },
    });
  });

  it('names the variable, the given value and the expectation for a bad value', () => {
    expect(problemsOf({ PORT: 'eighty', META_GRAPH_API_VERSION: '26' })).toEqual([
      'PORT: got "eighty"; expected an integer port from 0 to 65535.',
      'META_GRAPH_API_VERSION must be a Graph API version such as v26.0; got "26".',
    ]);
  });

  it('never repeats the value of a secret or of a URL that may hold a password', () => {
    const problems = problemsOf({
      ADMIN_JWT_SECRET: 'short-secret',
      DATABASE_URL: 'mysql://root:hunter2@127.0.0.1/db',
    });

    expect(problems).toEqual([
      'DATABASE_URL: got a value of 33 characters; expected a postgres:// or postgresql:// connection URL.',
      'ADMIN_JWT_SECRET: got a value of 12 characters; expected an HS256 secret of at least 32 characters.',
    ]);
    expect(problems.join('\n')).not.toMatch(/hunter2|short-secret/);
  });

  it('refuses production without the admin JWT secret and the internal token', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'ADMIN_JWT_SECRET: not set; it is required when NODE_ENV is production.',
      'INTERNAL_API_TOKEN: not set; it is required when NODE_ENV is production.',
    ]);
  });

  it('rejects a Redis key prefix with spaces, wildcards or over 64 characters', () => {
    expect(problemsOf({ REDIS_KEY_PREFIX: 'clinic a*' })).toEqual([
      'REDIS_KEY_PREFIX: got "clinic a*"; expected up to 64 letters, digits or : . _ - such as clinic-a:.',
    ]);
    expect(problemsOf({ REDIS_KEY_PREFIX: 'x'.repeat(65) })).toHaveLength(1);
  });

  it('accepts a Graph timeout up to 600 seconds, as MetaAdsClient.fromEnv does', () => {
    expect(loadConfig({ META_API_TIMEOUT: '600' }).meta.timeoutMs).toBe(600_000);
    expect(loadConfig({ META_API_TIMEOUT: '0.25' }).meta.timeoutMs).toBe(250);
  });

  it('rejects a Graph timeout of zero or above 600 seconds, with the client message', () => {
    const expected =
      'META_API_TIMEOUT must be a number of seconds greater than 0 and at most 600, such as 5 or 2.5;';
    expect(problemsOf({ META_API_TIMEOUT: '0' })).toEqual([`${expected} got "0".`]);
    expect(problemsOf({ META_API_TIMEOUT: '600.5' })).toEqual([`${expected} got "600.5".`]);
  });

  it('refuses a plain http META_GRAPH_BASE_URL off loopback, so the token never travels in clear text', () => {
    expect(loadConfig({ META_GRAPH_BASE_URL: 'http://127.0.0.1:4010' }).meta.baseUrl).toBe(
      'http://127.0.0.1:4010',
    );
    expect(problemsOf({ META_GRAPH_BASE_URL: 'http://graph.example.com' })).toEqual([
      expect.stringMatching(/^META_GRAPH_BASE_URL must use https:\/\//),
    ]);
  });

  it('reports every bad META_* variable, without a token set and without echoing the app secret', () => {
    const problems = problemsOf({
      META_APP_ID: 'my-app',
      META_GRAPH_BASE_URL: 'ftp://127.0.0.1',
      META_API_TIMEOUT: 'soon',
      META_APP_SECRET: 'appsecret-value',
    });

    expect(problems.map((problem) => problem.split(' ')[0])).toEqual([
      'META_APP_ID',
      'META_GRAPH_BASE_URL',
      'META_API_TIMEOUT',
    ]);
    expect(problems.join('\n')).not.toContain('appsecret-value');
  });

  it('lists every problem in the error message', () => {
    expect(() => loadConfig({ PORT: '-1', LOG_LEVEL: 'loud' })).toThrow(
      'Invalid configuration:\n  - PORT: got "-1"; expected an integer port from 0 to 65535.\n' +
        '  - LOG_LEVEL: got "loud"; expected one of fatal, error, warn, info, debug, trace, silent.',
    );
  });
});
