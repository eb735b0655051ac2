import { describe, expect, it } from 'vitest';
import { META_TOKEN, OPAQUE } from '../../test/secrets.js';
import { createSanitizer } from '../create-sanitizer.js';

const { sanitize } = createSanitizer();

class ApiCall {
  constructor(
    readonly url: string,
    readonly headers: Record<string, string>,
  ) {}

  describe(): string {
    return `call to ${this.url}`;
  }
}

describe('sanitize on structures', () => {
  it('never mutates the input, however deep the secret', () => {
    const input = Object.freeze({
      user: Object.freeze({ name: 'x', credentials: Object.freeze({ accessToken: META_TOKEN }) }),
      list: Object.freeze([Object.freeze({ password: 'hunter2' })]),
    });
    const before = JSON.stringify(input);

    const output = sanitize(input);

    expect(JSON.stringify(input)).toBe(before);
    expect(output).toEqual({
      user: { name: 'x', credentials: '[REDACTED]' },
      list: [{ password: '[REDACTED]' }],
    });
  });

  it('returns the very same object when there is nothing to hide', () => {
    const input = { a: 1, b: { c: 'plain text', d: [1, 2, 3] } };
    expect(sanitize(input)).toBe(input);
  });

  it('replaces a cycle by [Circular] and keeps shared references', () => {
    const shared = { label: 'kept' };
    const input: Record<string, unknown> = {
      token: META_TOKEN,
      name: 'x',
      left: shared,
      right: shared,
    };
    input.self = input;

    expect(sanitize(input)).toEqual({
      token: '[REDACTED]',
      name: 'x',
      left: { label: 'kept' },
      right: { label: 'kept' },
      self: '[Circular]',
    });
  });

  it('matches keys in any case and spelling, in arrays and Maps', () => {
    const input = {
      data: [
        { id: '106540352242922', name: 'Clínica Sur', access_token: META_TOKEN },
        { 'X-Api-Key': 'k-1', appsecret_proof: 'abc123', Authorization: `Bearer ${OPAQUE}` },
      ],
      byTenant: new Map([['arrayan', { ACCESS_TOKEN: META_TOKEN, region: 'ar' }]]),
    };

    const output = sanitize(input);

    expect(output.data).toEqual([
      { id: '106540352242922', name: 'Clínica Sur', access_token: '[REDACTED]' },
      { 'X-Api-Key': '[REDACTED]', appsecret_proof: '[REDACTED]', Authorization: '[REDACTED]' },
    ]);
    expect(output.byTenant.get('arrayan')).toEqual({ ACCESS_TOKEN: '[REDACTED]', region: 'ar' });
  });

  it('copies class instances field by field and keeps their prototype', () => {
    const call = new ApiCall(`https://graph.example/me?access_token=${META_TOKEN}`, {
      authorization: `Bearer ${OPAQUE}`,
    });

    const output = sanitize(call);

    expect(output).toBeInstanceOf(ApiCall);
    expect(output.describe()).toBe('call to https://graph.example/me?access_token=[REDACTED]');
    expect(output.headers).toEqual({ authorization: '[REDACTED]' });
    expect(call.headers.authorization).toBe(`Bearer ${OPAQUE}`);
  });

  it('replaces binary data by a placeholder naming its size', () => {
    expect(sanitize({ raw: Buffer.from(`Authorization: Bearer ${OPAQUE}`) })).toEqual({
      raw: '[Buffer 74 bytes]',
    });
    expect(sanitize(new Uint8Array(3))).toBe('[Uint8Array 3 bytes]');
  });

  it('turns a URL holding a secret into its scrubbed text and keeps a clean URL', () => {
    const clean = new URL('https://example.net/a?b=1');
    expect(sanitize(new URL(`https://example.net/?access_token=${META_TOKEN}`))).toBe(
      'https://example.net/?access_token=[REDACTED]',
    );
    expect(sanitize(clean)).toBe(clean);
  });

  it('keeps booleans, null and empty strings under secret keys', () => {
    expect(sanitize({ hasToken: true, token: null, password: '' })).toEqual({
      hasToken: true,
      token: null,
      password: '',
    });
  });

  it('survives a throwing getter and marks only that object unreadable', () => {
    const broken = {
      get value(): string {
        throw new Error('boom');
      },
    };
    expect(sanitize({ ok: 'yes', broken })).toEqual({ ok: 'yes', broken: '[Unreadable]' });
  });

  it('handles an own __proto__ key without touching the prototype', () => {
    const input = JSON.parse('{"__proto__":{"token":"abc12345"},"a":"token=abc12345"}');
    const output = sanitize(input) as Record<string, unknown>;

    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(output, '__proto__')?.value).toEqual({
      token: '[REDACTED]',
    });
    expect(output.a).toBe('token=[REDACTED]');
  });
});

describe('sanitize on errors', () => {
  it('scrubs message, stack and the cause chain and keeps the prototype', () => {
    const cause = new Error(`token=${META_TOKEN} rejected`);
    const error = new TypeError(`refresh failed for ${META_TOKEN}`, { cause });

    const output = sanitize(error);

    expect(output).toBeInstanceOf(TypeError);
    expect(output.message).toBe('refresh failed for [REDACTED]');
    expect(output.stack?.startsWith('TypeError: refresh failed for [REDACTED]\n')).toBe(true);
    expect((output.cause as Error).message).toBe('token=[REDACTED] rejected');
    expect(error.message).toBe(`refresh failed for ${META_TOKEN}`);
  });

  it('sanitizes the enumerable fields of an HTTP client error', () => {
    const error = Object.assign(new Error('Request failed with status code 400'), {
      config: {
        url: `https://graph.facebook.com/v26.0/me?access_token=${META_TOKEN}`,
        headers: { Authorization: `Bearer ${OPAQUE}`, Accept: 'application/json' },
      },
      status: 400,
    });

    const output = sanitize(error);

    expect(output.config).toEqual({
      url: 'https://graph.facebook.com/v26.0/me?access_token=[REDACTED]',
      headers: { Authorization: '[REDACTED]', Accept: 'application/json' },
    });
    expect(output.status).toBe(400);
    expect(Object.keys(output)).toEqual(['config', 'status']);
  });

  it('sanitizes every error of an AggregateError', () => {
    const output = sanitize(new AggregateError([new Error(`token=${META_TOKEN}`)], 'all failed'));
    expect((output.errors[0] as Error).message).toBe('token=[REDACTED]');
  });

  it('ends a cause cycle with [Circular]', () => {
    const error = new Error('loop');
    (error as { cause?: unknown }).cause = error;
    expect((sanitize(error) as Error).cause).toBe('[Circular]');
  });
});
