import {
  checkMetaHealth,
  type HealthCheckResult,
  type HealthReport,
  type MetaHealthCheckKey,
  type MetaHealthClient,
  worstStatus,
} from '@ctwa/health-cli';

/** Why the token, response-time and rate-limit checks say warn when no token is configured. */
export const enrichmentOffOutput = 'META_ADS_TOKEN is not set; enrichment is off';

/**
 * The Meta part of the server's integration health. Running without META_ADS_TOKEN is a mode
 * the server supports (attribution works, enrichment waits for a token), so it is reported as
 * warn, not fail; the API version check still runs. A configured token that fails stays fail.
 * Readings are shared for `ttlMs`, because debug_token and /me count against Meta's rate limits.
 *
 * @example
 * const checkMeta = metaHealthCheck({ client: null, apiVersion: 'v26.0', ttlMs: 60_000 });
 * (await checkMeta()).status; // 'warn'
 */
export function metaHealthCheck(options: {
  client: MetaHealthClient | null;
  apiVersion: string;
  ttlMs: number;
  /** Default: the system clock. */
  now?: () => Date;
}): () => Promise<HealthReport> {
  const { client, apiVersion, ttlMs, now = () => new Date() } = options;
  let cached: { report: Promise<HealthReport>; at: number } | null = null;
  return () => {
    const at = now();
    if (cached === null || at.getTime() - cached.at > ttlMs) {
      cached = { report: readMetaHealth(client, apiVersion, at), at: at.getTime() };
    }
    return cached.report;
  };
}

async function readMetaHealth(
  client: MetaHealthClient | null,
  apiVersion: string,
  now: Date,
): Promise<HealthReport> {
  if (client !== null) return checkMetaHealth({ client, now });
  // The server's own configuration, never process.env, names the version to check.
  const report = await checkMetaHealth({
    client: null,
    env: { META_GRAPH_API_VERSION: apiVersion },
    now,
  });
  return enrichmentOffReport(report);
}

function enrichmentOffReport(report: HealthReport): HealthReport {
  const checks: HealthReport['checks'] = {
    'meta-token:validity': [asWarning(report.checks['meta-token:validity'][0], '')],
    'meta-graph:responseTime': [
      asWarning(report.checks['meta-graph:responseTime'][0], 'skipped: '),
    ],
    'meta-ratelimit:utilization': [
      asWarning(report.checks['meta-ratelimit:utilization'][0], 'skipped: '),
    ],
    'meta-api:version': report.checks['meta-api:version'],
  };
  const results = Object.entries(checks) as [MetaHealthCheckKey, [HealthCheckResult]][];
  const status = worstStatus(results.map(([, [result]]) => result.status));
  const output = results
    .filter(([, [result]]) => result.status !== 'pass' && !result.skipped && result.output)
    .map(([key, [result]]) => `${key}: ${result.output}`)
    .join(' | ');
  return { ...report, status, output, checks };
}

function asWarning(result: HealthCheckResult, prefix: string): HealthCheckResult {
  return { ...result, status: 'warn', output: `${prefix}${enrichmentOffOutput}` };
}
