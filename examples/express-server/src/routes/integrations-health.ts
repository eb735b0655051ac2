import type { HealthReport } from '@ctwa/health-cli';
import { Router } from 'express';
import { adminSecretKey, requireAdmin } from '../http/admin-auth.js';
import { type ProbeResult, runProbe } from './probe.js';

type Status = 'pass' | 'warn' | 'fail';

/** What GET /admin/health/integrations needs. */
export interface IntegrationsHealthRouteDeps {
  adminJwtSecret: string;
  probeDatabase: () => Promise<unknown>;
  probeCache: () => Promise<unknown>;
  cacheKind: 'redis' | 'memory';
  checkMeta: () => Promise<HealthReport>;
  now: () => Date;
}

const severity: Record<Status, number> = { pass: 0, warn: 1, fail: 2 };

/**
 * GET /admin/health/integrations: an `application/health+json` document covering the database,
 * the ad cache and the Meta checks; 200 for pass or warn, 503 for fail.
 */
export function integrationsHealthRouter(deps: IntegrationsHealthRouteDeps): Router {
  const router = Router();
  const roles = requireAdmin(adminSecretKey(deps.adminJwtSecret), ['ceo', 'secretary']);

  router.get('/admin/health/integrations', roles, async (_req, res) => {
    const [database, cache, meta] = await Promise.all([
      runProbe(deps.probeDatabase, 2_000),
      runProbe(deps.probeCache, 2_000),
      deps.checkMeta(),
    ]);
    const time = deps.now().toISOString();
    const checks = {
      'database:responseTime': [datastoreCheck(database, time)],
      [`${deps.cacheKind}:responseTime`]: [datastoreCheck(cache, time)],
      ...meta.checks,
    };
    const status = worst([database.ok ? 'pass' : 'fail', cache.ok ? 'pass' : 'fail', meta.status]);
    const output = outputs(database, cache, meta, deps.cacheKind);

    res
      .status(status === 'fail' ? 503 : 200)
      .set('Cache-Control', 'no-store')
      .type('application/health+json')
      .send(JSON.stringify({ status, ...(output ? { output } : {}), checks }));
  });
  return router;
}

function datastoreCheck(probe: ProbeResult, time: string) {
  if (probe.ok) {
    return {
      componentType: 'datastore',
      status: 'pass',
      observedValue: probe.elapsedMs,
      observedUnit: 'ms',
      time,
    };
  }
  return { componentType: 'datastore', status: 'fail', output: probe.reason, time };
}

function worst(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>((a, b) => (severity[b] > severity[a] ? b : a), 'pass');
}

function outputs(
  database: ProbeResult,
  cache: ProbeResult,
  meta: HealthReport,
  cacheKind: string,
): string {
  const parts: string[] = [];
  if (!database.ok) parts.push(`database: ${database.reason}`);
  if (!cache.ok) parts.push(`${cacheKind}: ${cache.reason}`);
  if (meta.output) parts.push(meta.output);
  return parts.join('; ');
}
