import { Writable } from 'node:stream';
import { sanitize } from '@ctwa/log-sanitizer';
import { pinoSanitizerOptions } from '@ctwa/log-sanitizer/pino';
import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';

const alphanumeric = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));

const sensitiveKey = fc.constantFrom(
  'password',
  'accessToken',
  'api_key',
  'Authorization',
  'client_secret',
  'x-api-key',
  'FERNET_KEY',
  'appsecret_proof',
  'refresh-token',
);

/** A secret and the way it is written into a log value. */
const plantedSecret = fc.oneof(
  fc.record({ secret: alphanumeric(16, 40), key: sensitiveKey, form: fc.constant('key' as const) }),
  fc.record({
    secret: alphanumeric(100, 200).map((body) => `EAAB${body}`),
    key: fc.constant(null),
    form: fc.constantFrom('bare' as const, 'query' as const, 'encoded' as const),
  }),
  fc.record({
    secret: fc.stringMatching(/^[A-Za-z0-9._~+/-]{20,60}$/).map((body) => `Zq9${body}`),
    key: fc.constant(null),
    form: fc.constant('bearer' as const),
  }),
);

type Planted = {
  secret: string;
  key: string | null;
  form: 'key' | 'bare' | 'query' | 'encoded' | 'bearer';
};

const prose = fc.stringMatching(/^[a-z ]{0,24}$/);

/** Writes the secret as a value: under its key, or inside text the way logs carry it. */
function secretValue(planted: Planted, before: string, after: string): unknown {
  switch (planted.form) {
    case 'key':
      return { [planted.key ?? 'token']: planted.secret };
    case 'bare':
      return `${before} ${planted.secret} ${after}`;
    case 'query':
      return `${before} GET /v26.0/me?fields=id&access_token=${planted.secret}&limit=5 ${after}`;
    case 'encoded':
      return `${before} next=%2Fme%3Faccess_token%3D${planted.secret}%26x%3D1 ${after}`;
    case 'bearer':
      return `${before} Authorization: Bearer ${planted.secret} ${after}`;
  }
}

const filler = fc.dictionary(
  fc.constantFrom('tenant', 'items', 'meta', 'name', 'count', 'status', 'note'),
  fc.oneof(fc.integer(), prose, fc.boolean(), fc.constant(null)),
  { maxKeys: 4 },
);

/** Nests the value at a random depth, each level an object or an array, among random siblings. */
const logObject = fc
  .tuple(
    plantedSecret,
    prose,
    prose,
    fc.array(fc.tuple(filler, fc.boolean(), fc.constantFrom('data', 'payload', 'ctx', 'error')), {
      maxLength: 8,
    }),
  )
  .map(([planted, before, after, levels]) => {
    let value = secretValue(planted, before, after);
    for (const [siblings, asArray, key] of levels) {
      value = asArray ? [siblings, value, siblings] : { ...siblings, [key]: value };
    }
    return { planted, record: { root: value } };
  });

function pinoLine(record: object, options: { pii?: boolean } = {}): string {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  pino(pinoSanitizerOptions(options), destination).info(record, 'property');
  return lines.join('');
}

const b64token = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9._~+/-]{${min},${max}}={0,2}$`));

describe('a Bearer credential of any shape', () => {
  it('is hidden whole after an Authorization header, whatever its length or case', () => {
    fc.assert(
      fc.property(b64token(1, 80), fc.constantFrom('Bearer', 'bearer', 'BEARER'), (token, word) => {
        expect(sanitize(`sent Authorization: ${word} ${token} now`)).toBe(
          `sent Authorization: ${word} [REDACTED] now`,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('is hidden whole after a standalone Bearer when it has 8 or more characters', () => {
    const credential = b64token(8, 80).filter((token) => /[A-Za-z0-9]/.test(token));
    fc.assert(
      fc.property(credential, (token) => {
        expect(sanitize(`retrying with bearer ${token}; attempt 2`)).toBe(
          'retrying with bearer [REDACTED]; attempt 2',
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('a secret planted at a random depth and position', () => {
  it('never survives sanitize', () => {
    fc.assert(
      fc.property(logObject, ({ planted, record }) => {
        expect(JSON.stringify(sanitize(record))).not.toContain(planted.secret);
      }),
      { numRuns: 300 },
    );
  });

  it('never reaches a pino line, and every line stays valid JSON', () => {
    fc.assert(
      fc.property(logObject, ({ planted, record }) => {
        const line = pinoLine(record);
        expect(line).not.toContain(planted.secret);
        expect(() => JSON.parse(line)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('never survives when the object is first serialized into a string', () => {
    fc.assert(
      fc.property(logObject, ({ planted, record }) => {
        expect(sanitize(`body=${JSON.stringify(record)}`)).not.toContain(planted.secret);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves every pino line valid JSON, whatever text is logged', () => {
    const fragment = fc.constantFrom(
      'token',
      'password',
      'Authorization',
      ': ',
      '=',
      '%3D',
      '"',
      "'",
      '\\',
      '\\"',
      ' Bearer ',
      'EAAB',
      'x'.repeat(100),
      '+5491155500142',
      'a@b.co',
      '://u:p@h',
      '-----BEGIN PRIVATE KEY-----',
      '\n',
      '{',
      '}',
      ',',
      'é',
    );
    const text = fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (message, value) => {
        const record = { [message.slice(0, 12) || 'k']: value, nested: { body: message } };
        const line = pinoLine(record, { pii: true });
        expect(() => JSON.parse(line)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

/** A key-based secret inside JSON serialized into a string 1 to 5 times, among siblings. */
const stringNestedSecret = fc.record({
  key: sensitiveKey,
  secret: alphanumeric(16, 40),
  levels: fc.array(fc.tuple(filler, fc.constantFrom('data', 'body', 'payload')), {
    minLength: 1,
    maxLength: 5,
  }),
  field: fc.constantFrom('body', 'msg'),
});

describe('a key-based secret in JSON serialized into a string at a random depth', () => {
  it('never reaches a pino line, which stays valid JSON and keeps the structure', () => {
    fc.assert(
      fc.property(stringNestedSecret, ({ key, secret, levels, field }) => {
        let text = JSON.stringify({ [key]: secret });
        for (const [siblings, name] of levels) {
          text = JSON.stringify({ ...siblings, [name]: text });
        }
        const line = field === 'msg' ? pinoLineWithMessage(text) : pinoLine({ body: text });

        expect(line).not.toContain(secret);
        let value = (JSON.parse(line) as Record<string, unknown>)[field];
        for (const [siblings, name] of [...levels].reverse()) {
          const level = JSON.parse(value as string) as Record<string, unknown>;
          expect(level).toEqual({ ...siblings, [name]: level[name] });
          value = level[name];
        }
        expect(JSON.parse(value as string)).toEqual({ [key]: '[REDACTED]' });
      }),
      { numRuns: 300 },
    );
  });
});

function pinoLineWithMessage(message: string): string {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  pino(pinoSanitizerOptions(), destination).info(message);
  return lines.join('');
}
