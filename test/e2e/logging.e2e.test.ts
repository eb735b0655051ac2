import { Writable } from 'node:stream';
import { graphHandlers } from '@ctwa/meta-ads-client/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoAds } from '../../examples/express-server/src/demo/ads.js';
import { createLogger } from '../../examples/express-server/src/logger.js';
import {
  graphApiVersion,
  graphBaseUrl,
  startTestServer,
  type TestServer,
} from './support/test-server.js';

const phone = '+5491155500177';

describe('reference server logs', () => {
  let server: TestServer;
  const lines: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    server = await startTestServer({
      name: 'logging',
      graph: graphHandlers({ ads: demoAds, baseUrl: graphBaseUrl, apiVersion: graphApiVersion }),
      logger: createLogger('debug', destination),
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('writes one line per request with the masked phone and no credential', async () => {
    const adminToken = await server.adminToken('arrayan', 'ceo');
    await server.client.postChat(server.chatToken, {
      tenant_id: 'arrayan',
      phone,
      message: `Mi número es ${phone}`,
      referral: { ad_id: '120214583920175512' },
    });
    await server.client.call(
      `/admin/patients/phone/${encodeURIComponent(phone)}/context`,
      adminToken,
    );
    await server.client.call('/chat', 'wrong-token', { method: 'POST', body: '{}' });
    await server.settleEnrichment();

    // pino-http writes its line when the response finishes, possibly after the client read it.
    const requestLines = () => lines.filter((line) => line.includes('"request completed"'));
    await vi.waitFor(() => expect(requestLines()).toHaveLength(3), { timeout: 10_000 });
    const logText = lines.join('\n');
    expect(requestLines().map((line) => JSON.parse(line).req)).toEqual([
      { id: 1, method: 'POST', url: '/chat' },
      { id: 2, method: 'GET', url: '/admin/patients/phone/+54*********77/context' },
      { id: 3, method: 'POST', url: '/chat' },
    ]);
    expect(logText).not.toContain('5491155500177');
    expect(logText).not.toContain(server.chatToken);
    expect(logText).not.toContain(adminToken);
    expect(logText).not.toContain('Mi número es');
  });

  it('answers a body that does not match its Content-Encoding with a 400 logged as a warning', async () => {
    const before = lines.length;
    const response = await fetch(new URL('/chat', server.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.chatToken}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body: JSON.stringify({ tenant_id: 'arrayan', phone, message: 'hola' }),
    });
    const body = await response.json();

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(body).toMatchObject({ status: 400, code: 'unreadable_body' });
    await vi.waitFor(
      () =>
        expect(lines.slice(before).some((line) => line.includes('"request completed"'))).toBe(true),
      { timeout: 10_000 },
    );
    const levels = lines.slice(before).map((line) => JSON.parse(line).level);
    expect(levels).toEqual([40, 40]);
  });
});
