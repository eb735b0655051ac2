/** Seven or more digits, possibly split by phone punctuation: long enough to be a phone number. */
const digitRun = /\+?\d(?:[\s().-]*\d){6,}/g;
const safeId = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_PATH_LENGTH = 120;
const MAX_ID_LENGTH = 64;

/**
 * Hides every digit of a phone-like run but the last four, so an echoed path or value never
 * carries a whole phone number.
 *
 * @example
 * maskDigitRuns('/phone/+1 305 555 0117'); // '/phone/*******0117'
 */
export function maskDigitRuns(text: string): string {
  return text.replace(digitRun, (run) => {
    const digits = run.replace(/\D/g, '');
    return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  });
}

/**
 * A request path as it may appear in a response: percent-decoded when possible, control
 * characters replaced, phone-like digits masked, and at most 120 characters.
 *
 * @example
 * displayablePath('/admin/patients/phone/%2B13055550117'); // '/admin/patients/phone/*******0117'
 */
export function displayablePath(rawPath: string): string {
  const shown = maskDigitRuns(withoutControlCharacters(safelyDecoded(rawPath)));
  return shown.length > MAX_PATH_LENGTH ? `${shown.slice(0, MAX_PATH_LENGTH - 1)}…` : shown;
}

/**
 * An id from a request that is safe to repeat in a message (letters, digits, `.`, `_`, `-`, at
 * most 64 characters, phone-like digits masked), or `null` when it should not be repeated.
 *
 * @example
 * echoableId('no-such-clinic'); // 'no-such-clinic'
 * echoableId('<script>'); // null
 */
export function echoableId(value: string): string | null {
  if (value.length > MAX_ID_LENGTH || !safeId.test(value)) return null;
  return maskDigitRuns(value);
}

function withoutControlCharacters(text: string): string {
  let result = '';
  for (const character of text) {
    const code = character.charCodeAt(0);
    result += code < 0x20 || code === 0x7f ? '?' : character;
  }
  return result;
}

// A malformed percent escape must not turn a 404 into a 500.
function safelyDecoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
