import { createSanitizer, defaultPatterns } from '@ctwa/log-sanitizer';
import { describe, expect, it } from 'vitest';
import { META_TOKEN } from './secrets.js';

// Each input is 1 MB built to make a backtracking engine work hard on one pattern family: long
// runs the pattern accepts, prefixes repeated without their ending, near-matches every few bytes.
// Correctness is asserted here; the time is measured and printed by the benchmark.
const SIZE = 1_000_000;
const sanitizer = createSanitizer({ pii: true });

function repeatTo(unit: string): string {
  return unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
}

const unchanged: ReadonlyArray<readonly [string, string]> = [
  ['letters', repeatTo('a')],
  ['digits', repeatTo('9')],
  ['EAA prefixes split by dashes', repeatTo('EAA-')],
  ['percent-encoded EAA prefixes', repeatTo('%3DEAA')],
  ['key words without separators', repeatTo('access_token_')],
  ['JWT-like segments too short to be tokens', repeatTo('eyJab.')],
  ['bearer words', repeatTo('bearer ')],
  ['URL userinfo without @', repeatTo('://user:pass')],
  ['short app-id-like digits and bars', repeatTo('123456789|')],
  ['plus signs before short numbers', repeatTo('+1 ')],
  ['e-mail local parts without a domain', repeatTo('a.b@')],
  ['PEM headers without a body', repeatTo('-----BEGIN PRIVATE KEY-----')],
  ['separators only', repeatTo(':=%')],
  ['a JSON object with a million short keys', repeatTo('"abc":1,')],
];

describe('sanitizeString on 1 MB adversarial inputs', () => {
  it.each(unchanged)('returns %s unchanged', (_name, input) => {
    expect(sanitizer.sanitizeString(input)).toBe(input);
  });

  it.each(unchanged)('still hides a token appended after %s', (_name, input) => {
    expect(sanitizer.sanitizeString(`${input} access_token=${META_TOKEN}`)).toBe(
      `${input} access_token=[REDACTED]`,
    );
  });

  it('hides every value when a text holds up to 10,000 secrets', () => {
    const input = 'token=a1&'.repeat(10_000);
    expect(sanitizer.sanitizeString(input)).toBe('token=[REDACTED]&'.repeat(10_000));
  });

  it.each([
    ['125,000 key=value pairs', repeatTo('token=a1&')],
    ['escaped quotes after a key word', repeatTo('\\"token\\":\\"')],
    ['phone numbers back to back', repeatTo('+12025550143 ')],
    ['escaped quotes two levels deep', repeatTo('\\\\\\"token\\\\\\":\\\\\\"')],
    ['nested strings opened and closed', repeatTo('\\"pwd\\":\\"a\\\\\\"b')],
  ])('withholds a text with more than 10,000 secrets: %s', (_name, input) => {
    expect(sanitizer.sanitizeString(input)).toBe(
      '[REDACTED] (withheld: more than 10000 secrets in one text)',
    );
  });

  it('withholds such a JSON line as a JSON line that keeps its level', () => {
    const line = `{"level":40,"msg":"${'token=a1&'.repeat(20_000)}"}\n`;
    const output = sanitizer.sanitizeJsonLine(line);

    expect(JSON.parse(output)).toEqual({
      level: 40,
      msg: '[REDACTED] (withheld: more than 10000 secrets in one text)',
    });
    expect(output.endsWith('\n')).toBe(true);
  });

  it('hides a 1 MB nested string whole, past the deeper quotes inside it, up to its own', () => {
    const inner = '\\\\\\\\\\\\\\"x'.repeat(SIZE / 10);
    const text = `{\\"password\\":\\"${inner}\\",\\"user\\":\\"ana\\"}`;
    expect(sanitizer.sanitizeString(text)).toBe(
      '{\\"password\\":\\"[REDACTED]\\",\\"user\\":\\"ana\\"}',
    );
  });

  it('returns a nested string that never closes unchanged', () => {
    const text = `\\"password\\":\\"${repeatTo('\\\\\\"a')}`;
    expect(sanitizer.sanitizeString(text)).toBe(text);
  });

  it('hides a 1 MB value whole', () => {
    expect(sanitizer.sanitizeString(`token=${'b'.repeat(SIZE)}`)).toBe('token=[REDACTED]');
    expect(sanitizer.sanitizeString(`EAAB${'x'.repeat(SIZE)}`)).toBe('[REDACTED]');
    expect(sanitizer.sanitizeString(repeatTo('EAA'))).toBe('[REDACTED]');
  });

  it('hides 1 MB of chained JWT-shaped segments without leaving a segment', () => {
    expect(sanitizer.sanitizeString(repeatTo('eyJabcdefgh.'))).not.toMatch(/eyJ/);
  });

  it('keeps every built-in pattern free of nested repetition and backreferences', () => {
    for (const pattern of defaultPatterns) {
      expect(pattern.regex.source).not.toMatch(/\\[1-9]|\\k</);
    }
  });
});
