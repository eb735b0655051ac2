import { randomBytes } from 'node:crypto';
import {
  type Clock,
  createEnrichmentQueue,
  type EnrichmentOutcome,
  type EnrichmentQueue,
} from '@ctwa/attribution-core';
import { createPgAttributionStore, migrateAttribution } from '@ctwa/attribution-core/pg';
import { MetaAdsClient, type MetaAdsClientOptions } from '@ctwa/meta-ads-client';
import type { Logger } from 'pino';
import { type OpenAdCache, openAdCache } from './ad-cache.js';
import type { AppDeps } from './app.js';
import type { ServerConfig } from './config.js';
import { demoTenants, migrateHostTables, upsertTenants } from './host/schema.js';
import type { SqlClient } from './host/sql.js';
import {
  type InterruptibleEnrichment,
  interruptibleEnrichment,
} from './interruptible-enrichment.js';
import { metaHealthCheck } from './meta-health.js';
import { type OpenDatabase, openDatabase } from './storage.js';

/** The opened dependencies of a running server, ready for {@link createApp}. */
export interface Runtime {
  deps: AppDeps;
  database: OpenDatabase;
  adCache: OpenAdCache;
  metaClient: MetaAdsClient | null;
  enrichmentQueue: EnrichmentQueue | null;
  /**
   * The first step of a shutdown: stops the sweeper and aborts Graph calls in flight, and no new
   * one starts. Attributions not yet enriched stay pending for the next run's sweeper.
   */
  stopEnrichment(): void;
  /** Which development credentials were generated because none were configured. */
  generated: { internalApiToken: boolean; adminJwtSecret: boolean };
  close(): Promise<void>;
}

/** Test and demo seams; production startup passes none of them. */
export interface RuntimeOverrides {
  /** Serves Graph in-process, e.g. `createGraphDispatcher(graphHandlers({ ads }))`. */
  metaDispatcher?: MetaAdsClientOptions['dispatcher'];
  clock?: Clock;
}

/**
 * Opens storage, cache and the Graph client from the configuration, runs the migrations,
 * seeds the demo tenants outside production, and starts the enrichment sweeper.
 */
export async function openRuntime(
  config: ServerConfig,
  logger: Logger,
  overrides: RuntimeOverrides = {},
): Promise<Runtime> {
  const database = await openDatabase(config);
  await prepareDatabase(database.db, config).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const adCache = openAdCache({
    redisUrl: config.redisUrl,
    keyPrefix: config.redisKeyPrefix,
    onError: (error) => logger.warn({ reason: error.message }, 'redis connection error'),
  });
  const metaClient = openMetaClient(config, logger, overrides);
  const store = createPgAttributionStore(database.db);
  const enrichment = metaClient ? interruptibleEnrichment(store, metaClient) : null;
  const enrichmentQueue = openEnrichmentQueue({
    config,
    logger,
    overrides,
    adCache,
    enrichment,
  });
  const stopEnrichment = () => {
    enrichmentQueue?.stop();
    enrichment?.interrupt();
  };

  const credentials = resolveCredentials(config);
  const deps: AppDeps = {
    db: database.db,
    store,
    enrichmentQueue,
    cacheKind: adCache.kind,
    probeCache: () => adCache.probe(),
    checkMeta: metaHealthCheck({
      client: metaClient,
      apiVersion: config.meta.apiVersion,
      ttlMs: 60_000,
    }),
    internalApiToken: credentials.internalApiToken,
    adminJwtSecret: credentials.adminJwtSecret,
    logger,
    ...(overrides.clock ? { clock: overrides.clock } : {}),
  };

  return {
    deps,
    database,
    adCache,
    metaClient,
    enrichmentQueue,
    stopEnrichment,
    generated: credentials.generated,
    close: () => {
      stopEnrichment();
      return closeRuntime({ database, adCache, metaClient, enrichmentQueue });
    },
  };
}

// Without a Graph client there is no queue: attributions stay pending on their rows, and the
// sweeper of a later run with a token picks them up.
function openEnrichmentQueue(parts: {
  config: ServerConfig;
  logger: Logger;
  overrides: RuntimeOverrides;
  adCache: OpenAdCache;
  enrichment: InterruptibleEnrichment | null;
}): EnrichmentQueue | null {
  const { enrichment } = parts;
  if (enrichment === null) return null;

  const logger = parts.logger.child({ component: 'enrichment' });
  const queue = createEnrichmentQueue(
    {
      store: enrichment.store,
      cache: parts.adCache.cache,
      source: enrichment.source,
      logger,
      cacheTtlSeconds: parts.config.meta.cacheTtlSeconds,
      ...(parts.overrides.clock ? { clock: parts.overrides.clock } : {}),
    },
    { onOutcome: (outcome) => logOutcome(logger, outcome, enrichment.interrupted) },
  );
  queue.start();
  return queue;
}

function logOutcome(logger: Logger, outcome: EnrichmentOutcome, interrupted: boolean): void {
  const { tenantId, patientId, adId, status } = outcome;
  const line = { tenantId, patientId, adId, status };
  if (interrupted && outcome.status === 'skipped') {
    logger.info(line, 'enrichment interrupted by shutdown; the row stays pending for the sweeper');
    return;
  }
  if (outcome.status === 'failed') {
    logger.warn({ ...line, error: outcome.error }, 'enrichment failed');
    return;
  }
  logger.info(line, 'enrichment finished');
}

async function prepareDatabase(db: SqlClient, config: ServerConfig): Promise<void> {
  await migrateHostTables(db);
  await migrateAttribution(db);
  if (config.environment !== 'production') await upsertTenants(db, demoTenants);
}

function openMetaClient(
  config: ServerConfig,
  logger: Logger,
  overrides: RuntimeOverrides,
): MetaAdsClient | null {
  if (config.meta.accessToken === null) return null;
  return new MetaAdsClient({
    accessToken: config.meta.accessToken,
    ...(config.meta.appSecret ? { appSecret: config.meta.appSecret } : {}),
    ...(config.meta.appId ? { appId: config.meta.appId } : {}),
    apiVersion: config.meta.apiVersion,
    baseUrl: config.meta.baseUrl,
    timeoutMs: config.meta.timeoutMs,
    logger: logger.child({ component: 'meta-ads-client' }),
    ...(overrides.metaDispatcher ? { dispatcher: overrides.metaDispatcher } : {}),
  });
}

// Outside production a missing secret is generated per process, so `npm start` works with no
// setup; production refuses to start without them (see loadConfig).
function resolveCredentials(config: ServerConfig) {
  const generate = () => randomBytes(32).toString('base64url');
  return {
    adminJwtSecret: config.adminJwtSecret ?? generate(),
    internalApiToken: config.internalApiToken ?? generate(),
    generated: {
      internalApiToken: config.internalApiToken === null,
      adminJwtSecret: config.adminJwtSecret === null,
    },
  };
}

async function closeRuntime(parts: {
  database: OpenDatabase;
  adCache: OpenAdCache;
  metaClient: MetaAdsClient | null;
  enrichmentQueue: EnrichmentQueue | null;
}): Promise<void> {
  await parts.enrichmentQueue?.close();
  await parts.metaClient?.close();
  await parts.adCache.close();
  await parts.database.close();
}
