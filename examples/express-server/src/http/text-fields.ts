import { z } from 'zod';

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DELETE = 0x7f;

// NUL is rejected by Postgres text columns; the other C0 controls have no place in an id and
// usually mean a corrupted or hostile payload.
function hasControlCharacter(text: string, allowLineBreaks: boolean): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 && code !== DELETE) continue;
    if (allowLineBreaks && (code === TAB || code === LINE_FEED || code === CARRIAGE_RETURN)) {
      continue;
    }
    return true;
  }
  return false;
}

/** A non-empty id or token-like field: no NUL, no control character at all. */
export function singleLineText(maxLength: number) {
  return z
    .string()
    .min(1)
    .max(maxLength)
    .refine((text) => !hasControlCharacter(text, false), {
      message: 'must not contain NUL or other control characters',
    });
}

/** Free text such as a chat message: tabs and line breaks are fine, NUL and other controls not. */
export function multiLineText(maxLength: number) {
  return z
    .string()
    .max(maxLength)
    .refine((text) => !hasControlCharacter(text, true), {
      message: 'must not contain NUL or control characters other than tabs and line breaks',
    });
}
