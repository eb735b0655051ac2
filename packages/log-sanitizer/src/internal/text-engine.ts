import type { SanitizerPattern } from '../types.js';
import type { KeyClassifier } from './key-classifier.js';
import { createKeyValueScanner } from './key-value-scan.js';
import { withoutCaptures } from './regex-source.js';
import { MAX_FINDINGS_PER_TEXT, withheldText } from './withheld.js';

/** Scrubs free text with every active pattern and key rule. */
export interface TextEngine {
  /**
   * Returns `text` itself (not an equal copy) when nothing changed. `jsonLine` says the text is
   * a serialized JSON line, where a bare `"` ends a string rather than quoting a value.
   */
  scrub(text: string, jsonLine?: boolean): string;
}

export interface TextEngineConfig {
  readonly patterns: readonly SanitizerPattern[];
  readonly classifier: KeyClassifier;
  readonly pii: boolean;
  readonly censor: string;
}

/** Reads one match found by a scan and returns its replacement. */
interface Matcher {
  /** The pattern's own regex, sticky, with its groups, run only where the scan matched. */
  readonly sticky: RegExp;
  readonly apply: (found: RegExpExecArray, offset: number, text: string) => string;
}

/** One pass over the text: a combined, capture-free regex of several patterns. */
interface Scan {
  readonly regex: RegExp;
  readonly matchers: readonly Matcher[];
  /** A literal the text must contain for this scan to be worth running. */
  readonly anchor: string | null;
}

function flagsOf(regex: RegExp): string {
  return regex.flags.replace(/[gyd]/g, '');
}

function toMatcher(pattern: SanitizerPattern, censor: string): Matcher {
  const replace = pattern.replace ?? (() => censor);
  const accept = pattern.accept;
  return {
    sticky: new RegExp(pattern.regex.source, `${flagsOf(pattern.regex)}y`),
    apply(found, offset, text) {
      const match = found[0];
      const secret = found.groups?.secret ?? match;
      if (secret === censor || (accept !== undefined && !accept(text, offset))) return match;

      const pre = found.groups?.pre;
      const start = pre === undefined ? match.indexOf(secret) : pre.length;
      return match.slice(0, start) + replace(secret, censor) + match.slice(start + secret.length);
    },
  };
}

/**
 * Groups patterns into as few scans as their flags allow: combined regexes carry no captures, so
 * clean text costs one quick pass per scan; a pattern with an `anchor` gets its own scan, run only
 * when the anchor occurs.
 */
function buildScans(patterns: readonly SanitizerPattern[], censor: string): Scan[] {
  const buckets = new Map<string, { sources: string[]; matchers: Matcher[] }>();
  const anchored: Scan[] = [];
  for (const pattern of patterns) {
    const source = withoutCaptures(pattern.regex.source);
    const flags = flagsOf(pattern.regex);
    const matcher = toMatcher(pattern, censor);
    if (pattern.anchor !== undefined) {
      anchored.push({
        regex: new RegExp(source, `${flags}g`),
        matchers: [matcher],
        anchor: pattern.anchor,
      });
      continue;
    }
    const bucket = buckets.get(flags) ?? { sources: [], matchers: [] };
    bucket.sources.push(`(?:${source})`);
    bucket.matchers.push(matcher);
    buckets.set(flags, bucket);
  }

  const combined = [...buckets.entries()].map(([flags, bucket]) => ({
    regex: new RegExp(bucket.sources.join('|'), `${flags}g`),
    matchers: bucket.matchers,
    anchor: null,
  }));
  return [...combined, ...anchored];
}

/** Finds which pattern fired at `offset`: the first that matches there, as the scan chose. */
function replaceAt(scan: Scan, match: string, offset: number, text: string): string {
  for (const matcher of scan.matchers) {
    matcher.sticky.lastIndex = offset;
    const found = matcher.sticky.exec(text);
    if (found !== null) return matcher.apply(found, offset, text);
  }
  return match;
}

/**
 * One scan over the text; null when it finds more than `MAX_FINDINGS_PER_TEXT` matches. An exec
 * loop rather than `replace` so that a crafted text stops costing at the bound.
 */
function runScan(scan: Scan, text: string): string | null {
  if (scan.anchor !== null && !text.includes(scan.anchor)) return text;
  const { regex } = scan;
  regex.lastIndex = 0;
  let result = '';
  let cursor = 0;
  let findings = 0;
  for (;;) {
    const found = regex.exec(text);
    if (found === null) break;
    findings += 1;
    if (findings > MAX_FINDINGS_PER_TEXT) return null;

    const match = found[0];
    const replacement = replaceAt(scan, match, found.index, text);
    if (replacement === match) continue;
    result += text.slice(cursor, found.index) + replacement;
    cursor = found.index + match.length;
  }
  return cursor === 0 ? text : result + text.slice(cursor);
}

/** Builds the engine: key/value pairs first, then the pattern scans. */
export function createTextEngine(config: TextEngineConfig): TextEngine {
  const keyValues = createKeyValueScanner({
    classifier: config.classifier,
    pii: config.pii,
    censor: config.censor,
  });
  const scans = buildScans(config.patterns, config.censor);

  function scrub(text: string, jsonLine = false): string {
    let result = keyValues.scan(text, jsonLine);
    for (const scan of scans) {
      if (result === null) break;
      result = runScan(scan, result);
    }
    return result ?? withheldText(text, jsonLine, config.censor);
  }

  return { scrub };
}
