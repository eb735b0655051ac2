import type { GraphUsage } from './usage-headers.js';

/** Stable, machine-readable category of a {@link MetaApiError}, one per class. */
export type MetaErrorKind =
  | 'api'
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'invalid_request'
  | 'rate_limit'
  | 'transient'
  | 'deprecated_version'
  | 'timeout'
  | 'network'
  | 'response'
  | 'config'
  | 'closed';

/** What a caller may need to act on an error. Credentials and URL queries are never part of it. */
export interface MetaApiErrorDetails {
  /** HTTP status of the Graph response; `null` when no response arrived. */
  status?: number | null;
  /** Graph `error.code`. */
  code?: number | null;
  /** Graph `error.error_subcode`. */
  subcode?: number | null;
  /** Graph `error.type`, such as `OAuthException` or `GraphMethodException`. */
  type?: string | null;
  /** Graph `error.fbtrace_id`, the id Meta support asks for. */
  fbtraceId?: string | null;
  /** Graph `error.is_transient`, or `true` when the failure is temporary by nature. */
  isTransient?: boolean;
  /** Usage headers of the failed response, when it sent any. */
  usage?: GraphUsage | null;
  /** Graph's own `error.message`, with any credential removed. */
  graphMessage?: string | null;
  /** Graph `error.error_user_title` and `error.error_user_msg` (localized, meant for end users). */
  userTitle?: string | null;
  userMessage?: string | null;
  cause?: unknown;
}

const ERROR_BRAND = Symbol.for('@ctwa/meta-ads-client/MetaApiError');
const BASE_NAME = 'MetaApiError';

/**
 * Base class of every error the client throws. `instanceof` and the `isMeta*Error` guards work
 * across ESM and CJS copies of the package, because they check a global symbol brand and `name`.
 *
 * @example
 * try { await client.getAdDetails(adId) } catch (err) {
 *   if (isMetaApiError(err) && err.retryable) scheduleRetry(err.retryAfterMs ?? 60_000);
 * }
 */
export class MetaApiError extends Error {
  declare readonly kind: MetaErrorKind;
  readonly status: number | null;
  readonly code: number | null;
  readonly subcode: number | null;
  readonly type: string | null;
  readonly fbtraceId: string | null;
  readonly isTransient: boolean;
  /** `true` when the same call may succeed later (rate limits, transient failures, timeouts). */
  readonly retryable: boolean;
  readonly usage: GraphUsage | null;
  readonly graphMessage: string | null;
  readonly userTitle: string | null;
  readonly userMessage: string | null;

  constructor(message: string, details: MetaApiErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status ?? null;
    this.code = details.code ?? null;
    this.subcode = details.subcode ?? null;
    this.type = details.type ?? null;
    this.fbtraceId = details.fbtraceId ?? null;
    this.isTransient = details.isTransient ?? TRANSIENT_KINDS.has(this.kind);
    this.retryable = RETRYABLE_KINDS.has(this.kind);
    this.usage = details.usage ?? null;
    this.graphMessage = details.graphMessage ?? null;
    this.userTitle = details.userTitle ?? null;
    this.userMessage = details.userMessage ?? null;
    Object.defineProperty(this, ERROR_BRAND, { value: true });
  }

  // Subclasses inherit this method, so `this` is whichever class the value is tested against.
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` must be the class under test, not the base
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (!hasBrand(value)) return false;
    // biome-ignore lint/complexity/noThisInStatic: as above
    const className: unknown = this.prototype.name;
    return className === BASE_NAME || className === value.name;
  }

  /** A plain, credential-free object for logs and JSON responses. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      code: this.code,
      subcode: this.subcode,
      type: this.type,
      fbtraceId: this.fbtraceId,
      isTransient: this.isTransient,
      retryable: this.retryable,
      usage: this.usage,
    };
  }
}

/** The token is expired, revoked or invalid (Graph codes 190 and 102). Never retried. */
export class MetaAuthError extends MetaApiError {}

/** The token lacks a permission for this object (codes 3, 10, 200-299). Never retried. */
export class MetaPermissionError extends MetaApiError {}

/** The object does not exist or this token cannot see it (100 with subcode 33, 803). */
export class MetaNotFoundError extends MetaApiError {}

/** Graph rejected the request itself (code 100 without subcode 33, or a bad ad id). */
export class MetaInvalidRequestError extends MetaApiError {}

/** Graph is throttling (codes 4, 17, 32, 341, 613, 80000-80014, or HTTP 429). */
export class MetaRateLimitError extends MetaApiError {
  /** How long to stop calling Graph, from the usage headers or the client's fallback wait. */
  readonly retryAfterMs: number;

  constructor(message: string, details: MetaApiErrorDetails & { retryAfterMs: number }) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** A temporary Graph failure: codes 1 and 2, `is_transient`, HTTP 5xx or a non-JSON body. */
export class MetaTransientError extends MetaApiError {}

/** The configured API version is retired for the Marketing API (code 2635). Never retried. */
export class MetaDeprecatedVersionError extends MetaApiError {}

/** Graph did not answer within the timeout. */
export class MetaTimeoutError extends MetaApiError {}

/** The request never got an HTTP answer (connection refused, reset, DNS failure). */
export class MetaNetworkError extends MetaApiError {}

/** Graph answered 2xx with a body that does not have the expected shape. Never cached. */
export class MetaResponseError extends MetaApiError {}

/** An option or environment variable is missing or malformed. */
export class MetaConfigError extends MetaApiError {
  /** The option or environment variable at fault, such as `META_API_TIMEOUT`. */
  readonly setting: string;

  constructor(message: string, setting: string) {
    super(message);
    this.setting = setting;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), setting: this.setting };
  }
}

/** A call was made after `close()`: nothing was sent. Never retried; create a new client. */
export class MetaClientClosedError extends MetaApiError {}

const RETRYABLE_KINDS: ReadonlySet<MetaErrorKind> = new Set([
  'rate_limit',
  'transient',
  'timeout',
  'network',
]);
const TRANSIENT_KINDS: ReadonlySet<MetaErrorKind> = new Set(['transient', 'timeout', 'network']);

// `name` and `kind` live on each prototype as literal strings, so they survive minification and
// are already set while `Error` captures the stack header.
const CLASS_KINDS: readonly [{ prototype: MetaApiError }, string, MetaErrorKind][] = [
  [MetaApiError, BASE_NAME, 'api'],
  [MetaAuthError, 'MetaAuthError', 'auth'],
  [MetaPermissionError, 'MetaPermissionError', 'permission'],
  [MetaNotFoundError, 'MetaNotFoundError', 'not_found'],
  [MetaInvalidRequestError, 'MetaInvalidRequestError', 'invalid_request'],
  [MetaRateLimitError, 'MetaRateLimitError', 'rate_limit'],
  [MetaTransientError, 'MetaTransientError', 'transient'],
  [MetaDeprecatedVersionError, 'MetaDeprecatedVersionError', 'deprecated_version'],
  [MetaTimeoutError, 'MetaTimeoutError', 'timeout'],
  [MetaNetworkError, 'MetaNetworkError', 'network'],
  [MetaResponseError, 'MetaResponseError', 'response'],
  [MetaConfigError, 'MetaConfigError', 'config'],
  [MetaClientClosedError, 'MetaClientClosedError', 'closed'],
];
for (const [errorClass, name, kind] of CLASS_KINDS) {
  Object.defineProperty(errorClass.prototype, 'name', { value: name, configurable: true });
  Object.defineProperty(errorClass.prototype, 'kind', { value: kind, configurable: true });
}

function hasBrand(value: unknown): value is { name: unknown } {
  return typeof value === 'object' && value !== null && ERROR_BRAND in value;
}

/** `true` for any error thrown by this package, from any copy of it (ESM or CJS). */
export function isMetaApiError(value: unknown): value is MetaApiError {
  return value instanceof MetaApiError;
}
export function isMetaAuthError(value: unknown): value is MetaAuthError {
  return value instanceof MetaAuthError;
}
export function isMetaPermissionError(value: unknown): value is MetaPermissionError {
  return value instanceof MetaPermissionError;
}
export function isMetaNotFoundError(value: unknown): value is MetaNotFoundError {
  return value instanceof MetaNotFoundError;
}
export function isMetaInvalidRequestError(value: unknown): value is MetaInvalidRequestError {
  return value instanceof MetaInvalidRequestError;
}
export function isMetaRateLimitError(value: unknown): value is MetaRateLimitError {
  return value instanceof MetaRateLimitError;
}
export function isMetaTransientError(value: unknown): value is MetaTransientError {
  return value instanceof MetaTransientError;
}
export function isMetaDeprecatedVersionError(value: unknown): value is MetaDeprecatedVersionError {
  return value instanceof MetaDeprecatedVersionError;
}
export function isMetaTimeoutError(value: unknown): value is MetaTimeoutError {
  return value instanceof MetaTimeoutError;
}
export function isMetaNetworkError(value: unknown): value is MetaNetworkError {
  return value instanceof MetaNetworkError;
}
export function isMetaResponseError(value: unknown): value is MetaResponseError {
  return value instanceof MetaResponseError;
}
export function isMetaConfigError(value: unknown): value is MetaConfigError {
  return value instanceof MetaConfigError;
}
export function isMetaClientClosedError(value: unknown): value is MetaClientClosedError {
  return value instanceof MetaClientClosedError;
}
