import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { createSanitizer, installConsoleSanitizer, sanitize } from '@ctwa/log-sanitizer';
import { pinoSanitizerOptions } from '@ctwa/log-sanitizer/pino';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { META_TOKEN } from './secrets.js';

// Every example in the README, run as written, with the output its comment promises.

afterEach(() => {
  vi.restoreAllMocks();
});

function readmeLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'info', ...pinoSanitizerOptions({ pii: true }) }, destination);
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
}

describe('README: pino', () => {
  const userToken = META_TOKEN;

  it('hides a user token interpolated with %s', () => {
    const { logger, lines } = readmeLogger();

    logger.info('exchanging token %s', userToken);

    expect(lines[0]).toContain('"msg":"exchanging token [REDACTED]"');
  });

  it('hides the Authorization header', () => {
    const { logger, lines } = readmeLogger();

    logger.info({ req: { headers: { Authorization: `Bearer ${userToken}` } } });

    expect(lines[0]).toContain('"req":{"headers":{"Authorization":"[REDACTED]"}}');
  });

  it('hides the token in an Error message, err.message and err.stack', () => {
    const { logger, lines, records } = readmeLogger();

    logger.error(new Error(`GET /me?access_token=${userToken} failed`));

    const record = records()[0] as { msg: string; err: { message: string; stack: string } };
    expect(lines.join('')).not.toContain(userToken);
    expect(record.msg).toBe('GET /me?access_token=[REDACTED] failed');
    expect(record.err.message).toBe(record.msg);
    expect(record.err.stack.startsWith(`Error: ${record.msg}\n`)).toBe(true);
  });
});

describe('README: console', () => {
  it('prints the Bearer credential as [REDACTED]', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const handle = installConsoleSanitizer({ pii: true });

    console.log('Authorization: Bearer', 'secret-123');
    handle.uninstall();

    expect(log).toHaveBeenCalledWith('Authorization: Bearer [REDACTED]');
  });
});

describe('README: any value', () => {
  it('hides the access_token query value and keeps the next parameter', () => {
    expect(sanitize('GET /me?access_token=EAAB...&fields=id')).toBe(
      'GET /me?access_token=[REDACTED]&fields=id',
    );
  });

  it('masks wa_id and keeps phone_number_id', () => {
    expect(
      sanitize({ wa_id: '5491155500157', phone_number_id: '118204736591028' }, { pii: true }),
    ).toEqual({ wa_id: '***0157', phone_number_id: '118204736591028' });
  });

  it('turns numbers under sensitive keys of a JSON line into strings', () => {
    const sanitizer = createSanitizer({ pii: true });

    expect(sanitizer.sanitizeJsonLine('{"password":123456,"wa_id":5491155500157,"ok":true}')).toBe(
      '{"password":"[REDACTED]","wa_id":"***0157","ok":true}',
    );
  });
});

describe('README tables', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

  /** Consecutive lines that start with a bar, one array per table. */
  function tables(): string[][] {
    const found: string[][] = [];
    let current: string[] = [];
    for (const line of readme.split('\n')) {
      if (line.startsWith('|')) current.push(line);
      else if (current.length > 0) {
        found.push(current);
        current = [];
      }
    }
    return current.length > 0 ? [...found, current] : found;
  }

  /** Cells of a table row, split on bars that are not escaped, as GitHub renders them. */
  function cellCount(row: string): number {
    return row.trim().split(/(?<!\\)\|/).length - 2;
  }

  it('gives every row of both tables as many cells as its header', () => {
    const found = tables();
    expect(found).toHaveLength(2);
    for (const [header = '', ...rows] of found) {
      for (const row of rows) expect([row, cellCount(row)]).toEqual([row, cellCount(header)]);
    }
  });
});
