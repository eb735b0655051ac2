import { buildSanitizerCore } from './internal/build.js';
import type { SanitizeOptions, Sanitizer } from './types.js';

/**
 * Compiles a sanitizer once: patterns and key rules are checked here, and an invalid one throws
 * a `SanitizerConfigError` naming it.
 *
 * @example
 * const sanitizer = createSanitizer({ pii: true, extraKeys: ['patient_notes'] });
 * logger.info(sanitizer.sanitize(payload));
 */
export function createSanitizer(options: SanitizeOptions = {}): Sanitizer {
  const core = buildSanitizerCore(options);
  return {
    sanitize: <T>(value: T): T => core.sanitizeValue(value) as T,
    sanitizeString: core.scrub,
    sanitizeJsonLine: core.sanitizeJsonLine,
    options: Object.freeze({ ...options }),
  };
}

const compiled = new WeakMap<SanitizeOptions, Sanitizer>();
let defaultSanitizer: Sanitizer | undefined;

function sanitizerFor(options: SanitizeOptions | undefined): Sanitizer {
  if (options === undefined) {
    defaultSanitizer ??= createSanitizer();
    return defaultSanitizer;
  }
  const existing = compiled.get(options);
  if (existing !== undefined) return existing;
  const sanitizer = createSanitizer(options);
  compiled.set(options, sanitizer);
  return sanitizer;
}

/**
 * Returns a sanitized copy of a string, object, array, Map, Set, class instance or Error: secrets
 * are replaced by `[REDACTED]` and, with `pii: true`, phone numbers and e-mails are masked. The
 * input is never mutated; cycles become `'[Circular]'` and binary data `'[Buffer N bytes]'`.
 * Reuse one options object (or `createSanitizer`) so patterns compile once.
 *
 * @example
 * sanitize('GET /me?access_token=EAAB...&fields=id'); // 'GET /me?access_token=[REDACTED]&fields=id'
 * sanitize({ wa_id: '5491155500157' }, { pii: true }); // { wa_id: '***0157' }
 */
export function sanitize<T>(value: T, options?: SanitizeOptions): T {
  return sanitizerFor(options).sanitize(value);
}
