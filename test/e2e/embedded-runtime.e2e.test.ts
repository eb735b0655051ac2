import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../examples/express-server/src/app.js';
import { loadConfig } from '../../examples/express-server/src/config.js';
import { serverClient } from '../../examples/express-server/src/demo/http-client.js';
import {
  adminSecretKey,
  signAdminToken,
} from '../../examples/express-server/src/http/admin-auth.js';
import { openRuntime, type Runtime } from '../../examples/express-server/src/runtime.js';
import { listen, type RunningServer } from '../../examples/express-server/src/server.js';

// The `npm start` defaults: embedded PGlite, the in-memory cache, no Meta token.
describe('reference server on embedded defaults', () => {
  let runtime: Runtime;
  let running: RunningServer;
  let client: ReturnType<typeof serverClient>;
  let adminToken: string;

  beforeAll(async () => {
    const config = loadConfig({ PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' });
    runtime = await openRuntime(config, pino({ level: 'silent' }));
    running = await listen(createApp({ ...runtime.deps, logRequests: false }), 0, '127.0.0.1');
    client = serverClient(running.url);
    const key = adminSecretKey(runtime.deps.adminJwtSecret);
    adminToken = await signAdminToken(key, { tenantId: 'arrayan', role: 'ceo' });
  });

  afterAll(async () => {
    await running?.close();
    await runtime?.close();
  });

  it('runs with PGlite, the memory cache and enrichment off', () => {
    expect(runtime.database.description).toBe('embedded PGlite in memory');
    expect(runtime.adCache.kind).toBe('memory');
    expect(runtime.metaClient).toBeNull();
    expect(runtime.enrichmentQueue).toBeNull();
    expect(runtime.generated).toEqual({ internalApiToken: true, adminJwtSecret: true });
  });

  it('attributes a lead that stays pending until a token is configured', async () => {
    const reply = await client.postChat(runtime.deps.internalApiToken, {
      tenant_id: 'arrayan',
      phone: '5491155500142',
      message: 'Hola',
      referral: { source_type: 'ad', source_id: '120214583920175512', headline: 'Implantes' },
    });
    const stats = await client.marketingStats(adminToken);

    expect(reply).toMatchObject({
      first_touch: 'attributed',
      enrichment_pending: true,
      attribution: { ad_id: '120214583920175512', enrichment_status: 'pending' },
    });
    expect(stats.summary).toEqual({
      leads: 1,
      booked_patients: 0,
      appointments: 0,
      conversion_rate: 0,
    });
  });

  it('reports the missing Meta token as a warning (200), saying enrichment is off', async () => {
    const { status, body } = await client.call('/admin/health/integrations', adminToken);

    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'warn',
      output: 'meta-token:validity: META_ADS_TOKEN is not set; enrichment is off',
      checks: {
        'database:responseTime': [{ status: 'pass' }],
        'memory:responseTime': [{ status: 'pass' }],
        'meta-token:validity': [
          { status: 'warn', output: 'META_ADS_TOKEN is not set; enrichment is off' },
        ],
        'meta-graph:responseTime': [{ status: 'warn', skipped: true }],
        'meta-ratelimit:utilization': [{ status: 'warn', skipped: true }],
        'meta-api:version': [{ status: 'pass', observedValue: 'v26.0' }],
      },
    });
  });
});
