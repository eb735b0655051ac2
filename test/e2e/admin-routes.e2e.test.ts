import { graphHandlers } from '@ctwa/meta-ads-client/testing';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAds } from '../../examples/express-server/src/demo/ads.js';
import {
  graphApiVersion,
  graphBaseUrl,
  startTestServer,
  type TestServer,
} from './support/test-server.js';

describe('admin routes', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      name: 'admin_routes',
      graph: graphHandlers({ ads: demoAds, baseUrl: graphBaseUrl, apiVersion: graphApiVersion }),
    });
    await server.client.postChat(server.chatToken, {
      tenant_id: 'sorriso-moema',
      phone: '+5511955013388',
      message: 'Olá',
      referral: { ad_id: '120209871236541125' },
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  const get = (path: string, token: string) => server.client.call(path, token);

  it.each([
    '/admin/marketing/stats',
    '/admin/patients/phone/5511955013388/context',
    '/admin/health/integrations',
  ])('answers 401 on %s without a token', async (path) => {
    const response = await fetch(new URL(path, server.url));

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('answers 401 for a token signed with another secret', async () => {
    const forged = await new SignJWT({ tenant_id: 'sorriso-moema', role: 'ceo' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-of-at-least-32-characters'));

    expect((await get('/admin/marketing/stats', forged)).status).toBe(401);
  });

  it('answers 401 for an expired token signed with the right secret', async () => {
    const expired = await new SignJWT({ tenant_id: 'sorriso-moema', role: 'ceo' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(1_700_000_000)
      .setExpirationTime(1_700_003_600)
      .sign(new TextEncoder().encode(server.adminJwtSecret));

    expect((await get('/admin/marketing/stats', expired)).status).toBe(401);
  });

  it('answers 403 for a valid token with a role it does not know', async () => {
    const token = await new SignJWT({ tenant_id: 'sorriso-moema', role: 'owner' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(server.adminJwtSecret));

    expect((await get('/admin/patients/phone/5511955013388/context', token)).status).toBe(403);
  });

  it('answers 403 when a professional asks for marketing stats or integration health', async () => {
    const token = await server.adminToken('sorriso-moema', 'professional');

    expect((await get('/admin/marketing/stats', token)).body).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect((await get('/admin/health/integrations', token)).status).toBe(403);
  });

  it('lets a professional read a patient context of their own tenant', async () => {
    const token = await server.adminToken('sorriso-moema', 'professional');
    const { status, body } = await get('/admin/patients/phone/+5511955013388/context', token);

    expect(status).toBe(200);
    expect(body).toMatchObject({
      phone: '+55*********88',
      attribution: { ad_id: '120209871236541125', acquisition_source: 'META_ADS' },
    });
  });

  it('takes the tenant from the token and ignores one in the query', async () => {
    const tokenA = await server.adminToken('arrayan', 'ceo');
    const { status, body } = await get('/admin/marketing/stats?tenant_id=sorriso-moema', tokenA);

    expect(status).toBe(200);
    expect(body).toMatchObject({ tenant_id: 'arrayan', campaigns: [], summary: { leads: 0 } });
  });

  it('answers 400 naming a bad date and a reversed range', async () => {
    const token = await server.adminToken('sorriso-moema', 'ceo');
    const badDate = await get('/admin/marketing/stats?from=yesterday', token);
    const reversed = await get('/admin/marketing/stats?from=2026-12-02&to=2026-12-01', token);

    expect(badDate.body).toMatchObject({ status: 400, errors: [{ field: 'from' }] });
    expect(reversed.body).toMatchObject({
      status: 400,
      errors: [{ field: 'from', message: 'must not be after to' }],
    });
  });

  it('answers 400 naming a date outside 2000-01-01 to 2999-12-31 instead of failing in Postgres', async () => {
    const token = await server.adminToken('sorriso-moema', 'ceo');
    const yearZero = await get('/admin/marketing/stats?from=0000-01-01', token);
    const farFuture = await get('/admin/marketing/stats?to=9999-12-31', token);
    const message = 'expected a date from 2000-01-01 to 2999-12-31';

    expect(yearZero.body).toMatchObject({ status: 400, errors: [{ field: 'from', message }] });
    expect(farFuture.body).toMatchObject({ status: 400, errors: [{ field: 'to', message }] });
  });

  it("resolves report dates in the clinic's time zone, both ends included", async () => {
    const token = await server.adminToken('sorriso-moema', 'ceo');
    const { body } = await get('/admin/marketing/stats?from=2026-12-01&to=2026-12-31', token);

    expect(body).toMatchObject({
      time_zone: 'America/Sao_Paulo',
      from: '2026-12-01T03:00:00.000Z',
      to: '2027-01-01T03:00:00.000Z',
    });
  });

  it('answers the integration health as application/health+json', async () => {
    const token = await server.adminToken('sorriso-moema', 'secretary');
    const response = await fetch(new URL('/admin/health/integrations', server.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    const report = (await response.json()) as { status: string; checks: Record<string, unknown> };

    expect(response.headers.get('content-type')).toBe('application/health+json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(report.checks)).toEqual([
      'database:responseTime',
      'redis:responseTime',
      'meta-token:validity',
      'meta-graph:responseTime',
      'meta-ratelimit:utilization',
      'meta-api:version',
    ]);
    expect(response.status).toBe(report.status === 'fail' ? 503 : 200);
  });

  it('answers liveness and readiness without credentials', async () => {
    const live = await fetch(new URL('/healthz', server.url));
    const ready = await fetch(new URL('/readyz', server.url));

    expect([live.status, await live.json()]).toEqual([200, { status: 'pass' }]);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'pass' }]);
  });
});
