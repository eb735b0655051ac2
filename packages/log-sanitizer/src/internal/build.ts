import type { SanitizeOptions } from '../types.js';
import { createKeyClassifier } from './key-classifier.js';
import { type ResolvedOptions, resolveOptions } from './options.js';
import { createTextEngine } from './text-engine.js';
import { type WalkPolicy, walkValue } from './walk.js';

/** Everything a sanitizer and its integrations share, compiled once. */
export interface SanitizerCore {
  readonly resolved: ResolvedOptions;
  readonly scrub: (text: string) => string;
  /** Full copy: keys, strings, Errors, Maps, class instances. */
  readonly sanitizeValue: (value: unknown) => unknown;
  /**
   * Key rules, Errors and binary data only: strings are left for a pass over the serialized line,
   * and class instances go on untouched to the logger's serializers.
   */
  readonly sanitizeStructure: (value: unknown) => unknown;
  readonly sanitizeJsonLine: (line: string) => string;
}

export function buildSanitizerCore(options: SanitizeOptions = {}): SanitizerCore {
  const resolved = resolveOptions(options);
  const classifier = createKeyClassifier(
    resolved.keyRules,
    resolved.keyPatterns,
    resolved.allowedKeys,
  );
  const engine = createTextEngine({
    patterns: resolved.patterns,
    classifier,
    pii: resolved.pii,
    censor: resolved.censor,
  });
  const base = {
    classify: classifier.classify,
    scrub: engine.scrub,
    pii: resolved.pii,
    censor: resolved.censor,
    maxDepth: resolved.maxDepth,
  };
  const fullPolicy: WalkPolicy = { ...base, scrubStrings: true, copyInstances: true };
  const structurePolicy: WalkPolicy = { ...base, scrubStrings: false, copyInstances: false };
  const sanitizeValue = (value: unknown) => walkValue(value, fullPolicy);

  return {
    resolved,
    scrub: engine.scrub,
    sanitizeValue,
    sanitizeStructure: (value) => walkValue(value, structurePolicy),
    sanitizeJsonLine: (line) =>
      sanitizeJsonLine(line, engine.scrub, sanitizeValue, resolved.hasHostPatterns),
  };
}

/**
 * Scrubs a serialized JSON line as text. Built-in patterns and key rules never cut through quotes
 * or escapes (their value classes exclude both, and the tests hold every line to JSON.parse), so
 * their output is trusted. A host pattern might, so with host patterns a changed line must parse;
 * if it does not, the line is parsed, sanitized as a value and serialized again instead.
 */
function sanitizeJsonLine(
  line: string,
  scrub: (text: string, jsonLine: boolean) => string,
  sanitizeValue: (value: unknown) => unknown,
  hasHostPatterns: boolean,
): string {
  const scrubbed = scrub(line, true);
  if (scrubbed === line || !hasHostPatterns || parses(scrubbed)) return scrubbed;

  try {
    const reserialized = JSON.stringify(sanitizeValue(JSON.parse(line)));
    return line.endsWith('\n') ? `${reserialized}\n` : reserialized;
  } catch {
    return scrubbed;
  }
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
