import {
  isMetaAuthError,
  isMetaConfigError,
  isMetaDeprecatedVersionError,
  isMetaPermissionError,
  isMetaRateLimitError,
  isMetaTimeoutError,
  type MetaApiError,
} from '@ctwa/meta-ads-client';
import { CheckTimeoutError } from './with-timeout.js';

// The client's guards check a global brand and the class name, so errors from another copy of
// the package (ESM beside CJS, or two installed versions) are still recognised.
export const isConfigError = isMetaConfigError;
export const isTokenRejection = isMetaAuthError;
export const isPermissionError = isMetaPermissionError;
export const isThrottle = isMetaRateLimitError;
export const isDeprecatedVersion = isMetaDeprecatedVersionError;

/** Our own deadline, or the client's per-call timeout. */
export function isTimeout(error: unknown): boolean {
  return error instanceof CheckTimeoutError || isMetaTimeoutError(error);
}

/** " (code 190, subcode 463)", or "" when the error carries no Graph code. */
export function graphCodeText(error: MetaApiError): string {
  if (error.code === null) return '';
  const subcode = error.subcode === null ? '' : `, subcode ${error.subcode}`;
  return ` (code ${error.code}${subcode})`;
}

/** A one-line description of any failure, for a check's `output`. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
