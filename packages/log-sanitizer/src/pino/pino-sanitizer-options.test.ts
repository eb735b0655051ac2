import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { SanitizeOptions } from '../types.js';
import { pinoSanitizerOptions } from './index.js';

const META_TOKEN = `EAAB${'x9Qw3RtLm8Np2Vb'.repeat(9)}`;
const OPAQUE = 'fake.Opaque_Token-9f8e7d6c5b4a3f2e1d0c~abc/def+ghi==';

/** A pino logger writing synchronously into an array, one entry per line. */
function captureLogger(options: SanitizeOptions = {}) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'trace', ...pinoSanitizerOptions(options) }, destination);
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
});
