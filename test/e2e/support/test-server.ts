import { randomBytes } from 'node:crypto';
import {
  type AttributionStore,
  createEnrichmentQueue,
  type EnrichmentQueue,
} from '@ctwa/attribution-core';
import { createPgAttributionStore, migrateAttribution } from '@ctwa/attribution-core/pg';
import { createRedisAdCache } from '@ctwa/attribution-core/redis';
import { checkMetaHealth } from '@ctwa/health-cli';
import { MetaAdsClient } from '@ctwa/meta-ads-client';
import { createGraphDispatcher } from '@ctwa/meta-ads-client/testing';
import { Redis } from 'ioredis';
import type { RequestHandler } from 'msw';
import pg from 'pg';
import { type Logger, pino } from 'pino';
import { createApp } from '../../../examples/express-server/src/app.js';
import { serverClient } from '../../../examples/express-server/src/demo/http-client.js';
import {
  demoTenants,
  migrateHostTables,
  upsertTenants,
} from '../../../examples/express-server/src/host/schema.js';
import {
  type AdminRole,
  adminSecretKey,
  signAdminToken,
} from '../../../examples/express-server/src/http/admin-auth.js';
import { listen } from '../../../examples/express-server/src/server.js';

export const databaseUrl =
  process.env.DATABASE_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

// Graph is served in-process by the dispatcher; this closed loopback port only guarantees that
// a request escaping it could never reach Meta.
export const graphBaseUrl = 'http://127.0.0.1:9';
export const graphApiVersion = 'v26.0';

/** A reference server on an ephemeral port, backed by real Postgres (own schema) and Redis. */
export interface TestServer {
  url: string;
  client: ReturnType<typeof serverClient>;
  chatToken: string;
  adminJwtSecret: string;
  db: pg.Pool;
  store: AttributionStore;
  queue: EnrichmentQueue;
  redis: Redis;
  redisKeyPrefix: string;
  adminToken(tenantId: string, role: AdminRole): Promise<string>;
  /** Waits until every due enrichment is finished, including jobs queued after a response. */
  settleEnrichment(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the server with `createApp` exactly as production wires it, except that Graph answers
 * from the given msw handlers and nothing sleeps between Graph retries.
 */
export async function startTestServer(options: {
  name: string;
  graph: readonly RequestHandler[];
  /** Receives every log line, request lines included; default: nothing is logged. */
  logger?: Logger;
}): Promise<TestServer> {
  const suffix = randomBytes(4).toString('hex');
  const schema = `e2e_${options.name}_${suffix}`;
  const db = await openSchema(schema);
  await migrateHostTables(db);
  await migrateAttribution(db);
  await upsertTenants(db, demoTenants);

  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const redisKeyPrefix = `e2e:${options.name}:${suffix}:`;
  const metaClient = new MetaAdsClient({
    accessToken: 'test-token',
    baseUrl: graphBaseUrl,
    apiVersion: graphApiVersion,
    dispatcher: createGraphDispatcher(options.graph),
    sleep: async () => undefined,
  });
  const store = createPgAttributionStore(db);
  const cache = createRedisAdCache(redis, { keyPrefix: redisKeyPrefix });
  const queue = createEnrichmentQueue({ store, cache, source: metaClient });

  const chatToken = randomBytes(24).toString('base64url');
  const adminJwtSecret = randomBytes(32).toString('base64url');
  const app = createApp({
    db,
    store,
    enrichmentQueue: queue,
    cacheKind: 'redis',
    probeCache: () => redis.ping(),
    checkMeta: () => checkMetaHealth({ client: metaClient }),
    internalApiToken: chatToken,
    adminJwtSecret,
    logger: options.logger ?? pino({ level: 'silent' }),
    logRequests: options.logger !== undefined,
  });
  const running = await listen(app, 0, '127.0.0.1');

  return {
    url: running.url,
    client: serverClient(running.url),
    chatToken,
    adminJwtSecret,
    db,
    store,
    queue,
    redis,
    redisKeyPrefix,
    adminToken: (tenantId, role) =>
      signAdminToken(adminSecretKey(adminJwtSecret), { tenantId, role }),
    // A job is queued when its response finishes, which may be just after the client has read
    // it; the sweep claims any row still pending, so nothing depends on that ordering.
    async settleEnrichment() {
      await queue.drain();
      await queue.sweep();
      await queue.drain();
    },
    async close() {
      await running.close();
      await queue.close();
      await metaClient.close();
      await deleteKeys(redis, redisKeyPrefix);
      await redis.quit();
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.end();
    },
  };
}

async function openSchema(schema: string): Promise<pg.Pool> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return new pg.Pool({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 100);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
