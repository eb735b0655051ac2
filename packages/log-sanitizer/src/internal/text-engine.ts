import type { SanitizerPattern } from '../types.js';
import type { KeyClassifier, KeyVerdict } from './key-classifier.js';
import { maskPhoneValue } from './phone.js';

/** Scrubs free text with every active pattern and key rule. */
export interface TextEngine {
  scrub(text: string): string;
}

interface Alternative {
  readonly group: string;
  readonly preGroup: string | null;
  readonly secretGroup: string | null;
  readonly replace: ((secret: string, censor: string) => string) | null;
}

interface Scan {
  readonly regex: RegExp;
  readonly alternatives: readonly Alternative[];
  readonly withKeyValues: boolean;
}

export interface TextEngineConfig {
  readonly patterns: readonly SanitizerPattern[];
  readonly classifier: KeyClassifier;
  readonly pii: boolean;
  readonly censor: string;
}

// Separator between a key and its value in `k=v`, `k: v`, `"k":"v"`, `\"k\":\"v\"` (a JSON
// string inside a JSON line), `'k': 'v'` (util.inspect) and percent-encoded `k%3Dv`.
const SEPARATOR = `(?<kvq1>\\\\?["'])?[ \\t]{0,3}(?<kvsep>=|:|%3D|%253D)[ \\t]{0,3}(?<kvq2>\\\\?["'])?`;
const SCHEME = '(?<kvscheme>(?:bearer|basic|digest|token|bot|oauth|negotiate)[ \\t]{1,4})?';
const PEM_VALUE =
  '-----BEGIN[ A-Z0-9_]{0,64}-----(?:[A-Za-z0-9+/=\\s:,]|\\\\[nrt])*(?:-----END[ A-Z0-9_]{0,64}-----)?';
// A value stops at whitespace, quotes, a backslash (so JSON escapes stay whole), brackets and
// query delimiters, raw or percent-encoded (`%26` is `&`, `%23` is `#`, `%20` a space).
const VALUE_UNIT = `[^\\s&#"'\\\\%,;<>()\\[\\]{}]|%(?!2[0356]|22|5C)[0-9A-Fa-f]{2}`;
const PROSE_WORD = /^[A-Za-z][a-z]{0,15}$/;
const PASSWORD_LIKE = /pass|pwd|secret/;

function keyValueSource(alternation: string): string {
  return `(?<kv>(?<kvkey>${alternation})${SEPARATOR}${SCHEME}(?<kvvalue>${PEM_VALUE}|(?:${VALUE_UNIT})+))`;
}

/** Renames a pattern's named groups so several patterns fit in one alternation. */
function renameGroups(source: string, prefix: string): string {
  return source.replace(/\(\?<([A-Za-z_$][\w$]*)>/g, `(?<${prefix}_$1>`);
}

function toAlternative(pattern: SanitizerPattern, group: string): Alternative {
  const source = pattern.regex.source;
  return {
    group,
    preGroup: source.includes('(?<pre>') ? `${group}_pre` : null,
    secretGroup: source.includes('(?<secret>') ? `${group}_secret` : null,
    replace: pattern.replace ?? null,
  };
}

function flagsOf(regex: RegExp): string {
  return regex.flags.replace(/[gyd]/g, '');
}

/** Groups patterns by flags: one combined regex per flag set, so most text is scanned once. */
function buildScans(config: TextEngineConfig): Scan[] {
  const byFlags = new Map<string, { sources: string[]; alternatives: Alternative[] }>();
  const keyValueFlags = 'i';
  byFlags.set(keyValueFlags, { sources: [], alternatives: [] });

  config.patterns.forEach((pattern, index) => {
    const group = `p${index}`;
    const flags = flagsOf(pattern.regex);
    const bucket = byFlags.get(flags) ?? { sources: [], alternatives: [] };
    bucket.sources.push(`(?<${group}>${renameGroups(pattern.regex.source, group)})`);
    bucket.alternatives.push(toAlternative(pattern, group));
    byFlags.set(flags, bucket);
  });

  const alternation = config.classifier.textAlternation;
  return [...byFlags.entries()]
    .map(([flags, bucket]) => {
      const withKeyValues = flags === keyValueFlags && alternation !== '';
      const sources = withKeyValues
        ? [keyValueSource(alternation), ...bucket.sources]
        : bucket.sources;
      return {
        regex: new RegExp(sources.join('|'), `${flags}g`),
        alternatives: bucket.alternatives,
        withKeyValues,
      };
    })
    .filter((scan) => scan.withKeyValues || scan.alternatives.length > 0);
}

/** The whole key, from the rule word back to where the key starts: `access_` + `token`. */
function fullKeyBefore(text: string, offset: number, word: string): string {
  let start = offset;
  while (start > 0 && offset - start < 64 && /[A-Za-z0-9_.-]/.test(text.charAt(start - 1))) {
    start -= 1;
  }
  let key = text.slice(start, offset) + word;
  // `%3Faccess_token`: the run picked up the hex digits of a percent escape.
  if (start > 0 && text.charAt(start - 1) === '%') key = key.slice(2);
  return key;
}

type Groups = Record<string, string | undefined>;

/**
 * Builds the engine. Clean text costs one regex scan per flag set (usually one); a match costs a
 * callback that decides, from the key or the pattern, what to keep and what to hide.
 */
export function createTextEngine(config: TextEngineConfig): TextEngine {
  const scans = buildScans(config);
  const { censor, classifier, pii } = config;

  function replaceKeyValue(match: string, groups: Groups, offset: number, text: string): string {
    const word = groups.kvkey ?? '';
    const value = groups.kvvalue ?? '';
    const head = match.slice(0, match.length - value.length);
    if (value === censor) return match;

    const key = fullKeyBefore(text, offset, word);
    const verdict = judgeKeyValue(classifier.classify(key), key, groups, value);
    if (verdict === 'secret') return head + censor;
    if (verdict === 'phone' && pii) {
      const masked = maskPhoneValue(value);
      if (masked !== null) return head + masked;
    }
    return head + scrub(value);
  }

  function replacePattern(match: string, groups: Groups, alternative: Alternative): string {
    const secret = alternative.secretGroup === null ? match : groups[alternative.secretGroup];
    if (secret === undefined || secret === censor) return match;

    const replacement = alternative.replace ? alternative.replace(secret, censor) : censor;
    if (alternative.secretGroup === null) return replacement;
    const pre = alternative.preGroup === null ? undefined : groups[alternative.preGroup];
    const start = pre === undefined ? match.indexOf(secret) : pre.length;
    return match.slice(0, start) + replacement + match.slice(start + secret.length);
  }

  function replaceMatch(scan: Scan, match: string, rest: unknown[], text: string): string {
    const groups = rest[rest.length - 1] as Groups;
    if (scan.withKeyValues && groups.kv !== undefined) {
      return replaceKeyValue(match, groups, rest[rest.length - 3] as number, text);
    }
    for (const alternative of scan.alternatives) {
      if (groups[alternative.group] !== undefined) {
        return replacePattern(match, groups, alternative);
      }
    }
    return match;
  }

  /** Returns `text` itself (not an equal copy) when nothing changed, so callers can compare. */
  function scrubWith(scan: Scan, text: string): string {
    let changed = false;
    const result = text.replace(scan.regex, (match: string, ...rest: unknown[]) => {
      const replacement = replaceMatch(scan, match, rest, text);
      if (replacement !== match) changed = true;
      return replacement;
    });
    return changed ? result : text;
  }

  function scrub(text: string): string {
    let result = text;
    for (const scan of scans) result = scrubWith(scan, result);
    return result;
  }

  return { scrub };
}

/**
 * Refines a key's verdict with what surrounds the value in text: a quoted key with an unquoted
 * value is a JSON number or literal (nothing to hide in text), and `token: expired` after a bare
 * colon is prose, not a credential.
 */
function judgeKeyValue(
  verdict: KeyVerdict,
  key: string,
  groups: Groups,
  value: string,
): KeyVerdict {
  if (verdict === null) return null;
  const keyQuoted = groups.kvq1 !== undefined;
  const valueQuoted = groups.kvq2 !== undefined;
  if (keyQuoted && !valueQuoted) return null;

  const bareColon = !keyQuoted && !valueQuoted && groups.kvsep === ':';
  if (verdict === 'secret' && bareColon && PROSE_WORD.test(value)) {
    return PASSWORD_LIKE.test(key.toLowerCase()) ? 'secret' : null;
  }
  return verdict;
}
