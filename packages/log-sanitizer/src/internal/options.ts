import { SanitizerConfigError } from '../errors.js';
import { defaultAllowedKeys, defaultKeyRules } from '../key-rules.js';
import { defaultPatterns } from '../patterns.js';
import type { KeyRule, SanitizeOptions, SanitizerPattern } from '../types.js';
import { normalizeKey, validateKeyWord } from './key-classifier.js';
import { findLinearTimeViolation } from './regex-safety.js';

export const DEFAULT_CENSOR = '[REDACTED]';
const DEFAULT_MAX_DEPTH = 32;

/** A configuration checked and resolved once, at construction. */
export interface ResolvedOptions {
  readonly pii: boolean;
  readonly censor: string;
  readonly maxDepth: number;
  readonly patterns: readonly SanitizerPattern[];
  readonly keyRules: readonly KeyRule[];
  readonly keyPatterns: readonly RegExp[];
  readonly allowedKeys: readonly string[];
  /** True when the host added text patterns, whose output must be checked to stay valid JSON. */
  readonly hasHostPatterns: boolean;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function resolvePatterns(options: SanitizeOptions, pii: boolean): SanitizerPattern[] {
  const builtInNames = new Set(defaultPatterns.map((pattern) => pattern.name));
  const removed = new Set<string>();
  for (const name of options.removePatterns ?? []) {
    if (!builtInNames.has(name)) {
      throw new SanitizerConfigError(
        `removePatterns names ${describe(name)}, which is not a built-in pattern. Known: ${[...builtInNames].join(', ')}.`,
      );
    }
    removed.add(name);
  }

  const extra = (options.extraPatterns ?? []).map(validatePattern);
  const active = [...defaultPatterns.filter((pattern) => !removed.has(pattern.name)), ...extra];
  assertUniqueNames(active);
  return active.filter((pattern) => pii || (pattern.kind ?? 'secret') === 'secret');
}

function assertUniqueNames(patterns: readonly SanitizerPattern[]): void {
  const seen = new Set<string>();
  for (const pattern of patterns) {
    if (seen.has(pattern.name)) {
      throw new SanitizerConfigError(
        `Two patterns are named ${describe(pattern.name)}; pattern names must be unique (remove the built-in one with removePatterns to replace it).`,
      );
    }
    seen.add(pattern.name);
  }
}

/** Rejects patterns that could hang a log call, never match, or match everywhere. */
export function validatePattern(pattern: SanitizerPattern): SanitizerPattern {
  const label = `extraPatterns entry ${describe(pattern?.name)}`;
  if (typeof pattern?.name !== 'string' || pattern.name.trim() === '') {
    throw new SanitizerConfigError(
      'An extraPatterns entry has no name; give each pattern a unique name.',
    );
  }
  if (!(pattern.regex instanceof RegExp)) {
    throw new SanitizerConfigError(`${label} has no regex; got ${describe(pattern.regex)}.`);
  }
  const violation = findLinearTimeViolation(pattern.regex.source);
  if (violation !== null) {
    throw new SanitizerConfigError(
      `${label} ${violation} (${pattern.regex}); patterns must run in linear time, so use bounded character classes instead.`,
    );
  }
  if (new RegExp(pattern.regex.source, pattern.regex.flags.replace(/[gy]/g, '')).test('')) {
    throw new SanitizerConfigError(
      `${label} matches the empty string (${pattern.regex}); it would censor every position.`,
    );
  }
  if (
    pattern.anchor !== undefined &&
    (typeof pattern.anchor !== 'string' || pattern.anchor === '')
  ) {
    throw new SanitizerConfigError(
      `${label} has anchor ${describe(pattern.anchor)}; use a non-empty literal.`,
    );
  }
  for (const hook of ['replace', 'accept'] as const) {
    if (pattern[hook] !== undefined && typeof pattern[hook] !== 'function') {
      throw new SanitizerConfigError(`${label} has a ${hook} that is not a function.`);
    }
  }
  if (pattern.kind !== undefined && pattern.kind !== 'secret' && pattern.kind !== 'pii') {
    throw new SanitizerConfigError(
      `${label} has kind ${describe(pattern.kind)}; use 'secret' or 'pii'.`,
    );
  }
  return pattern;
}

function resolveKeyRules(
  options: SanitizeOptions,
  pii: boolean,
): { rules: KeyRule[]; patterns: RegExp[] } {
  const removed = new Set<string>();
  const builtIn = new Map(defaultKeyRules.map((rule) => [normalizeKey(rule.name), rule.name]));
  for (const name of options.removeKeys ?? []) {
    const normalized = typeof name === 'string' ? normalizeKey(name) : '';
    if (!builtIn.has(normalized)) {
      throw new SanitizerConfigError(
        `removeKeys names ${describe(name)}, which is not a built-in key rule. Known: ${[...builtIn.values()].join(', ')}.`,
      );
    }
    removed.add(normalized);
  }

  const rules = defaultKeyRules.filter((rule) => !removed.has(normalizeKey(rule.name)));
  const patterns: RegExp[] = [];
  for (const key of options.extraKeys ?? []) {
    if (key instanceof RegExp) patterns.push(validateKeyPattern(key));
    else rules.push(toExtraKeyRule(key));
  }
  return { rules: rules.filter((rule) => pii || rule.kind === 'secret'), patterns };
}

function toExtraKeyRule(key: unknown): KeyRule {
  if (typeof key !== 'string') {
    throw new SanitizerConfigError(
      `extraKeys contains ${describe(key)}; use a key name or a RegExp.`,
    );
  }
  const isSuffix = key.startsWith('*');
  const name = isSuffix ? key.slice(1) : key;
  validateKeyWord(name, 'extraKeys');
  return { name, match: isSuffix ? 'suffix' : 'exact', kind: 'secret' };
}

function validateKeyPattern(pattern: RegExp): RegExp {
  if (pattern.global || pattern.sticky) {
    throw new SanitizerConfigError(
      `extraKeys contains ${pattern} with the g or y flag; those make test() stateful, so drop the flag.`,
    );
  }
  const violation = findLinearTimeViolation(pattern.source);
  if (violation !== null) {
    throw new SanitizerConfigError(`extraKeys contains ${pattern}, which ${violation}.`);
  }
  return pattern;
}

function resolveCensor(censor: unknown): string {
  if (censor === undefined) return DEFAULT_CENSOR;
  // The censor is written into JSON lines as they are, so it must need no escaping.
  if (typeof censor !== 'string' || censor === '' || JSON.stringify(censor) !== `"${censor}"`) {
    throw new SanitizerConfigError(
      `censor must be a non-empty string without quotes, backslashes or control characters; got ${describe(censor)}.`,
    );
  }
  return censor;
}

function resolveMaxDepth(maxDepth: unknown): number {
  if (maxDepth === undefined) return DEFAULT_MAX_DEPTH;
  if (typeof maxDepth !== 'number' || !Number.isInteger(maxDepth) || maxDepth < 1) {
    throw new SanitizerConfigError(
      `maxDepth must be a positive integer; got ${describe(maxDepth)}.`,
    );
  }
  return maxDepth;
}

/** Checks every option and resolves the active patterns and key rules. */
export function resolveOptions(options: SanitizeOptions = {}): ResolvedOptions {
  const pii = options.pii ?? false;
  const { rules, patterns } = resolveKeyRules(options, pii);
  for (const key of options.allowKeys ?? []) validateKeyWord(String(key), 'allowKeys');
  return {
    pii,
    censor: resolveCensor(options.censor),
    maxDepth: resolveMaxDepth(options.maxDepth),
    patterns: resolvePatterns(options, pii),
    keyRules: rules,
    keyPatterns: patterns,
    allowedKeys: [...defaultAllowedKeys, ...(options.allowKeys ?? [])],
    hasHostPatterns: (options.extraPatterns ?? []).length > 0,
  };
}
