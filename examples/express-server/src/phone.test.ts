import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['5491155500142', '+5491155500142'],
    ['+5511955014477', '+5511955014477'],
    ['whatsapp:+13055550123', '+13055550123'],
    ['WhatsApp:+13055550123', '+13055550123'],
    ['+54 9 11 5550-0163', '+5491155500163'],
    ['(305) 555.0123 ', '+3055550123'],
    ['0013055550123', '+13055550123'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['', 'abc', '+0123456789', '12345', '+1234567890123456', 'AR.7720394817265503918'])(
    'rejects %j',
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );
});

describe('maskPhone', () => {
  it('keeps the country prefix and the last two digits', () => {
    expect(maskPhone('+5491155500142')).toBe('+54*********42');
  });

  it('masks a very short value entirely', () => {
    expect(maskPhone('+1234')).toBe('****');
  });
});
