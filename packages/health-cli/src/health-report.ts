/** Status of a whole report or of one check: `warn` means healthy with concerns. */
export type HealthStatus = 'pass' | 'warn' | 'fail';

/** Keys of the checks in a Meta health report, in the order they are shown. */
export const META_HEALTH_CHECK_KEYS = [
  'meta-token:validity',
  'meta-graph:responseTime',
  'meta-ratelimit:utilization',
  'meta-api:version',
] as const;

export type MetaHealthCheckKey = (typeof META_HEALTH_CHECK_KEYS)[number];

/**
 * One reading of one component, as an entry of `checks` in an `application/health+json`
 * document. `output` is present only when the status is not `pass`.
 */
export interface HealthCheckResult {
  componentType: 'component';
  status: HealthStatus;
  /** ISO 8601 instant the reading was taken. */
  time: string;
  observedValue: number | string | null;
  observedUnit?: string;
  output?: string;
  /** True when the check did not run because a check it depends on failed. */
  skipped?: boolean;
  /** How token validity was established: `debug_token` (expiry and scopes) or `me` (liveness only). */
  checkedWith?: 'debug_token' | 'me';
  tokenType?: string | null;
  scopesOk?: boolean;
  /** ISO 8601 instant the token expires, or null when it never does. */
  expiresAt?: string | null;
  /** ISO 8601 instant the token's data access expires, or null when it never does. */
  dataAccessExpiresAt?: string | null;
  /** Last day (YYYY-MM-DD) the configured API version is served, or null when unknown. */
  availableUntil?: string | null;
}

/**
 * The health document, shaped after draft-inadarei-api-health-check-06
 * (media type `application/health+json`). Every check holds a one-element array, since the
 * integration has a single node.
 *
 * @example
 * { "status": "warn", "output": "meta-api:version: v25.0 expires on 2027-02-23 (81 days left)",
 *   "checks": { "meta-api:version": [{ "componentType": "component", "status": "warn", ... }] } }
 */
export interface HealthReport {
  status: HealthStatus;
  output?: string;
  notes?: string[];
  checks: Record<MetaHealthCheckKey, [HealthCheckResult]>;
}

const SEVERITY: Record<HealthStatus, number> = { pass: 0, warn: 1, fail: 2 };

/** The most severe of the given statuses; `pass` for none. */
export function worstStatus(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst: HealthStatus = 'pass';
  for (const status of statuses) {
    if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  }
  return worst;
}
