import type { KeyClassifier, KeyVerdict } from './key-classifier.js';
import { maskPhoneValue } from './phone.js';
import { MAX_FINDINGS_PER_TEXT } from './withheld.js';

/** Finds `key=value`, `key: value`, `"key":"value"` and `key%3Dvalue` where the key is sensitive. */
export interface KeyValueScanner {
  /**
   * Returns the scrubbed text, or null when it holds more than `MAX_FINDINGS_PER_TEXT` sensitive
   * keys. `jsonLine`: the text is a serialized JSON line, where a bare `"` ends a string.
   */
  scan(text: string, jsonLine: boolean): string | null;
}

export interface KeyValueScanConfig {
  readonly classifier: KeyClassifier;
  readonly pii: boolean;
  readonly censor: string;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/** The parts AFTER_KEY captures, by group number (numbered groups are cheaper to build). */
interface ValueParts {
  readonly keyQuote: string | undefined;
  readonly separator: string | undefined;
  readonly doubleQuoted: string | undefined;
  /** The backslashes before the opening quote of a string nested in a JSON string. */
  readonly escapeRun: string | undefined;
  readonly singleQuoted: string | undefined;
  readonly bare: string | undefined;
}

function partsOf(found: RegExpExecArray): ValueParts {
  return {
    keyQuote: found[1],
    separator: found[2],
    doubleQuoted: found[3],
    escapeRun: found[4],
    singleQuoted: found[5],
    bare: found[6],
  };
}

const SCHEME_WORDS = 'bearer|basic|digest|token|bot|oauth|negotiate';

// From the end of the key: optional closing quote (escaped once per level of JSON nested in a
// JSON string: `\"`, `\\\"`...), the separator, then the value. A quoted value runs to its
// closing quote, so a password with spaces is hidden whole; a JSON string (`"..."`) may hold
// escapes, a single-quoted one stops at the first backslash or double quote (in a JSON line a bare
// `"` ends the surrounding string). For a string nested in a JSON string only its opening
// backslashes and quote are matched here; `escapedStringEnd` finds where it closes. Every branch
// stops at the next quote, so no start can scan further than that: linear over the whole text.
const AFTER_KEY = new RegExp(
  [
    `(\\\\*["'])?[ \\t]{0,3}(=|:|%3D|%253D)[ \\t]{0,3}`,
    '(?:"((?:[^"\\\\]|\\\\.)*)"',
    '|(\\\\+)"',
    "|'([^'\"\\\\\\r\\n]*)'",
    '|(-----BEGIN[ A-Z0-9_]{0,64}-----(?:[A-Za-z0-9+/=\\s:,]|\\\\[nrt])*(?:-----END[ A-Z0-9_]{0,64}-----)?',
    // An authorization scheme and its credential (`Bearer abc`) are one value, whatever follows.
    `|(?:${SCHEME_WORDS})(?:[ \\t]{1,4}|%20)[A-Za-z0-9\\-._~+/]+=*`,
    // A bare value stops at whitespace, quotes, a backslash (so JSON escapes stay whole),
    // brackets and query delimiters, raw or percent-encoded (`%26` is `&`, `%20` a space).
    `|(?:[^\\s&#"'\\\\%,;<>()\\[\\]{}]|%(?!2[0356]|22|5C)[0-9A-Fa-f]{2})+))`,
  ].join(''),
  'iy',
);
// `Authorization: Bearer <token>` keeps its scheme; only the credential is hidden.
const SCHEME = new RegExp(`^(?:${SCHEME_WORDS})(?:[ \\t]{1,4}|%20)`, 'i');
const PROSE_WORD = /^[A-Za-z][a-z]{0,15}$/;
const JSON_NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const PASSWORD_LIKE = /pass|pwd|secret/;
const MAX_KEY_LENGTH = 64;
const VALUE_END = /[\s"'\\&,;#]/;
const SEPARATORS = [':', '=', '%'] as const;
const LONG_TEXT = 16_384;

function isKeyChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 45 ||
    code === 46
  );
}

function isQuote(code: number): boolean {
  return code === 34 || code === 39;
}

/** Cheapest test first: a key, its closing quote or a space must come right before a separator. */
function followsKey(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  return isKeyChar(before) || isQuote(before) || before === 32 || before === 9;
}

/**
 * A `"` nested `depth` JSON strings deep is escaped by 2^depth - 1 backslashes (`\"`, `\\\"`...):
 * a count of all one bits. Any other count means the quote closes an enclosing string.
 */
function isNestingRun(run: number): boolean {
  return (run & (run + 1)) === 0;
}

/**
 * Where the key before the separator at `index` ends: past spaces and an optional quote with the
 * backslashes that escape it. A quote escaped the wrong way leaves no key (the run ends it).
 */
function keyEndBefore(text: string, index: number): number {
  let cursor = index - 1;
  for (let spaces = 0; spaces < 3; spaces += 1) {
    const code = text.charCodeAt(cursor);
    if (code !== 32 && code !== 9) break;
    cursor -= 1;
  }
  const quote = text.charCodeAt(cursor);
  if (!isQuote(quote)) return cursor + 1;
  const quoteAt = cursor;
  cursor -= 1;
  while (cursor >= 0 && text.charCodeAt(cursor) === 92) cursor -= 1;
  const run = quoteAt - cursor - 1;
  const fits = quote === 34 ? isNestingRun(run) : run <= 1;
  return fits ? cursor + 1 : quoteAt;
}

/**
 * Where a string nested in a JSON string closes: the content starts at `from` and the opening
 * quote had `run` (2^depth - 1) backslashes. Each quote ahead is read by its backslash count:
 * `run` plus an even number of the depth's escaped backslashes (`run + 1` each) closes the string,
 * plus an odd number is a quote escaped inside it, and any other count belongs to an enclosing
 * string, so the look stops there with -1. No look passes a quote of its own depth or a shallower
 * one, so the looks from keys of one depth never overlap: linear for each depth in the text.
 */
function escapedStringEnd(text: string, from: number, run: number): number {
  let quote = text.indexOf('"', from);
  while (quote !== -1) {
    let runStart = quote;
    while (runStart > from && text.charCodeAt(runStart - 1) === 92) runStart -= 1;
    const escapedBackslashes = (quote - runStart - run) / (run + 1);
    if (!Number.isInteger(escapedBackslashes) || escapedBackslashes < 0) return -1;
    if (escapedBackslashes % 2 === 0) return quote - run;
    quote = text.indexOf('"', quote + 1);
  }
  return -1;
}

function keyStartBefore(text: string, keyEnd: number): number {
  let cursor = keyEnd - 1;
  while (cursor >= 0 && keyEnd - cursor <= MAX_KEY_LENGTH && isKeyChar(text.charCodeAt(cursor))) {
    cursor -= 1;
  }
  // `%3Faccess_token` and `\npwd`: the run picked up the tail of a percent or a JSON escape.
  if (text.charAt(cursor) === '%') return cursor + 3;
  if (text.charAt(cursor) === '\\' && 'nrtbf'.includes(text.charAt(cursor + 1))) return cursor + 2;
  return cursor + 1;
}

/** `%3D` or `%253D` (a double-encoded `=`), in either case. */
function isEncodedEquals(text: string, index: number): boolean {
  const at = text.startsWith('25', index + 1) ? index + 3 : index + 1;
  return text.charCodeAt(at) === 51 && (text.charCodeAt(at + 1) | 0x20) === 100;
}

/** What surrounds a value in the text, beyond the key's own verdict. */
interface ValueContext {
  readonly parts: ValueParts;
  readonly quoted: boolean;
  /** An authorization scheme (`Bearer `) came before the value. */
  readonly schemed: boolean;
}

/**
 * Refines a key's verdict with what surrounds the value: `"ok":true` holds nothing to hide, and
 * `token: expired` after a bare colon is prose, not a credential, unless a scheme precedes it
 * (`Authorization: Bearer abc` is a header whatever the credential looks like).
 */
function judge(verdict: KeyVerdict, key: string, value: string, context: ValueContext): KeyVerdict {
  const { parts, quoted: valueQuoted } = context;
  const keyQuoted = parts.keyQuote !== undefined;
  // A quoted key with an unquoted value is a JSON literal: a number may be a PIN or a phone
  // number, while true, false and null hold nothing to hide.
  if (keyQuoted && !valueQuoted && !JSON_NUMBER.test(value)) return null;

  const bareColon = !keyQuoted && !valueQuoted && parts.separator === ':';
  if (verdict === 'secret' && bareColon && !context.schemed && PROSE_WORD.test(value)) {
    return PASSWORD_LIKE.test(key.toLowerCase()) ? 'secret' : null;
  }
  return verdict;
}

/**
 * A double-quoted value belongs to its key only when the quoting agrees: in a JSON line a bare `"`
 * after an unquoted key (`"msg":"token="`) closes the surrounding string, it does not open a value.
 */
function quotesPair(parts: ValueParts, jsonLine: boolean): boolean {
  const { keyQuote } = parts;
  if (parts.doubleQuoted !== undefined) {
    return keyQuote === '"' || (!jsonLine && keyQuote === undefined);
  }
  const { escapeRun } = parts;
  if (escapeRun === undefined) return true;
  return isNestingRun(escapeRun.length) && (keyQuote === undefined || keyQuote === `${escapeRun}"`);
}

/** A value's text between its quotes (undefined when unquoted) and where that text ends. */
interface ValueSpan {
  readonly quoted: string | undefined;
  readonly end: number;
}

/** `matchEnd`: where AFTER_KEY stopped, past a closing quote or, for a nested string, its opening. */
function valueSpan(text: string, parts: ValueParts, matchEnd: number): ValueSpan | null {
  if (parts.escapeRun !== undefined) {
    const end = escapedStringEnd(text, matchEnd, parts.escapeRun.length);
    return end === -1 ? null : { quoted: text.slice(matchEnd, end), end };
  }
  const quoted = parts.doubleQuoted ?? parts.singleQuoted;
  return { quoted, end: quoted === undefined ? matchEnd : matchEnd - 1 };
}

function applyEdits(text: string, edits: Edit[]): string {
  edits.sort((left, right) => left.start - right.start);
  let result = '';
  let cursor = 0;
  for (const edit of edits) {
    if (edit.start < cursor) continue;
    result += text.slice(cursor, edit.start) + edit.replacement;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/**
 * Builds the scanner. It visits separators with `indexOf` (far cheaper than a regex alternation
 * of key words), looks back at the key that ends there, and only for a sensitive key parses the
 * value with a sticky regex. Linear: each separator is looked at once, each look is bounded.
 */
export function createKeyValueScanner(config: KeyValueScanConfig): KeyValueScanner {
  const { classifier, pii, censor } = config;
  const afterKey = new RegExp(AFTER_KEY.source, AFTER_KEY.flags);

  function valueEdit(
    text: string,
    key: { start: number; end: number; verdict: KeyVerdict },
    jsonLine: boolean,
  ): Edit | null {
    afterKey.lastIndex = key.end;
    const found = afterKey.exec(text);
    if (found === null) return null;
    const parts = partsOf(found);
    if (!quotesPair(parts, jsonLine)) return null;
    const span = valueSpan(text, parts, key.end + found[0].length);
    if (span === null) return null;
    const { quoted } = span;
    const whole = quoted ?? parts.bare;
    if (whole === undefined || whole === '') return null;

    const scheme = SCHEME.exec(whole)?.[0] ?? '';
    const value = whole.slice(scheme.length);
    if (value === '' || value === censor) return null;
    const judged = judge(key.verdict, text.slice(key.start, key.end), value, {
      parts,
      quoted: quoted !== undefined,
      schemed: scheme !== '',
    });
    const { end } = span;
    const start = end - value.length;
    // A number replaced by text must become a string, quoted like its key, to stay valid JSON.
    const wrap = quoted === undefined ? (parts.keyQuote ?? '') : '';
    if (judged === 'secret') return { start, end, replacement: wrap + censor + wrap };
    const masked = judged === 'phone' && pii ? maskPhoneValue(value) : null;
    return masked === null ? null : { start, end, replacement: wrap + masked + wrap };
  }

  /** `"authorization":"[REDACTED]"`: the structural pass already hid this whole value. */
  function isCensoredAfter(text: string, separator: number): boolean {
    const valueStart = separator + (text.charCodeAt(separator + 1) === 34 ? 2 : 1);
    if (!text.startsWith(censor, valueStart)) return false;
    const after = text.charAt(valueStart + censor.length);
    return after === '' || VALUE_END.test(after);
  }

  /** Counts sensitive keys met during one scan, to bound the work a crafted text can cause. */
  let findings = 0;

  function editAt(text: string, separator: number, jsonLine: boolean): Edit | null {
    if (text.charCodeAt(separator) === 37 && !isEncodedEquals(text, separator)) return null;
    const keyEnd = keyEndBefore(text, separator);
    if (keyEnd === 0) return null;
    if (!classifier.mayEndRule(text, keyEnd)) return null;

    if (isCensoredAfter(text, separator)) return null;
    const keyStart = keyStartBefore(text, keyEnd);
    if (keyStart >= keyEnd) return null;
    const verdict = classifier.classify(text.slice(keyStart, keyEnd));
    if (verdict === null || (verdict === 'phone' && !pii)) return null;
    findings += 1;
    return valueEdit(text, { start: keyStart, end: keyEnd, verdict }, jsonLine);
  }

  /** The edit the separator at `index` calls for, if any. */
  function visit(text: string, index: number, jsonLine: boolean): Edit | null {
    return followsKey(text, index) ? editAt(text, index, jsonLine) : null;
  }

  /** Short texts: jump from separator to separator with `indexOf`, one kind at a time. */
  function collectByJumps(text: string, jsonLine: boolean, edits: Edit[]): boolean {
    for (const separator of SEPARATORS) {
      let index = text.indexOf(separator);
      while (index !== -1) {
        if (findings > MAX_FINDINGS_PER_TEXT) return false;
        const edit = visit(text, index, jsonLine);
        if (edit !== null) edits.push(edit);
        index = text.indexOf(separator, edit === null ? index + 1 : edit.end);
      }
    }
    return true;
  }

  /**
   * Long texts: one pass over the characters. `indexOf` costs a call per separator, which a text
   * dense with separators (a crafted line of `:=:=...`) turns into most of the time.
   */
  function collectByWalk(text: string, jsonLine: boolean, edits: Edit[]): boolean {
    let previous = 0;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      const before = previous;
      previous = code;
      if (code !== 58 && code !== 61 && code !== 37) continue;
      if (!isKeyChar(before) && !isQuote(before) && before !== 32 && before !== 9) continue;
      if (findings > MAX_FINDINGS_PER_TEXT) return false;
      const edit = editAt(text, index, jsonLine);
      if (edit === null) continue;
      edits.push(edit);
      index = edit.end - 1;
      previous = text.charCodeAt(index);
    }
    return true;
  }

  function scan(text: string, jsonLine: boolean): string | null {
    const edits: Edit[] = [];
    findings = 0;
    const complete =
      text.length > LONG_TEXT
        ? collectByWalk(text, jsonLine, edits)
        : collectByJumps(text, jsonLine, edits);
    if (!complete) return null;
    return edits.length === 0 ? text : applyEdits(text, edits);
  }

  return { scan };
}
