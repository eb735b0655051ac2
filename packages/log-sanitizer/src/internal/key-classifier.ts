import { SanitizerConfigError } from '../errors.js';
import type { KeyRule } from '../types.js';

export type KeyVerdict = 'secret' | 'phone' | null;

export interface KeyClassifier {
  /** Classifies an object key or a key found in text. */
  classify(key: string): KeyVerdict;
  /**
   * Cheap pre-check: can the key ending at `end` in `text` be sensitive? Rule words end in a few
   * letter triples (`ken` of token, `key` of api_key...), so most keys are ruled out without
   * building a string or looking in a cache.
   */
  mayEndRule(text: string, end: number): boolean;
}

interface CompiledRules {
  readonly exact: ReadonlyMap<string, KeyVerdict>;
  readonly suffixes: readonly { word: string; verdict: KeyVerdict }[];
  readonly patterns: readonly RegExp[];
  readonly allowed: ReadonlySet<string>;
}

const CACHE_LIMIT = 4096;

/** `accessToken`, `access_token`, `ACCESS-TOKEN` -> `accesstoken`. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function validateKeyWord(word: string, field: string): void {
  if (normalizeKey(word) === '') {
    throw new SanitizerConfigError(
      `${field} contains ${JSON.stringify(word)}, which has no letters or digits; give a key name such as "api_key".`,
    );
  }
}

/** Endings of the rule words, as numbers, to rule keys out without building a string. */
interface RuleEndings {
  /** Last three letters or digits of every rule word of three or more. */
  readonly triples: ReadonlySet<number>;
  /** Rule words of two letters (`to`), matched on their two. */
  readonly pairs: ReadonlySet<number>;
  /** Flags, by character code, the last letter of every rule word: the first, cheapest test. */
  readonly lastCodes: Uint8Array;
  /**
   * Flags the last two raw characters of a key that can end a rule word: the word's own last two,
   * or a `-`, `_` or `.` before its last letter (`wa_id` ends in `id`, a word split as `x_y` in `_y`).
   */
  readonly lastPairs: Uint8Array;
}

function pairSlot(first: number, second: number): number {
  return (lowerCode(first) & 0x7f) * 128 + (lowerCode(second) & 0x7f);
}

function lowerCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function isAlphanumericCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * The last `count` letters and digits before `end`, lower-cased and packed into one number,
 * skipping the `-`, `_` and `.` that split key words; -1 when the key is shorter.
 */
function endingCode(text: string, end: number, count: number): number {
  let code = 0;
  let found = 0;
  for (
    let cursor = end - 1;
    cursor >= 0 && found < count && end - cursor <= count + 4;
    cursor -= 1
  ) {
    const char = text.charCodeAt(cursor);
    if (char === 45 || char === 95 || char === 46) continue;
    if (!isAlphanumericCode(char)) break;
    code += lowerCode(char) * 128 ** found;
    found += 1;
  }
  return found === count ? code : -1;
}

/** Null when endings cannot rule keys out: a RegExp rule or a one-letter word. */
function endingsOf(rules: readonly KeyRule[], patterns: readonly RegExp[]): RuleEndings | null {
  if (patterns.length > 0) return null;
  const triples = new Set<number>();
  const pairs = new Set<number>();
  const lastCodes = new Uint8Array(128);
  const lastPairs = new Uint8Array(128 * 128);
  for (const rule of rules) {
    const word = normalizeKey(rule.name);
    if (word.length < 2) return null;
    const last = word.charCodeAt(word.length - 1);
    lastCodes[last] = 1;
    for (const before of [word.charCodeAt(word.length - 2), 45, 95, 46]) {
      lastPairs[pairSlot(before, last)] = 1;
    }
    if (word.length === 2) pairs.add(endingCode(word, 2, 2));
    else triples.add(endingCode(word, word.length, 3));
  }
  return { triples, pairs, lastCodes, lastPairs };
}

function compileRules(
  rules: readonly KeyRule[],
  patterns: readonly RegExp[],
  allowed: readonly string[],
): CompiledRules {
  const exact = new Map<string, KeyVerdict>();
  const suffixes: { word: string; verdict: KeyVerdict }[] = [];
  for (const rule of rules) {
    const word = normalizeKey(rule.name);
    if (rule.match === 'exact') exact.set(word, rule.kind);
    else suffixes.push({ word, verdict: rule.kind });
  }
  return { exact, suffixes, patterns, allowed: new Set(allowed.map(normalizeKey)) };
}

function classifyUncached(key: string, rules: CompiledRules): KeyVerdict {
  const normalized = normalizeKey(key);
  if (rules.allowed.has(normalized)) return null;

  const exact = rules.exact.get(normalized);
  if (exact !== undefined) return exact;
  for (const suffix of rules.suffixes) {
    if (normalized.endsWith(suffix.word)) return suffix.verdict;
  }
  for (const pattern of rules.patterns) {
    if (pattern.test(key)) return 'secret';
  }
  return null;
}

/**
 * Builds a classifier with a bounded cache: log objects repeat the same few dozen keys, so the
 * hot path is one Map lookup per key.
 */
export function createKeyClassifier(
  rules: readonly KeyRule[],
  patterns: readonly RegExp[],
  allowed: readonly string[],
): KeyClassifier {
  const compiled = compileRules(rules, patterns, allowed);
  const cache = new Map<string, KeyVerdict>();
  const endings = endingsOf(rules, patterns);

  function mayEndRule(text: string, end: number): boolean {
    if (endings === null) return true;
    const last = text.charCodeAt(end - 1);
    if (last < 128 && endings.lastCodes[lowerCode(last)] !== 1) return false;
    if (end >= 2 && endings.lastPairs[pairSlot(text.charCodeAt(end - 2), last)] !== 1) return false;
    if (endings.triples.has(endingCode(text, end, 3))) return true;
    return endings.pairs.size > 0 && endings.pairs.has(endingCode(text, end, 2));
  }

  function classify(key: string): KeyVerdict {
    // Object keys are interned strings with their hash cached: the lookup is the cheapest test.
    const cached = cache.get(key);
    if (cached !== undefined) return cached;

    const verdict = mayEndRule(key, key.length) ? classifyUncached(key, compiled) : null;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, verdict);
    return verdict;
  }

  return { classify, mayEndRule };
}
