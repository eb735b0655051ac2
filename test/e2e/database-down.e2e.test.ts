import { createPgAttributionStore } from '@ctwa/attribution-core/pg';
import { checkMetaHealth } from '@ctwa/health-cli';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../examples/express-server/src/app.js';
import { serverClient } from '../../examples/express-server/src/demo/http-client.js';
import {
  adminSecretKey,
  signAdminToken,
} from '../../examples/express-server/src/http/admin-auth.js';
import { listen, type RunningServer } from '../../examples/express-server/src/server.js';

// Nothing listens on loopback port 9, so every database call fails the way an outage does.
const unreachableDatabase = 'postgres://postgres@127.0.0.1:9/test';
const adminJwtSecret = 'database-down-test-secret-0123456789';

describe('reference server while the database is unreachable', () => {
  let db: pg.Pool;
  let running: RunningServer;

  beforeAll(async () => {
    db = new pg.Pool({ connectionString: unreachableDatabase, connectionTimeoutMillis: 1_000 });
    const app = createApp({
      db,
      store: createPgAttributionStore(db),
      enrichmentQueue: null,
      cacheKind: 'memory',
      probeCache: async () => undefined,
      checkMeta: () => checkMetaHealth({ client: null }),
      internalApiToken: 'database-down-chat-token',
      adminJwtSecret,
      logger: pino({ level: 'silent' }),
      logRequests: false,
    });
    running = await listen(app, 0, '127.0.0.1');
  });

  afterAll(async () => {
    await running?.close();
    await db?.end();
  });

  it('stays live but not ready', async () => {
    const live = await fetch(new URL('/healthz', running.url));
    const ready = await fetch(new URL('/readyz', running.url));

    expect(live.status).toBe(200);
    expect([ready.status, await ready.json()]).toEqual([
      503,
      { status: 'fail', output: 'database unreachable' },
    ]);
  });

  it('reports the database check as failing in the integration health', async () => {
    const token = await signAdminToken(adminSecretKey(adminJwtSecret), {
      tenantId: 'arrayan',
      role: 'ceo',
    });
    const { status, body } = await serverClient(running.url).call(
      '/admin/health/integrations',
      token,
    );

    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'fail',
      checks: {
        'database:responseTime': [{ componentType: 'datastore', status: 'fail' }],
        'memory:responseTime': [{ status: 'pass' }],
      },
    });
  });

  it('answers a chat message with a generic 500 problem, no internals', async () => {
    const { status, body } = await serverClient(running.url).call(
      '/chat',
      'database-down-chat-token',
      {
        method: 'POST',
        body: JSON.stringify({ tenant_id: 'arrayan', phone: '5491155500142', message: 'Hola' }),
      },
    );

    expect(status).toBe(500);
    expect(body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server failed to handle the request.',
      code: 'internal_error',
    });
  });
});
