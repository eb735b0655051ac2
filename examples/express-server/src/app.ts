import type { AttributionStore, Clock, EnrichmentQueue } from '@ctwa/attribution-core';
import type { HealthReport } from '@ctwa/health-cli';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { SqlClient } from './host/sql.js';
import { notFoundHandler, problemHandler } from './http/problem.js';
import { requestLogging } from './http/request-logging.js';
import { chatRouter } from './routes/chat.js';
import { integrationsHealthRouter } from './routes/integrations-health.js';
import { marketingStatsRouter } from './routes/marketing-stats.js';
import { patientContextRouter } from './routes/patient-context.js';
import { probesRouter } from './routes/probes.js';

/** Everything the HTTP application uses, injected so that tests choose each piece. */
export interface AppDeps {
  /** The host database (pg.Pool or PGlite) holding tenants, patients and appointments. */
  db: SqlClient;
  store: AttributionStore;
  /** `null` turns enrichment off: attributions stay pending until a worker with a token runs. */
  enrichmentQueue: EnrichmentQueue | null;
  cacheKind: 'redis' | 'memory';
  probeCache: () => Promise<unknown>;
  /** The Meta part of GET /admin/health/integrations (see `@ctwa/health-cli`). */
  checkMeta: () => Promise<HealthReport>;
  internalApiToken: string;
  adminJwtSecret: string;
  logger: Logger;
  clock?: Clock;
  /** One log line per request through pino-http; default true. */
  logRequests?: boolean;
}

/**
 * Builds the Express 5 application: POST /chat, the admin routes, /healthz and /readyz.
 * It opens nothing itself; the caller owns the database, cache, queue and listener.
 *
 * @example
 * const app = createApp({ db, store, enrichmentQueue, ... });
 * const server = app.listen(0, '127.0.0.1');
 */
export function createApp(deps: AppDeps): Express {
  const now = () => (deps.clock ? deps.clock.now() : new Date());
  const probeDatabase = () => deps.db.query('SELECT 1');
  const app = express();
  app.disable('x-powered-by');
  if (deps.logRequests ?? true) app.use(requestLogging(deps.logger));
  app.use(express.json({ limit: '100kb' }));

  app.use(probesRouter({ probeDatabase }));
  app.use(chatRouter({ ...deps, now }));
  app.use(marketingStatsRouter(deps));
  app.use(patientContextRouter(deps));
  app.use(
    integrationsHealthRouter({
      adminJwtSecret: deps.adminJwtSecret,
      probeDatabase,
      probeCache: deps.probeCache,
      cacheKind: deps.cacheKind,
      checkMeta: deps.checkMeta,
      now,
    }),
  );

  app.use(notFoundHandler);
  app.use(problemHandler(deps.logger));
  return app;
}
