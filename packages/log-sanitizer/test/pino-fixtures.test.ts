import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pinoSanitizerOptions } from '@ctwa/log-sanitizer/pino';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const cases = z
  .array(
    z.object({
      name: z.string(),
      mode: z.enum(['default', 'pii']),
      input: z.unknown(),
      mustHide: z.array(z.string()),
      mustKeep: z.array(z.string()),
    }),
  )
  .parse(JSON.parse(readFileSync(new URL('./fixtures/cases.json', import.meta.url), 'utf8')));

function captureLogger(pii: boolean) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: pino({ ...pinoSanitizerOptions({ pii }) }, destination) };
}

/** Logs a fixture the way a host would: text as the message, an array as printf arguments. */
function logFixture(logger: pino.Logger, input: unknown): void {
  if (typeof input === 'string') logger.info(input);
  else if (Array.isArray(input)) logger.info(String(input[0]), ...input.slice(1));
  else logger.info(input as object, 'fixture');
}

describe('pino with pinoSanitizerOptions on the shared log fixtures', () => {
  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const { lines, logger } = captureLogger(testCase.mode === 'pii');

    logFixture(logger, testCase.input);

    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    expect(() => JSON.parse(line)).not.toThrow();
    for (const secret of testCase.mustHide) expect(line).not.toContain(secret);
  });

  it('keeps the text around the secrets of a string fixture in msg', () => {
    const { lines, logger } = captureLogger(false);
    const graphUrl = cases[0];
    if (graphUrl === undefined || typeof graphUrl.input !== 'string')
      throw new Error('fixture 0 is text');

    logger.info(graphUrl.input);

    const message = (JSON.parse(lines[0] ?? '{}') as { msg: string }).msg;
    for (const kept of graphUrl.mustKeep) expect(message).toContain(kept);
  });
});
