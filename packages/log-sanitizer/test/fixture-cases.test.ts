import { readFileSync } from 'node:fs';
import { sanitize } from '@ctwa/log-sanitizer';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const logCase = z.object({
  name: z.string(),
  mode: z.enum(['default', 'pii']),
  input: z.unknown(),
  mustHide: z.array(z.string()),
  mustKeep: z.array(z.string()),
});

const cases = z
  .array(logCase)
  .parse(JSON.parse(readFileSync(new URL('./fixtures/cases.json', import.meta.url), 'utf8')));

function render(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

describe('sanitize on the shared log fixtures', () => {
  it('loads all 25 cases', () => {
    expect(cases).toHaveLength(25);
  });

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const output = render(sanitize(testCase.input, { pii: testCase.mode === 'pii' }));

    for (const secret of testCase.mustHide) expect(output).not.toContain(secret);
    for (const kept of testCase.mustKeep) expect(output).toContain(kept);
  });

  it('leaves every fixture input unchanged', () => {
    const before = JSON.stringify(cases);
    for (const testCase of cases) sanitize(testCase.input, { pii: true });
    expect(JSON.stringify(cases)).toBe(before);
  });
});
