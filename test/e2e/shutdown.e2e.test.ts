import { randomBytes } from 'node:crypto';
import { createGraphDispatcher } from '@ctwa/meta-ads-client/testing';
import { delay, http } from 'msw';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../examples/express-server/src/app.js';
import { loadConfig } from '../../examples/express-server/src/config.js';
import { serverClient } from '../../examples/express-server/src/demo/http-client.js';
import { openRuntime, type Runtime } from '../../examples/express-server/src/runtime.js';
import { listen, type RunningServer } from '../../examples/express-server/src/server.js';
import { databaseUrl, graphBaseUrl } from './support/test-server.js';

const implantsAd = '120214583920175512';

// Graph accepts every call and never answers. The per-call timeout is the longest allowed, so a
// shutdown that waited for Graph would outlast the test's own timeout.
describe('reference server shutdown while Graph hangs', () => {
  const schema = `e2e_shutdown_${randomBytes(4).toString('hex')}`;
  const graphCalls: string[] = [];
  let admin: pg.Client;
  let runtime: Runtime;
  let running: RunningServer;
  let chatToken: string;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const hanging = http.get(`${graphBaseUrl}/*`, async ({ request }) => {
      graphCalls.push(new URL(request.url).pathname);
      await delay('infinite');
    });
    chatToken = randomBytes(24).toString('base64url');
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: `${databaseUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      META_ADS_TOKEN: 'test-token',
      META_GRAPH_BASE_URL: graphBaseUrl,
      META_API_TIMEOUT: '600',
      INTERNAL_API_TOKEN: chatToken,
    });
    runtime = await openRuntime(config, pino({ level: 'silent' }), {
      metaDispatcher: createGraphDispatcher([hanging]),
    });
    running = await listen(createApp({ ...runtime.deps, logRequests: false }), 0, '127.0.0.1');
  });

  afterAll(async () => {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });

  async function enrichmentState(phone: string) {
    const { rows } = await admin.query(
      `SELECT meta_enrichment_status AS status, meta_enrichment_attempts AS attempts,
              meta_enrichment_error AS error
       FROM ${schema}.patients WHERE phone = $1`,
      [phone],
    );
    return rows[0];
  }

  it('aborts the hanging call, starts no new one, and leaves both attributions pending', async () => {
    const client = serverClient(running.url);
    const referral = { source_type: 'ad', source_id: implantsAd };
    await client.postChat(chatToken, {
      tenant_id: 'arrayan',
      phone: '+5491155500180',
      message: 'Hola',
      referral,
    });
    await vi.waitFor(() => expect(graphCalls).toHaveLength(1), { timeout: 10_000 });

    runtime.stopEnrichment();
    const duringGrace = await client.postChat(chatToken, {
      tenant_id: 'arrayan',
      phone: '+5491155500181',
      message: 'Hola',
      referral,
    });
    await running.close();
    await runtime.close();

    expect(duringGrace).toMatchObject({ first_touch: 'attributed', enrichment_pending: true });
    expect(graphCalls).toHaveLength(1);
    expect(await enrichmentState('+5491155500180')).toEqual({
      status: 'pending',
      attempts: 0,
      error: null,
    });
    expect(await enrichmentState('+5491155500181')).toEqual({
      status: 'pending',
      attempts: 0,
      error: null,
    });
  });
});
