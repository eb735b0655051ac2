const NUL = '\u0000';

/** Deeper than any provider's shape: a whole Cloud API webhook body nests about ten levels. */
const MAX_DEPTH = 16;

/**
 * Removes NUL characters from every string and key of a referral as it arrived, before it is
 * normalized and stored. Postgres text cannot hold 0x00, so one NUL in a headline would otherwise
 * fail the write and cost the attribution on every retry. Structures nested deeper than any
 * provider sends become `null`, which keeps the walk bounded for hostile bodies.
 *
 * @example
 * withoutNulCharacters({ headline: 'Implantes\u0000' }); // { headline: 'Implantes' }
 */
export function withoutNulCharacters(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replaceAll(NUL, '');
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return null;

  if (Array.isArray(value)) return value.map((item) => withoutNulCharacters(item, depth + 1));
  const cleaned: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    cleaned[key.replaceAll(NUL, '')] = withoutNulCharacters(item, depth + 1);
  }
  return cleaned;
}
