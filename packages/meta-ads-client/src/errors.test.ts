import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  isMetaApiError,
  isMetaAuthError,
  isMetaNotFoundError,
  isMetaRateLimitError,
  MetaApiError,
  MetaAuthError,
  MetaConfigError,
  MetaDeprecatedVersionError,
  MetaInvalidRequestError,
  MetaNetworkError,
  MetaNotFoundError,
  MetaPermissionError,
  MetaRateLimitError,
  MetaResponseError,
  MetaTimeoutError,
  MetaTransientError,
} from './errors.js';

const CLASSES = [
  [MetaApiError, 'api', false],
  [MetaAuthError, 'auth', false],
  [MetaPermissionError, 'permission', false],
  [MetaNotFoundError, 'not_found', false],
  [MetaInvalidRequestError, 'invalid_request', false],
  [MetaTransientError, 'transient', true],
  [MetaDeprecatedVersionError, 'deprecated_version', false],
  [MetaTimeoutError, 'timeout', true],
  [MetaNetworkError, 'network', true],
  [MetaResponseError, 'response', false],
] as const;

describe('MetaApiError family', () => {
  it.each(CLASSES)(
    '%o has its class name as name, a stable kind and a retry flag',
    (ErrorClass, kind, retryable) => {
      const error = new ErrorClass('something happened');

      expect(error.name).toBe(ErrorClass.name);
      expect(error.kind).toBe(kind);
      expect(error.retryable).toBe(retryable);
      expect(error).toBeInstanceOf(MetaApiError);
      expect(error).toBeInstanceOf(Error);
      expect(String(error)).toBe(`${ErrorClass.name}: something happened`);
      expect(error.stack?.startsWith(`${ErrorClass.name}: something happened\n`)).toBe(true);
    },
  );

  it('gives MetaRateLimitError its retryAfterMs, also in toJSON', () => {
    const error = new MetaRateLimitError('slow down', {
      retryAfterMs: 840_000,
      code: 80004,
      status: 400,
    });

    expect(error.name).toBe('MetaRateLimitError');
    expect(error.retryable).toBe(true);
    expect(error.toJSON()).toEqual({
      name: 'MetaRateLimitError',
      kind: 'rate_limit',
      message: 'slow down',
      status: 400,
      code: 80004,
      subcode: null,
      type: null,
      fbtraceId: null,
      isTransient: false,
      retryable: true,
      usage: null,
      retryAfterMs: 840_000,
    });
  });

  it('gives MetaConfigError the setting at fault', () => {
    const error = new MetaConfigError('META_API_TIMEOUT must be a number', 'META_API_TIMEOUT');

    expect(error).toMatchObject({
      name: 'MetaConfigError',
      kind: 'config',
      setting: 'META_API_TIMEOUT',
    });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ setting: 'META_API_TIMEOUT' });
  });

  it('keeps the cause it was given', () => {
    const cause = new Error('socket hang up');
    expect(new MetaNetworkError('no answer', { cause }).cause).toBe(cause);
  });

  it('does not confuse sibling classes', () => {
    const error = new MetaNotFoundError('gone');

    expect(error).not.toBeInstanceOf(MetaAuthError);
    expect(isMetaNotFoundError(error)).toBe(true);
    expect(isMetaAuthError(error)).toBe(false);
    expect(isMetaApiError(new Error('plain'))).toBe(false);
    expect(isMetaApiError({ name: 'MetaAuthError' })).toBe(false);
  });

  it('prints its fields in util.inspect without a brand property', () => {
    const printed = inspect(
      new MetaAuthError('token expired', { code: 190, subcode: 463, status: 400 }),
    );

    expect(printed).toContain('MetaAuthError: token expired');
    expect(printed).toContain('code: 190');
    expect(printed).not.toContain('Symbol(');
  });
});

describe('MetaApiError across package copies', () => {
  it('recognises errors from another copy of the module with instanceof and the guards', async () => {
    // A query makes the module loader evaluate the file again: a second copy, as ESM + CJS would.
    const secondCopy: string = './errors.js?second-copy';
    const otherCopy = (await import(secondCopy)) as typeof import('./errors.js');
    expect(otherCopy.MetaAuthError).not.toBe(MetaAuthError);

    const foreign = new otherCopy.MetaAuthError('expired', { code: 190 });
    const foreignThrottle = new otherCopy.MetaRateLimitError('slow', { retryAfterMs: 1 });

    expect(foreign).toBeInstanceOf(MetaAuthError);
    expect(foreign).toBeInstanceOf(MetaApiError);
    expect(foreign).not.toBeInstanceOf(MetaNotFoundError);
    expect(isMetaAuthError(foreign)).toBe(true);
    expect(isMetaRateLimitError(foreignThrottle)).toBe(true);
    expect(new MetaAuthError('x')).toBeInstanceOf(otherCopy.MetaAuthError);
  });
});
