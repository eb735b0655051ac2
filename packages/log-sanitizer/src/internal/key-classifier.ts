import { SanitizerConfigError } from '../errors.js';
import type { KeyRule } from '../types.js';

export type KeyVerdict = 'secret' | 'phone' | null;

export interface KeyClassifier {
  /** Classifies an object key or a key found in text. */
  classify(key: string): KeyVerdict;
  /** Source of a regex alternation matching the rule words in text, in any spelling. */
  readonly textAlternation: string;
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

/** Splits a rule word into its parts: `apiKey` and `api_key` -> ['api', 'key']. */
function wordParts(word: string): string[] {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((part) => part !== '');
}

export function validateKeyWord(word: string, field: string): void {
  if (normalizeKey(word) === '') {
    throw new SanitizerConfigError(
      `${field} contains ${JSON.stringify(word)}, which has no letters or digits; give a key name such as "api_key".`,
    );
  }
}

function toTextAlternation(rules: readonly KeyRule[]): string {
  const words = new Set(rules.map((rule) => wordParts(rule.name).join('[-_.]?')));
  return [...words].sort((left, right) => right.length - left.length).join('|');
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

  function classify(key: string): KeyVerdict {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;

    const verdict = classifyUncached(key, compiled);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, verdict);
    return verdict;
  }

  return { classify, textAlternation: toTextAlternation(rules) };
}
