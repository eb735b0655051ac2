const TAB = 0x09;
const LINE_FEED = 0x0a;
const DELETE = 0x7f;

/**
 * How one provider field is cleaned. Texts longer than `maxLength` are cut; identifiers and URLs
 * (`overflow: 'drop'`) are dropped instead, because a cut id or URL would point somewhere else.
 */
export interface TextRule {
  maxLength: number;
  /** Keeps tabs and line breaks (CRLF and CR become LF); single-line fields lose them. */
  multiline?: boolean;
  overflow?: 'cut' | 'drop';
}

/** A short single-line token such as a media or source type; longer values are dropped. */
const TOKEN: TextRule = { maxLength: 32, overflow: 'drop' };

/**
 * Reads an optional provider text field. Providers send `""`, `null` or nothing for "absent", so
 * all three become `null`; anything that is not a string (arrays included) is absent too. Control
 * characters are removed first: Postgres rejects NUL in text, and the other C0 controls are
 * noise that no ad text or id legitimately carries.
 */
export function cleanText(value: unknown, rule: TextRule = TOKEN): string | null {
  if (typeof value !== 'string') return null;
  const text = withoutControlCharacters(value, rule.multiline === true).trim();
  if (text === '') return null;
  if (text.length <= rule.maxLength) return text;
  return rule.overflow === 'drop' ? null : cutAt(text, rule.maxLength);
}

/** Longest Meta object id kept; real ids have 15 to 20 digits. */
const ID_RULE: TextRule = { maxLength: 128, overflow: 'drop' };

/**
 * Reads a Meta object id. Ids are kept as strings; a JSON number is accepted only while it is
 * still exact, because `Number("120214583920175512")` has already lost the last digits.
 */
export function cleanId(value: unknown): string | null {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  }
  if (typeof value === 'bigint') return value >= 0n ? value.toString() : null;
  return cleanIdText(value, ID_RULE);
}

/**
 * True for a JSON number too large to be an exact integer, such as an 18-digit ad id a JSON
 * parser already rounded: the id itself is lost, but the value proves that one was sent.
 */
export function isImpreciseId(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > Number.MAX_SAFE_INTEGER;
}

/** Longest provider message id kept (wamids run near 60 characters, Twilio sids 34). */
const MESSAGE_ID_RULE: TextRule = { maxLength: 256, overflow: 'drop' };

/**
 * Reads a provider message id, the dedupe key of a touch. An overlong one is dropped rather than
 * cut, since a cut id could collide with another message's.
 */
export function cleanMessageId(value: unknown): string | null {
  return cleanText(value, MESSAGE_ID_RULE);
}

/** A Meta id holding a control character is dropped, never spliced: "1\u00002" is not "12". */
function cleanIdText(value: unknown, rule: TextRule): string | null {
  if (typeof value === 'string' && hasControlCharacter(value)) return null;
  return cleanText(value, rule);
}

/** True for plain objects (including null-prototype ones), false for arrays and primitives. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Removes C0 control characters and DEL; `multiline` keeps tabs and line breaks (CRLF and CR
 * become LF). Postgres rejects NUL in text, failing the whole statement.
 */
export function withoutControlCharacters(text: string, multiline: boolean): string {
  if (!hasControlCharacter(text)) return text;
  const normalized = multiline ? text.replace(/\r\n?/g, '\n') : text;
  let kept = '';
  for (const character of normalized) {
    const code = character.charCodeAt(0);
    const isControl = code < 0x20 || code === DELETE;
    if (!isControl || (multiline && (code === TAB || code === LINE_FEED))) kept += character;
  }
  return kept;
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === DELETE) return true;
  }
  return false;
}

/** Cuts without splitting a surrogate pair, which would leave an unpaired half behind. */
function cutAt(text: string, maxLength: number): string {
  const lastKept = text.charCodeAt(maxLength - 1);
  const splitsPair = lastKept >= 0xd800 && lastKept <= 0xdbff;
  return text.slice(0, splitsPair ? maxLength - 1 : maxLength).trimEnd();
}
