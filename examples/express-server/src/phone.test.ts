import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone, readPhone } from './phone.js';

describe('readPhone', () => {
  it.each([
    ['5491155500142', '+5491155500142'],
    ['+5511955014477', '+5511955014477'],
    ['whatsapp:+13055550123', '+13055550123'],
    ['WhatsApp:+13055550123', '+13055550123'],
    ['+54 9 11 5550-0163', '+5491155500163'],
    ['0013055550123', '+13055550123'],
    ['00 1 (305) 555-0123', '+13055550123'],
    ['+1 (305) 555-0123', '+13055550123'],
  ])('reads %j as %j', (input, expected) => {
    expect(readPhone(input)).toEqual({ ok: true, phone: expected });
  });

  it.each([
    ['+54 9 11 5550-0142', '+5491155500142'],
    ['+54 11 5550-0142', '+5491155500142'],
    ['541155500142', '+5491155500142'],
    ['0054 11 5550-0142', '+5491155500142'],
    ['+54 351 555-0142', '+5493515550142'],
  ])('reads the Argentine mobile %j in its +549 form %j', (input, expected) => {
    expect(readPhone(input)).toEqual({ ok: true, phone: expected });
  });

  it.each([
    ['+52 1 55 5550 0142', '+5215555500142'],
    ['+52 55 5550 0142', '+525555500142'],
    ['+55 11 95501-3388', '+5511955013388'],
    ['+55 11 5501-3388', '+551155013388'],
  ])('keeps the Mexican and Brazilian spelling %j as %j, unmerged', (input, expected) => {
    expect(readPhone(input)).toEqual({ ok: true, phone: expected });
  });

  it('reads bare digits of WhatsApp id length as carrying their country code', () => {
    expect(readPhone('3055550123')).toEqual({ ok: true, phone: '+3055550123' });
  });

  it.each(['(305) 555-0123', '305 555 0123', '305-555-0123', '(305) 555.0123 ', '12345'])(
    'asks for the international form for %j',
    (input) => {
      expect(readPhone(input)).toEqual({ ok: false, problem: 'international_form_required' });
    },
  );

  it.each(['', 'abc', '+0123456789', '+1234567890123456', 'AR.7720394817265503918', '+12 ab'])(
    'refuses %j as invalid',
    (input) => {
      expect(readPhone(input)).toEqual({ ok: false, problem: 'invalid' });
    },
  );
});

describe('normalizePhone', () => {
  it('returns the E.164 form or null', () => {
    expect(normalizePhone('whatsapp:+1 305 555 0123')).toBe('+13055550123');
    expect(normalizePhone('(305) 555-0123')).toBeNull();
  });
});

describe('maskPhone', () => {
  it('keeps the country prefix and the last two digits', () => {
    expect(maskPhone('+5491155500142')).toBe('+54*********42');
  });

  it('masks a very short value entirely', () => {
    expect(maskPhone('+1234')).toBe('****');
  });
});
