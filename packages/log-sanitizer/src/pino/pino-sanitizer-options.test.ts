import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { SanitizeOptions } from '../types.js';
import { pinoSanitizerOptions } from './index.js';

const META_TOKEN = `EAAB${'x9Qw3RtLm8Np2Vb'.repeat(9)}`;
const OPAQUE = 'fake.Opaque_Token-9f8e7d6c5b4a3f2e1d0c~abc/def+ghi==';

/** A pino logger writing synchronously into an array, one entry per line. */
function captureLogger(options: SanitizeOptions = {}, extra: pino.LoggerOptions = {}) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'trace', ...extra, ...pinoSanitizerOptions(options) }, destination);
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
}

describe('pinoSanitizerOptions', () => {
  it('hides a token interpolated into the message with %s', () => {
    const { logger, lines, records } = captureLogger();

    logger.info('exchanging token %s for long-lived', META_TOKEN);

    expect(lines.join('')).not.toContain(META_TOKEN);
    expect(records()[0]?.msg).toBe('exchanging token [REDACTED] for long-lived');
  });

  it('hides a Bearer credential split between the format string and its argument', () => {
    const { logger, records } = captureLogger();

    logger.info('Authorization: Bearer %s', OPAQUE);

    expect(records()[0]?.msg).toBe('Authorization: Bearer [REDACTED]');
  });

  it('censors a capitalised Authorization header and keeps its neighbours', () => {
    const { logger, records } = captureLogger();

    logger.info({ req: { headers: { Authorization: `Bearer ${OPAQUE}`, 'User-Agent': 'ua' } } });

    expect(records()[0]?.req).toEqual({
      headers: { Authorization: '[REDACTED]', 'User-Agent': 'ua' },
    });
  });

  it('hides a token in an Error message in msg, err.message and err.stack', () => {
    const { logger, lines, records } = captureLogger();

    logger.error(new Error(`Graph call failed: GET /me?access_token=${META_TOKEN}`));

    const record = records()[0] as { msg: string; err: { message: string; stack: string } };
    expect(lines.join('')).not.toContain(META_TOKEN);
    expect(record.msg).toBe('Graph call failed: GET /me?access_token=[REDACTED]');
    expect(record.err.message).toBe(record.msg);
    expect(record.err.stack.startsWith(`Error: ${record.msg}\n    at `)).toBe(true);
  });

  it('covers a child logger bindings', () => {
    const { logger, lines, records } = captureLogger({ pii: true });

    logger.child({ tenant: 't1', apiKey: 'k-123456789', phone: '+5491155500142' }).info('hello');

    expect(lines.join('')).not.toContain('k-123456789');
    expect(records()[0]).toMatchObject({ tenant: 't1', apiKey: '[REDACTED]', phone: '+***0142' });
  });

  it('hides secrets in objects interpolated with %j and %o', () => {
    const { logger, lines } = captureLogger();

    logger.info(
      'payload %j then %o',
      { accessToken: META_TOKEN },
      { nested: { password: 'pw-1234' } },
    );

    expect(lines.join('')).not.toContain(META_TOKEN);
    expect(lines.join('')).not.toContain('pw-1234');
  });

  it('covers mixin output through the pass over the serialized line', () => {
    const { logger, records } = captureLogger(
      {},
      { mixin: () => ({ debugUrl: `/me?access_token=${META_TOKEN}` }) },
    );

    logger.info('hello');

    expect(records()[0]?.debugUrl).toBe('/me?access_token=[REDACTED]');
  });

  it('never mutates the logged object', () => {
    const { logger } = captureLogger();
    const payload = { headers: { authorization: `Bearer ${OPAQUE}` }, raw: Buffer.from('abc') };

    logger.info(payload);

    expect(payload.headers.authorization).toBe(`Bearer ${OPAQUE}`);
    expect(Buffer.isBuffer(payload.raw)).toBe(true);
  });

  it('logs binary data as a placeholder instead of its bytes', () => {
    const { logger, records } = captureLogger();

    logger.info({ raw: Buffer.from(`Authorization: Bearer ${OPAQUE}`) });

    expect(records()[0]?.raw).toBe('[Buffer 74 bytes]');
  });

  it('keeps the level and lets disabled levels cost nothing', () => {
    const { logger, records } = captureLogger();
    logger.level = 'info';

    logger.debug(`token=${META_TOKEN}`);
    logger.warn('careful');

    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({ level: 40, msg: 'careful' });
  });

  it('re-serializes a line a host pattern would break, so it stays valid JSON', () => {
    const { logger, lines, records } = captureLogger({
      extraPatterns: [{ name: 'greedy_quote', regex: /ref"[^}]{1,40}/ }],
    });

    logger.info({ note: 'see ref' }, 'ok');

    expect(lines).toHaveLength(1);
    expect(records()[0]).toMatchObject({ note: 'see ref', msg: 'ok' });
  });
});

/** `value` serialized into a JSON string `times` times over, each level under `key`. */
function nestInStrings(value: object, times: number, key: string): string {
  let text = JSON.stringify(value);
  for (let level = 1; level < times; level += 1) text = JSON.stringify({ [key]: text });
  return text;
}

/** Parses a JSON string nested `times` times over, reading `key` at each level. */
function unnest(text: string, times: number, key: string): unknown {
  let value: unknown = JSON.parse(text);
  for (let level = 1; level < times; level += 1) {
    value = JSON.parse((value as Record<string, string>)[key] as string);
  }
  return value;
}

describe('pinoSanitizerOptions on JSON strings nested in JSON strings', () => {
  it.each([2, 3])('hides a password %i levels deep in an object field', (levels) => {
    const { logger, lines, records } = captureLogger();

    logger.info({ body: nestInStrings({ password: 'hunter2pass', user: 'ana' }, levels, 'data') });

    expect(lines.join('')).not.toContain('hunter2pass');
    expect(unnest(records()[0]?.body as string, levels, 'data')).toEqual({
      password: '[REDACTED]',
      user: 'ana',
    });
  });

  it.each([2, 3])('hides an api_key %i levels deep in the message', (levels) => {
    const { logger, lines, records } = captureLogger();

    logger.info(nestInStrings({ api_key: 'abcdefgh12345678', n: 1 }, levels, 'x'));

    expect(lines.join('')).not.toContain('abcdefgh12345678');
    expect(unnest(records()[0]?.msg as string, levels, 'x')).toEqual({
      api_key: '[REDACTED]',
      n: 1,
    });
  });

  it('hides a nested password whole when it holds quotes, backslashes and spaces', () => {
    const { logger, lines, records } = captureLogger();
    const password = 'pa"ss \\ hunter\\';

    logger.info({ body: nestInStrings({ password, note: 'kept' }, 3, 'data') });

    expect(lines.join('')).not.toContain('hunter');
    expect(unnest(records()[0]?.body as string, 3, 'data')).toEqual({
      password: '[REDACTED]',
      note: 'kept',
    });
  });

  it('hides a whole nested JSON string held under a sensitive key', () => {
    const { logger, records } = captureLogger();
    const credentials = JSON.stringify({ user: 'ana', pin: '1234' });

    logger.info({ body: nestInStrings({ secret: credentials, id: 'r1' }, 2, 'data') });

    expect(unnest(records()[0]?.body as string, 2, 'data')).toEqual({
      secret: '[REDACTED]',
      id: 'r1',
    });
  });
});
