import { describe, expect, it } from 'vitest';
import { displayablePath, echoableId, maskDigitRuns } from './untrusted-text.js';

describe('maskDigitRuns', () => {
  it.each([
    ['+13055550117', '*******0117'],
    ['+1 (305) 555-0117', '*******0117'],
    ['5491155500142', '*********0142'],
    ['turno 12 a las 1530', 'turno 12 a las 1530'],
  ])('masks %j as %j', (input, expected) => {
    expect(maskDigitRuns(input)).toBe(expected);
  });
});

describe('displayablePath', () => {
  it('masks a phone in the path, decoded or not', () => {
    expect(displayablePath('/admin/patients/phone/+13055550117')).toBe(
      '/admin/patients/phone/*******0117',
    );
    expect(displayablePath('/admin/patients/phone/%2B1%20305%20555%200117')).toBe(
      '/admin/patients/phone/*******0117',
    );
  });

  it('replaces control characters, keeps a bad escape as sent and cuts long paths', () => {
    expect(displayablePath('/a%00b%1Bc')).toBe('/a?b?c');
    expect(displayablePath('/bad%E0%A4%A')).toBe('/bad%E0%A4%A');
    expect(displayablePath(`/${'x'.repeat(300)}`)).toBe(`/${'x'.repeat(118)}…`);
  });
});

describe('echoableId', () => {
  it('repeats a plain id and masks a phone-like one', () => {
    expect(echoableId('no-such-clinic')).toBe('no-such-clinic');
    expect(echoableId('13055550117')).toBe('*******0117');
  });

  it.each(['<script>', 'a b', '"quoted"', 'x'.repeat(65), '-leading-dash'])(
    'refuses to repeat %j',
    (value) => {
      expect(echoableId(value)).toBeNull();
    },
  );
});
