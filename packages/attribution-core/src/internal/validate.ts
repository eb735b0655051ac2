import { AttributionInputError } from '../errors.js';

/** Rejects an empty or non-string id argument with an error naming the field. */
export function requireId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AttributionInputError(
      field,
      `${field} must be a non-empty string, got ${describe(value)}.`,
    );
  }
  return value;
}

const PATIENT_ID_PATTERN = /^(0|[1-9]\d{0,18})$/;
const MAX_BIGINT = 9_223_372_036_854_775_807n;

/**
 * Rejects a patient id that is not a canonical Postgres `bigint` in decimal, so every store
 * answers a malformed id the same way instead of some throwing raw database errors.
 */
export function requirePatientId(value: unknown): string {
  const id = requireId('patientId', value);
  if (!PATIENT_ID_PATTERN.test(id) || BigInt(id) > MAX_BIGINT) {
    throw new AttributionInputError(
      'patientId',
      `patientId must be a bigint id in decimal digits, got ${describe(value)}.`,
    );
  }
  return id;
}

/** Rejects an invalid Date argument with an error naming the field. */
export function requireDate(field: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new AttributionInputError(
      field,
      `${field} must be a valid Date, got ${describe(value)}.`,
    );
  }
  return value;
}

/** Accepts `undefined`/`null` as "no bound", else requires a valid Date. */
export function optionalDate(field: string, value: unknown): Date | null {
  return value === undefined || value === null ? null : requireDate(field, value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 64));
  if (value instanceof Date) return 'an invalid Date';
  return value === null ? 'null' : typeof value;
}

/** Rejects a duration or count that is not a finite number of at least `minimum`. */
export function requireNumber(field: string, value: number, minimum: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
    throw new AttributionInputError(
      field,
      `${field} must be a finite number of at least ${minimum}, got ${String(value)}.`,
    );
  }
  return value;
}

/** Rejects nonsensical TTLs up front rather than caching forever or not at all. */
export function checkEnrichmentDeps(deps: {
  cacheTtlSeconds?: number | undefined;
  notFoundCacheTtlSeconds?: number | undefined;
}): void {
  if (deps.cacheTtlSeconds !== undefined) requireNumber('cacheTtlSeconds', deps.cacheTtlSeconds, 1);
  if (deps.notFoundCacheTtlSeconds !== undefined) {
    requireNumber('notFoundCacheTtlSeconds', deps.notFoundCacheTtlSeconds, 1);
  }
}
