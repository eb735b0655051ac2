import { describe, expect, it } from 'vitest';
import { withoutNulCharacters } from './referral-input.js';

describe('withoutNulCharacters', () => {
  it('removes NUL from strings and keys at every level, keeping other values', () => {
    const input = {
      source_id: '120214583920175512',
      'head\u0000line': 'Implantes\u0000 dentales',
      nested: [{ body: '\u0000Hola\u0000' }, 7, true, null],
    };

    expect(withoutNulCharacters(input)).toEqual({
      source_id: '120214583920175512',
      headline: 'Implantes dentales',
      nested: [{ body: 'Hola' }, 7, true, null],
    });
  });

  it('keeps newlines and other text untouched', () => {
    expect(withoutNulCharacters('línea 1\nlínea 2\t✓')).toBe('línea 1\nlínea 2\t✓');
  });

  it('replaces structures nested deeper than any provider sends with null', () => {
    let deep: unknown = { headline: 'x' };
    for (let level = 0; level < 20; level++) deep = { inner: deep };
    let walked = withoutNulCharacters(deep);
    let levels = 0;
    while (typeof walked === 'object' && walked !== null && 'inner' in walked) {
      walked = walked.inner;
      levels++;
    }

    expect([levels, walked]).toEqual([16, null]);
  });
});
