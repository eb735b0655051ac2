const separators = /[\s().-]/g;

/**
 * Normalizes a WhatsApp sender to E.164 (`+` and 8 to 15 digits), or returns `null`.
 *
 * Accepts what providers send: Cloud API digits without `+`, YCloud's `+E.164`, Twilio's
 * `whatsapp:+E.164`, and human formatting with spaces, dashes, dots or parentheses.
 *
 * @example
 * normalizePhone('whatsapp:+1 305 555 0123'); // '+13055550123'
 */
export function normalizePhone(input: string): string | null {
  const withoutChannel = input.trim().replace(/^whatsapp:/i, '');
  const compact = withoutChannel.replace(separators, '');
  const digits = compact.replace(/^(\+|00)/, '');

  if (!/^[1-9]\d{7,14}$/.test(digits)) return null;
  return `+${digits}`;
}

/**
 * Masks an E.164 phone for logs and responses: the country prefix and the last two digits stay.
 *
 * @example
 * maskPhone('+5491155500142'); // '+54*********42'
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return '*'.repeat(digits.length);
  return `+${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`;
}
