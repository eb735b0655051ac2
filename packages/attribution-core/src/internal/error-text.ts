import { withoutControlCharacters } from './text.js';

const MAX_ERROR_LENGTH = 500;
/** Messages are cut to this many characters before redaction, which bounds the pattern work. */
const MAX_SCANNED_LENGTH = 4_000;

/** Names whose value is a secret, in a query string, a header, JSON, or `key: value` text. */
const SECRET_KEY =
  '(access_token|appsecret_proof|input_token|client_secret|app_secret|fb_exchange_token|' +
  'refresh_token|api_key|apikey|password|passwd|secret)';
/** `=`, URL-encoded `%3D` or `:`, with the quotes and escapes JSON puts around keys and values. */
const KEY_SEPARATOR = '([\\\\"\']{0,3}\\s{0,8}(?:=|%3D|:)\\s{0,8}[\\\\"\']{0,3})';

/**
 * Credentials that must never reach a database column even if an upstream message leaks them.
 * Every quantifier is bounded and no two adjacent parts can match the same characters, so each
 * pattern runs in time linear in the (already bounded) message length.
 */
const CREDENTIAL_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [new RegExp(`${SECRET_KEY}("\\s{0,8}:\\s{0,8}")[^"]{0,1024}"`, 'gi'), '$1$2[redacted]"'],
  [
    new RegExp(`${SECRET_KEY}${KEY_SEPARATOR}(?:(?!%26)[^\\s"'&,;}\\\\]){1,1024}`, 'gi'),
    '$1$2[redacted]',
  ],
  [/\b(bearer|basic)\s{1,8}[A-Za-z0-9._~+/=-]{1,2048}/gi, '$1 [redacted]'],
  [/eyJ[A-Za-z0-9_-]{1,2048}\.[A-Za-z0-9_-]{1,2048}\.[A-Za-z0-9_-]{0,2048}/g, '[redacted]'],
  [/\d{5,20}(?:\||%7C)[A-Za-z0-9_-]{16,256}/gi, '[redacted]'],
  [/EAA[A-Za-z0-9]{20,2048}/g, '[redacted]'],
];

/**
 * A short, credential-free description of an enrichment error, stored on the patient row as
 * `meta_enrichment_error` (for example "MetaRateLimitError: Graph throttled the app (code 4)").
 * At most 500 characters.
 */
export function describeError(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `Unknown error: ${String(error)}`;
  const redacted = CREDENTIAL_PATTERNS.reduce(
    (current, [pattern, replacement]) => current.replace(pattern, replacement),
    withoutControlCharacters(text.slice(0, MAX_SCANNED_LENGTH), false),
  );
  return redacted.length > MAX_ERROR_LENGTH
    ? `${redacted.slice(0, MAX_ERROR_LENGTH - 1)}…`
    : redacted;
}
