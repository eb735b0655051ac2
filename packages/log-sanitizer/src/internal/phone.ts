import { maskPhoneDigits } from '../patterns.js';

const PHONE_VALUE =
  /^(?<prefix>(?:whatsapp|tel)(?::|%3A))?(?<plus>\+|%2B)?(?<number>\d[\d .()-]{5,24})$/i;

/**
 * Masks a value that stands under a phone-like key (`from`, `wa_id`, `phone`) when it looks like
 * a phone number: 7 to 15 digits, with an optional `+`, separators or `whatsapp:` prefix.
 * Returns null for anything else, so `from: "clinic"` is left alone.
 */
export function maskPhoneValue(value: string | number): string | null {
  const text = typeof value === 'number' ? String(value) : value;
  const groups = PHONE_VALUE.exec(text)?.groups;
  if (groups === undefined) return null;

  const number = groups.number ?? '';
  const digitCount = number.replace(/\D/g, '').length;
  if (digitCount < 7 || digitCount > 15) return null;
  return `${groups.prefix ?? ''}${groups.plus ?? ''}${maskPhoneDigits(number)}`;
}
