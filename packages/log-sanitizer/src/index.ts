// Sanitizing values, text and log lines

export { type ConsoleSanitizerHandle, installConsoleSanitizer } from './console.js';
export { createSanitizer, sanitize } from './create-sanitizer.js';
// Errors
export { isSanitizerConfigError, SanitizerConfigError } from './errors.js';
export { defaultAllowedKeys, defaultKeyRules } from './key-rules.js';
export { defaultPatterns, maskPhoneDigits, vendorPatterns } from './patterns.js';
// Options, patterns and key rules (data a host can extend)
export type {
  KeyRule,
  PatternKind,
  SanitizeOptions,
  Sanitizer,
  SanitizerPattern,
} from './types.js';
