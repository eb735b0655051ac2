const separators = /[\s().-]/g;

/** Why a sender could not be read as a phone number. */
export type PhoneProblem = 'international_form_required' | 'invalid';

/** A sender read as an E.164 phone, or why it could not be. */
export type PhoneReading = { ok: true; phone: string } | { ok: false; problem: PhoneProblem };

/** What a client is told for each {@link PhoneProblem}; it never repeats the number sent. */
export const phoneProblemMessages: Record<PhoneProblem, string> = {
  international_form_required:
    'expected the international form with a leading + or 00 and the country code, such as ' +
    '+54 9 11 5550-0142, or a WhatsApp id of 10 to 15 digits',
  invalid: 'expected a WhatsApp number in E.164 form, such as +5491155500142',
};

/**
 * Reads a WhatsApp sender as an E.164 phone (`+` and 8 to 15 digits).
 *
 * - `+` or `00` and the country code, with any spaces, dashes, dots or parentheses: YCloud's
 *   `+E.164`, Twilio's `whatsapp:+E.164`, a number typed by a person.
 * - Bare digits, 10 to 15 of them and nothing else: a WhatsApp id as the Cloud API sends it in
 *   `from`, which already starts with the country code.
 * - Anything else made of digits, such as `(305) 555-0123`, is refused with
 *   `international_form_required`: without a country code it cannot be told apart from a
 *   number of another country.
 *
 * Argentine mobiles are written with or without the `9` after `+54`; both become the `+549`
 * form that WhatsApp ids use, so one person is one patient.
 *
 * @example
 * readPhone('+54 11 5550-0142'); // { ok: true, phone: '+5491155500142' }
 * readPhone('(305) 555-0123'); // { ok: false, problem: 'international_form_required' }
 */
export function readPhone(input: string): PhoneReading {
  const withoutChannel = input.trim().replace(/^whatsapp:/i, '');
  if (/^[1-9]\d{9,14}$/.test(withoutChannel)) return readDigits(withoutChannel);

  const compact = withoutChannel.replace(separators, '');
  const international = compact.match(/^(?:\+|00)(\d+)$/);
  if (international?.[1] !== undefined) return readDigits(international[1]);
  if (/^\d+$/.test(compact)) return { ok: false, problem: 'international_form_required' };
  return { ok: false, problem: 'invalid' };
}

/**
 * {@link readPhone} for callers that only need the phone: the E.164 form, or `null`.
 *
 * @example
 * normalizePhone('whatsapp:+1 305 555 0123'); // '+13055550123'
 */
export function normalizePhone(input: string): string | null {
  const reading = readPhone(input);
  return reading.ok ? reading.phone : null;
}

function readDigits(digits: string): PhoneReading {
  if (!/^[1-9]\d{7,14}$/.test(digits)) return { ok: false, problem: 'invalid' };
  return { ok: true, phone: `+${withArgentineMobilePrefix(digits)}` };
}

// An Argentine number has 10 digits after 54; WhatsApp writes mobiles as 54 9 and those 10
// digits. No area code starts with 9, so the shorter spelling is always the same line.
function withArgentineMobilePrefix(digits: string): string {
  return /^54\d{10}$/.test(digits) ? `549${digits.slice(2)}` : digits;
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
