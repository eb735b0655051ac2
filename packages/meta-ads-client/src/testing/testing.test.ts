import { createHmac } from 'node:crypto';
import { setupServer } from 'msw/node';
import type { Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphDispatcher } from './graph-dispatcher.js';
import { graphHandlers } from './graph-handlers.js';
import { graphErrors, toHttpResponse, usageHeaders } from './graph-responses.js';
import {
  graphErrorHandler,
  graphSequenceHandler,
  slowGraphHandler,
  throttledGraphHandler,
} from './handler-factories.js';

const BASE = 'http://127.0.0.1:9';
const AD = {
  id: '120214583920175512',
  name: 'Implants',
  campaign: { id: '120214583920175501', name: 'Implants CABA' },
};

async function getJson(dispatcher: Dispatcher, path: string, headers: Record<string, string> = {}) {
  const response = await dispatcher.request({ origin: BASE, path, method: 'GET', headers });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: await response.body.json(),
  };
}

describe('graphHandlers', () => {
  it('serves an ad with its fields, and 100/33 for an unknown id', async () => {
    const dispatcher = createGraphDispatcher(graphHandlers({ ads: [AD], baseUrl: BASE }));

    expect(await getJson(dispatcher, '/v26.0/120214583920175512')).toMatchObject({
      status: 200,
      body: AD,
    });
    expect(await getJson(dispatcher, '/v25.0/120214583920179999')).toMatchObject({
      status: 400,
      body: { error: { code: 100, error_subcode: 33, type: 'GraphMethodException' } },
    });
  });

  it('serves only the configured apiVersion when one is given', async () => {
    const dispatcher = createGraphDispatcher(
      graphHandlers({ ads: [AD], baseUrl: BASE, apiVersion: 'v26.0' }),
    );

    await expect(getJson(dispatcher, '/v25.0/120214583920175512')).rejects.toThrow(
      'No Graph test handler matched GET /v25.0/120214583920175512',
    );
  });

  it('answers a wrong Bearer token with 190/467 when accessToken is set', async () => {
    const dispatcher = createGraphDispatcher(
      graphHandlers({ ads: [AD], baseUrl: BASE, accessToken: 'right' }),
    );

    const answer = await getJson(dispatcher, '/v26.0/me', { authorization: 'Bearer wrong' });

    expect(answer).toMatchObject({
      status: 400,
      body: { error: { code: 190, error_subcode: 467 } },
    });
    expect(answer.headers['www-authenticate']).toContain('invalid_token');
  });

  it('checks appsecret_proof when appSecret is set', async () => {
    const dispatcher = createGraphDispatcher(
      graphHandlers({ ads: [AD], baseUrl: BASE, appSecret: 'secret' }),
    );
    const proof = createHmac('sha256', 'secret').update('tok').digest('hex');
    const auth = { authorization: 'Bearer tok' };

    expect((await getJson(dispatcher, `/v26.0/me?appsecret_proof=${proof}`, auth)).status).toBe(
      200,
    );
    expect(await getJson(dispatcher, '/v26.0/me', auth)).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 100,
          message: 'API calls from the server require an appsecret_proof argument',
        },
      },
    });
    expect((await getJson(dispatcher, '/v26.0/me?appsecret_proof=00', auth)).body).toMatchObject({
      error: { message: 'Invalid appsecret_proof provided in the API argument' },
    });
  });

  it('refuses more than 50 ids like Graph', async () => {
    const dispatcher = createGraphDispatcher(graphHandlers({ ads: [AD], baseUrl: BASE }));
    const ids = Array.from({ length: 51 }, (_, index) => String(index + 1)).join(',');

    expect((await getJson(dispatcher, `/v26.0/?ids=${ids}`)).body).toMatchObject({
      error: { code: 100, message: '(#100) Too many IDs. Maximum: 50. Provided: 51.' },
    });
  });

  it('merges tokenInfo over a valid system-user token and sends usage headers', async () => {
    const dispatcher = createGraphDispatcher(
      graphHandlers({
        ads: [],
        baseUrl: BASE,
        tokenInfo: { is_valid: false, scopes: [] },
        usage: { app: { call_count: 7 } },
      }),
    );

    const answer = await getJson(dispatcher, '/v26.0/debug_token?input_token=x');

    expect(answer.body).toMatchObject({
      data: { is_valid: false, type: 'SYSTEM_USER', scopes: [], expires_at: 0 },
    });
    expect(answer.headers['x-app-usage']).toBe('{"call_count":7}');
  });

  it('works with plain fetch under msw setupServer, for code that does not use undici', async () => {
    const server = setupServer(...graphHandlers({ ads: [AD], baseUrl: BASE }));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const response = await fetch(`${BASE}/v26.0/?ids=120214583920175512`);
      expect(await response.json()).toEqual({ '120214583920175512': AD });
    } finally {
      server.close();
    }
  });
});

describe('graph response factories', () => {
  it('builds throttles with the usage header Graph sends for each code', () => {
    expect(graphErrors.rateLimit({ code: 4 })).toMatchObject({
      status: 403,
      headers: { 'x-app-usage': '{"call_count":100,"total_cputime":3,"total_time":4}' },
      body: { error: { code: 4, is_transient: true } },
    });
    const business = graphErrors.rateLimit({ code: 80004, regainMinutes: 3, businessId: '42' });
    expect(business.status).toBe(400);
    expect(JSON.parse(business.headers?.['x-business-use-case-usage'] ?? '{}')).toMatchObject({
      42: [{ type: 'ads_management', estimated_time_to_regain_access: 3 }],
    });
  });

  it('turns a string body into a non-JSON response', async () => {
    const response = toHttpResponse(graphErrors.htmlError(502));

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html; charset="utf-8"');
    expect(await response.text()).toContain('Something went wrong');
  });

  it('builds no usage header for missing parts', () => {
    expect(usageHeaders(undefined)).toEqual({});
    expect(Object.keys(usageHeaders({ adAccount: { acc_id_util_pct: 1 } }))).toEqual([
      'x-ad-account-usage',
    ]);
  });
});

describe('handler factories', () => {
  it('answers a sequence in order, then repeats the last answer', async () => {
    const dispatcher = createGraphDispatcher([
      graphSequenceHandler([graphErrors.transient(), { status: 200, body: { id: '1' } }], {
        baseUrl: BASE,
      }),
    ]);

    const statuses = [];
    for (let index = 0; index < 3; index++)
      statuses.push((await getJson(dispatcher, '/v26.0/1')).status);

    expect(statuses).toEqual([503, 200, 200]);
  });

  it('answers once and then falls through when once is set', async () => {
    const dispatcher = createGraphDispatcher([
      graphErrorHandler(graphErrors.permission(), { baseUrl: BASE, once: true }),
      ...graphHandlers({ ads: [AD], baseUrl: BASE }),
    ]);

    expect((await getJson(dispatcher, '/v26.0/120214583920175512')).status).toBe(403);
    expect((await getJson(dispatcher, '/v26.0/120214583920175512')).status).toBe(200);
  });
});

describe('throttledGraphHandler and slowGraphHandler', () => {
  it('answers with a throttle and its usage header', async () => {
    const dispatcher = createGraphDispatcher([
      throttledGraphHandler({ code: 17 }, { baseUrl: BASE }),
    ]);

    const answer = await getJson(dispatcher, '/v26.0/me');

    expect(answer).toMatchObject({
      status: 400,
      body: { error: { code: 17, error_subcode: 2446079 } },
    });
    expect(answer.headers['x-app-usage']).toBe('{"call_count":6,"total_cputime":3,"total_time":4}');
  });

  it('answers after its delay, or falls through to the next handler without a response', async () => {
    const dispatcher = createGraphDispatcher([
      slowGraphHandler(5, {
        baseUrl: BASE,
        path: '/v26.0/me',
        response: { status: 200, body: { id: 'slow' } },
      }),
      slowGraphHandler(5, { baseUrl: BASE, path: '/v26.0/120214583920175512' }),
      ...graphHandlers({ ads: [AD], baseUrl: BASE }),
    ]);

    expect((await getJson(dispatcher, '/v26.0/me')).body).toEqual({ id: 'slow' });
    expect((await getJson(dispatcher, '/v26.0/120214583920175512')).body).toEqual(AD);
  });
});

describe('GraphTestDispatcher', () => {
  let dispatcher: ReturnType<typeof createGraphDispatcher>;
  beforeAll(() => {
    dispatcher = createGraphDispatcher(graphHandlers({ ads: [AD], baseUrl: BASE }));
  });
  afterAll(async () => {
    await dispatcher.close();
  });

  it('drives handlers written against the current undici handler API', async () => {
    const events: string[] = [];
    const body = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      dispatcher.dispatch(
        { origin: BASE, path: '/v26.0/120214583920175512', method: 'GET' },
        {
          onRequestStart: () => events.push('start'),
          onResponseStart: (_controller, status, headers) =>
            events.push(`status ${status} ${headers['content-type']}`),
          onResponseData: (_controller, chunk) => chunks.push(chunk),
          onResponseEnd: () => resolve(Buffer.concat(chunks).toString()),
          onResponseError: (_controller, error) => reject(error),
        },
      );
    });

    expect(events).toEqual(['start', 'status 200 application/json; charset=UTF-8']);
    expect(JSON.parse(body)).toEqual(AD);
  });

  it('serves undici fetch as well as undici request', async () => {
    const { fetch: undiciFetch } = await import('undici');
    // fetch refuses port 9 (a "bad port" in the Fetch standard), so this test uses another one.
    const base = 'http://127.0.0.1:8089';
    const fetching = createGraphDispatcher(graphHandlers({ ads: [AD], baseUrl: base }));

    const response = await undiciFetch(`${base}/v26.0/120214583920175512`, {
      dispatcher: fetching,
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(AD);
  });

  it('records every call with its URL and headers', async () => {
    const recorder = createGraphDispatcher(graphHandlers({ ads: [AD], baseUrl: BASE }));

    await getJson(recorder, '/v26.0/me?fields=id', { authorization: 'Bearer t' });

    expect(recorder.calls).toEqual([
      { method: 'GET', url: `${BASE}/v26.0/me?fields=id`, headers: { authorization: 'Bearer t' } },
    ]);
  });

  it('refuses requests after close', async () => {
    const closing = createGraphDispatcher(graphHandlers({ ads: [AD], baseUrl: BASE }));
    await closing.close();

    await expect(getJson(closing, '/v26.0/me')).rejects.toThrow('GraphTestDispatcher is closed');
  });
});
