import { describe, expect, it } from 'vitest';
import { MetaConfigError } from '../errors.js';
import type { MetaAdsClientOptions } from '../options.js';
import { resolveSettings } from './settings.js';

const TOKEN = 'EAAsettingsTOKEN0123456789';
const APP_SECRET = 'settings-app-secret-9f8e7d';

function configErrorOf(options: MetaAdsClientOptions): MetaConfigError {
  try {
    resolveSettings(options);
  } catch (error) {
    if (error instanceof MetaConfigError) return error;
    throw error;
  }
  throw new Error('expected resolveSettings to throw');
}

describe('resolveSettings', () => {
  it.each([
    [{ apiVersion: TOKEN }, 'apiVersion must look like "v26.0"; the value given is not usable.'],
    [{ appId: APP_SECRET }, 'appId must be a numeric app id; the value given is not usable.'],
    [
      { timeoutMs: `${TOKEN}` as unknown as number },
      'timeoutMs must be a positive number; the value given is not usable.',
    ],
    [
      { appId: `x${encodeURIComponent(`${TOKEN}/`)}` },
      'appId must be a numeric app id; the value given is not usable.',
    ],
  ])('never repeats the token or the app secret given in another option (%o)', (bad, message) => {
    const error = configErrorOf({ accessToken: TOKEN, appSecret: APP_SECRET, ...bad });

    expect(error.message).toBe(message);
  });

  it('never echoes a credential-like value it was not told about, such as an app secret as appId', () => {
    const error = configErrorOf({ accessToken: TOKEN, appId: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' });

    expect(error.message).toBe('appId must be a numeric app id; the value given is not usable.');
    expect(configErrorOf({ accessToken: TOKEN, appId: 'app-1' }).message).toBe(
      'appId must be a numeric app id; got "app-1".',
    );
  });

  it('never echoes the query of a rejected baseUrl', () => {
    const error = configErrorOf({
      accessToken: TOKEN,
      baseUrl: 'graph.facebook.com/?access_token=EAAanotherTOKEN42',
    });

    expect(error.message).toBe(
      'baseUrl must be an absolute http(s) URL; got "graph.facebook.com/?[query removed]".',
    );
  });
});
