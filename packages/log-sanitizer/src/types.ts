/** What a sanitizer does with a value it recognises: hide it, or (for PII) mask it. */
export type PatternKind = 'secret' | 'pii';

/**
 * One text pattern. A pattern may name two groups: `pre` (kept as it is) and `secret` (replaced);
 * without a `secret` group the whole match is replaced. Patterns must run in linear time: no
 * backreferences and no repetition nested inside repetition.
 *
 * @example
 * const stripeKey: SanitizerPattern = { name: 'stripe_key', regex: /sk_live_[A-Za-z0-9]{24,99}/ };
 */
export interface SanitizerPattern {
  /** Unique name, used by `removePatterns` and in error messages. */
  readonly name: string;
  readonly regex: RegExp;
  /** `'pii'` patterns only run when `pii: true`. Default `'secret'`. */
  readonly kind?: PatternKind;
  /** Builds the replacement of the secret part from it and the censor text. Default: the censor. */
  readonly replace?: (secret: string, censor: string) => string;
  /**
   * Called with the whole text and the match offset; returning false keeps the match. Use it for
   * boundary checks: a leading lookbehind would make the engine try the pattern at every position.
   */
  readonly accept?: (text: string, offset: number) => boolean;
  /**
   * A literal the text must contain for this pattern to run at all (a cheap pre-check for
   * patterns that cannot start with a literal, such as an e-mail's local part before `@`).
   */
  readonly anchor?: string;
}

/**
 * A key-name rule, matched against keys after lower-casing and dropping `-`, `_`, `.` and spaces,
 * so `accessToken`, `access_token` and `ACCESS-TOKEN` are one key.
 * `suffix` rules match any key ending in the word; `exact` rules match the word only.
 * `phone` rules mask phone-looking values and only run when `pii: true`.
 */
export interface KeyRule {
  /** The word, in any spelling (`api_key`, `apiKey`); also the name used by `removeKeys`. */
  readonly name: string;
  readonly match: 'suffix' | 'exact';
  readonly kind: 'secret' | 'phone';
}

/** Options shared by `sanitize`, `createSanitizer`, `installConsoleSanitizer` and the pino options. */
export interface SanitizeOptions {
  /** Also mask phone numbers (to their last 4 digits) and e-mail addresses. Default `false`. */
  readonly pii?: boolean;
  /** Patterns added after the built-in ones. */
  readonly extraPatterns?: readonly SanitizerPattern[];
  /** Names of built-in patterns to turn off (see `defaultPatterns`). */
  readonly removePatterns?: readonly string[];
  /**
   * Extra sensitive keys: a string is a key name in any spelling (a leading `*` makes it a suffix
   * rule, `'*_pin'`); a RegExp is tested against the raw key of objects.
   */
  readonly extraKeys?: readonly (string | RegExp)[];
  /** Names of built-in key rules to turn off (see `defaultKeyRules`). */
  readonly removeKeys?: readonly string[];
  /** Key names whose values are never hidden for their name (their text is still scanned). */
  readonly allowKeys?: readonly string[];
  /** Replacement for hidden values. Default `'[REDACTED]'`. */
  readonly censor?: string;
  /** Objects nested deeper than this are replaced by `'[Truncated]'`. Default 32. */
  readonly maxDepth?: number;
}

/** A compiled sanitizer; build one per configuration and reuse it. */
export interface Sanitizer {
  /** Returns a sanitized copy of any value; the input is never mutated. */
  sanitize<T>(value: T): T;
  /** Sanitizes free text. Returns the same string when nothing was found. */
  sanitizeString(text: string): string;
  /** Sanitizes one serialized JSON log line and guarantees the result still parses. */
  sanitizeJsonLine(line: string): string;
  /** The configuration this sanitizer was built with (for integrations that need it). */
  readonly options: Readonly<SanitizeOptions>;
}
