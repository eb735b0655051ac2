/** Longest text kept from a webhook field; longer input is cut, never rejected. */
const DEFAULT_MAX_LENGTH = 4096;

/**
 * Reads an optional provider text field. Providers send `""`, `null` or nothing for "absent", so
 * all three become `null`; anything that is not a string is treated as absent too.
 */
export function cleanText(value: unknown, maxLength = DEFAULT_MAX_LENGTH): string | null {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (typeof candidate !== 'string') return null;

  const trimmed = candidate.trim();
  if (trimmed === '') return null;
  return trimmed.length > maxLength ? trimmed.slice(0, maxLength) : trimmed;
}

/**
 * Reads a Meta object id. Ids are kept as strings; a JSON number is accepted only while it is
 * still exact, because `Number("120214583920175512")` has already lost the last digits.
 */
export function cleanId(value: unknown): string | null {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  }
  if (typeof value === 'bigint') return value >= 0n ? value.toString() : null;
  return cleanText(value, 128);
}

/** True for plain objects (including null-prototype ones), false for arrays and primitives. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
