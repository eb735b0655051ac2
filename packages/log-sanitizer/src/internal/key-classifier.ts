import { SanitizerConfigError } from '../errors.js';
import type { KeyRule } from '../types.js';

export type KeyVerdict = 'secret' | 'phone' | null;

export interface KeyClassifier {
  /** Classifies an object key or a key found in text. */
  classify(key: string): KeyVerdict;
  /**
   * Cheap pre-check: can a key whose last two characters are at `end - 2` and `end - 1` of `text`
   * be sensitive? Rule words end in a few letter pairs (`en` of token, `ey` of api_key...), so most
   * keys are ruled out without a cache lookup.
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

function pairIndex(first: number, second: number): number {
  return ((first | 0x20) & 0x7f) * 128 + ((second | 0x20) & 0x7f);
}

/** Flags the last two characters of every rule word, or null when that cannot rule keys out. */
function endingPairsOf(rules: readonly KeyRule[], patterns: readonly RegExp[]): Uint8Array | null {
  if (patterns.length > 0) return null;
  const pairs = new Uint8Array(128 * 128);
  for (const rule of rules) {
    const word = normalizeKey(rule.name);
    if (word.length < 2) return null;
    pairs[pairIndex(word.charCodeAt(word.length - 2), word.charCodeAt(word.length - 1))] = 1;
  }
  return pairs;
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
  const endingPairs = endingPairsOf(rules, patterns);

  function mayEndRule(text: string, end: number): boolean {
    if (endingPairs === null) return true;
    if (end < 2) return false;
    return endingPairs[pairIndex(text.charCodeAt(end - 2), text.charCodeAt(end - 1))] === 1;
  }

  function classify(key: string): KeyVerdict {
    if (!mayEndRule(key, key.length)) return null;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;

    const verdict = classifyUncached(key, compiled);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, verdict);
    return verdict;
  }

  return { classify, mayEndRule };
}
