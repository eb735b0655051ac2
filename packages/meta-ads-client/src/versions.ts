/** Release and expiry dates of one Graph API version (ISO dates, UTC). */
export interface GraphApiVersionInfo {
  version: string;
  releasedAt: string;
  /** Marketing API expiry, which governs ad reads; `null` while Meta has announced none. */
  marketingExpiresAt: string | null;
  /** Graph core expiry; `null` while Meta has announced none. */
  graphExpiresAt: string | null;
}

/**
 * Graph API versions with their published dates, newest first. Ad reads follow the Marketing API
 * column, whose versions expire sooner than Graph core's.
 */
export const GRAPH_API_VERSIONS: readonly GraphApiVersionInfo[] = Object.freeze([
  { version: 'v27.0', releasedAt: '2026-11-04', marketingExpiresAt: null, graphExpiresAt: null },
  { version: 'v26.0', releasedAt: '2026-07-29', marketingExpiresAt: null, graphExpiresAt: null },
  {
    version: 'v25.0',
    releasedAt: '2026-02-18',
    marketingExpiresAt: '2027-02-23',
    graphExpiresAt: '2028-07-29',
  },
  {
    version: 'v24.0',
    releasedAt: '2025-10-08',
    marketingExpiresAt: '2026-11-10',
    graphExpiresAt: '2028-02-18',
  },
  {
    version: 'v23.0',
    releasedAt: '2025-05-29',
    marketingExpiresAt: '2026-06-09',
    graphExpiresAt: '2027-10-08',
  },
  {
    version: 'v22.0',
    releasedAt: '2025-01-21',
    marketingExpiresAt: '2026-02-19',
    graphExpiresAt: '2027-05-20',
  },
  {
    version: 'v21.0',
    releasedAt: '2024-10-02',
    marketingExpiresAt: '2025-09-09',
    graphExpiresAt: '2027-01-21',
  },
]);

/** The version the client uses when none is configured. */
export const DEFAULT_API_VERSION = 'v26.0';

/** A version this close to its expiry is reported as `expiring_soon`. */
export const EXPIRY_WARNING_DAYS = 90;

export type ApiVersionState = 'current' | 'expiring_soon' | 'expired' | 'unknown';

export interface ApiVersionStatus {
  version: string;
  status: ApiVersionState;
  /** When ad reads on this version stop working; `null` when no date is known. */
  expiresAt: Date | null;
  /** Whole days until `expiresAt` (0 once expired); `null` when no date is known. */
  daysLeft: number | null;
}

const DAY_MS = 86_400_000;
const VERSION_PATTERN = /^v(\d+)\.(\d+)$/;

/**
 * Says whether a Graph API version is still safe for ad reads on `now`, using the Marketing API
 * schedule in {@link GRAPH_API_VERSIONS}. Versions older than the table are expired; versions
 * newer than it, or malformed, are `unknown`.
 *
 * @example
 * apiVersionStatus('v25.0', new Date('2027-01-01')).status // 'expiring_soon'
 */
export function apiVersionStatus(version: string, now: Date = new Date()): ApiVersionStatus {
  const entry = GRAPH_API_VERSIONS.find((info) => info.version === version);
  if (!entry) {
    const state = isOlderThanTable(version) ? 'expired' : 'unknown';
    return { version, status: state, expiresAt: null, daysLeft: state === 'expired' ? 0 : null };
  }
  if (entry.marketingExpiresAt === null) {
    return { version, status: 'current', expiresAt: null, daysLeft: null };
  }

  const expiresAt = new Date(`${entry.marketingExpiresAt}T00:00:00Z`);
  const daysLeft = Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
  return { version, status: stateFor(expiresAt, now, daysLeft), expiresAt, daysLeft };
}

function stateFor(expiresAt: Date, now: Date, daysLeft: number): ApiVersionState {
  if (now.getTime() >= expiresAt.getTime()) return 'expired';
  return daysLeft <= EXPIRY_WARNING_DAYS ? 'expiring_soon' : 'current';
}

function isOlderThanTable(version: string): boolean {
  const oldest = GRAPH_API_VERSIONS[GRAPH_API_VERSIONS.length - 1];
  return oldest !== undefined && (compareApiVersions(version, oldest.version) ?? 0) < 0;
}

/**
 * Orders two versions like `v25.0` and `v26.0`: negative when `a` is older, 0 when equal,
 * positive when newer, `null` when either is malformed.
 */
export function compareApiVersions(a: string, b: string): number | null {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) return null;
  return left[0] - right[0] || left[1] - right[1];
}

function parseVersion(version: string): [number, number] | null {
  const match = VERSION_PATTERN.exec(version);
  if (!match?.[1] || !match[2]) return null;
  return [Number(match[1]), Number(match[2])];
}
