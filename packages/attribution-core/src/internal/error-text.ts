import { withoutControlCharacters } from './text.js';

const MAX_ERROR_LENGTH = 500;

/** Credentials that must never reach a database column even if an upstream message leaks them. */
const CREDENTIAL_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/(access_token|appsecret_proof|input_token|client_secret)=[^&\s"']+/gi, '$1=[redacted]'],
  [/Bearer\s+[A-Za-z0-9._~+/=-]+/g, 'Bearer [redacted]'],
  [/\bEAA[A-Za-z0-9]{20,}/g, '[redacted]'],
];

/**
 * A short, credential-free description of an enrichment error, stored on the patient row as
 * `meta_enrichment_error` (for example "MetaRateLimitError: Graph throttled the app (code 4)").
 */
export function describeError(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `Unknown error: ${String(error)}`;
  const redacted = CREDENTIAL_PATTERNS.reduce(
    (current, [pattern, replacement]) => current.replace(pattern, replacement),
    withoutControlCharacters(text, false),
  );
  return redacted.length > MAX_ERROR_LENGTH
    ? `${redacted.slice(0, MAX_ERROR_LENGTH - 1)}…`
    : redacted;
}
