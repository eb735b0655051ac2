/**
 * Thrown when a sanitizer is built with an invalid pattern, key or option. Configuration errors
 * are loud on purpose: a pattern that silently matches nothing leaks secrets.
 */
export class SanitizerConfigError extends Error {
  override readonly name = 'SanitizerConfigError';
  readonly code = 'SANITIZER_CONFIG';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True for a `SanitizerConfigError`, also across ESM/CJS copies of this package. */
export function isSanitizerConfigError(value: unknown): value is SanitizerConfigError {
  return value instanceof Error && value.name === 'SanitizerConfigError';
}
