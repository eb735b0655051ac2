import { describe, expect, it } from 'vitest';
import { describeError } from './error-text.js';

describe('describeError', () => {
  it('names the error class and keeps the message', () => {
    const error = new TypeError('bad shape');
    expect(describeError(error)).toBe('TypeError: bad shape');
  });

  it('removes credentials an upstream message might leak', () => {
    const error = new Error(
      'GET /v26.0/1?access_token=EAAB123secret&fields=id failed; Authorization: Bearer abc.def/+=',
    );
    const text = describeError(error);
    expect(text).toBe(
      'Error: GET /v26.0/1?access_token=[redacted]&fields=id failed; Authorization: Bearer [redacted]',
    );
  });

  it('removes a bare EAA token', () => {
    expect(describeError(new Error(`token EAA${'x'.repeat(30)} rejected`))).toBe(
      'Error: token [redacted] rejected',
    );
  });

  it.each([
    [
      'a URL-encoded access_token',
      'GET /v26.0/1?access_token%3DEAABsecretsecretsecretsecret123%26fields%3Did',
      'GET /v26.0/1?access_token%3D[redacted]%26fields%3Did',
    ],
    [
      'a lowercase bearer header',
      'authorization: bearer s3cr3tvalue',
      'authorization: bearer [redacted]',
    ],
    [
      'an EAA token after an underscore',
      'sent token_EAABsecretsecretsecretsecret123 back',
      'sent token_[redacted] back',
    ],
    [
      'an app access token',
      'app token 123456789012345|a1b2c3d4e5f6a7b8c9d0e1f2 refused',
      'app token [redacted] refused',
    ],
    [
      'a JWT',
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2ln expired',
      'jwt [redacted] expired',
    ],
    [
      'JSON secrets, spaces included',
      'body {"client_secret":"cs-123","password":"hunter 2"}',
      'body {"client_secret":"[redacted]","password":"[redacted]"}',
    ],
    [
      'escaped JSON secrets',
      'body {\\"client_secret\\":\\"cs-123\\"}',
      'body {\\"client_secret\\":\\"[redacted]\\"}',
    ],
    [
      'api_key and appsecret_proof parameters',
      'url ?api_key=k3y&appsecret_proof=abcdef0123&fields=id',
      'url ?api_key=[redacted]&appsecret_proof=[redacted]&fields=id',
    ],
    ['a key: value password', 'password: pa55 next', 'password: [redacted] next'],
  ])('removes %s', (_case, message, expected) => {
    expect(describeError(new Error(message))).toBe(`Error: ${expected}`);
  });

  it('truncates long messages to 500 characters', () => {
    const text = describeError(new Error('y'.repeat(2_000)));
    expect(text).toHaveLength(500);
    expect(text.endsWith('…')).toBe(true);
  });

  it('keeps at most 500 characters of a huge message full of credential look-alikes', () => {
    const text = describeError(new Error('password=x&'.repeat(100_000)));
    expect(text).toHaveLength(500);
    expect(text.startsWith('Error: password=[redacted]&password=[redacted]&')).toBe(true);
  });

  it('describes non-Error values', () => {
    expect(describeError('socket hang up')).toBe('Unknown error: socket hang up');
  });
});
