import { createHmac } from 'node:crypto';
import {
  MetaAdsClient,
  MetaAuthError,
  MetaClientClosedError,
  MetaConfigError,
  MetaInvalidRequestError,
  MetaNetworkError,
  MetaNotFoundError,
  MetaPermissionError,
  MetaRateLimitError,
  MetaResponseError,
  MetaTimeoutError,
} from '@ctwa/meta-ads-client';
import {
  createGraphDispatcher,
  type FakeAd,
  graphErrorHandler,
  graphErrors,
  graphHandlers,
  graphSequenceHandler,
  networkErrorHandler,
  slowGraphHandler,
  throttledGraphHandler,
} from '@ctwa/meta-ads-client/testing';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  BASE_URL,
  clientWith,
  fakeTime,
  rejectionOf,
  TEST_APP_ID,
  TEST_APP_SECRET,
  TEST_TOKEN,
} from './support.js';

const IMPLANTS: FakeAd = {
  id: '120214583920175512',
  name: 'AR | Implantes | Img 1:1 | Dic',
  effective_status: 'ACTIVE',
  campaign: { id: '120214583920175501', name: 'Implantes dentales - Mensajes WhatsApp - CABA' },
  adset: { id: '120214583920175508', name: 'CABA 35-65 | Salud bucal' },
};

function fakeAds(count: number): FakeAd[] {
  return Array.from({ length: count }, (_, index) => ({
    id: String(120214583920100000n + BigInt(index)),
    name: `Ad ${index}`,
  }));
}

describe('MetaAdsClient.getAdDetails', () => {
  it('sends the token only as a Bearer header and asks for the expanded fields', async () => {
    const { client, dispatcher } = clientWith(
      graphHandlers({ ads: [IMPLANTS], baseUrl: BASE_URL }),
    );

    await client.getAdDetails(IMPLANTS.id);

    const [call] = dispatcher.calls;
    expect(call?.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    expect(call?.url).toBe(
      'http://127.0.0.1:9/graph/v26.0/120214583920175512?fields=id%2Cname%2Ceffective_status%2Ccampaign%7Bid%2Cname%7D%2Cadset%7Bid%2Cname%7D',
    );
    expect(call?.url).not.toContain(TEST_TOKEN);
  });

  it('adds appsecret_proof, the HMAC-SHA256 of the token keyed by the app secret', async () => {
    const handlers = graphHandlers({
      ads: [IMPLANTS],
      baseUrl: BASE_URL,
      accessToken: TEST_TOKEN,
      appSecret: TEST_APP_SECRET,
    });
    const { client, dispatcher } = clientWith(handlers, { appSecret: TEST_APP_SECRET });

    await client.getAdDetails(IMPLANTS.id);

    const proof = new URL(dispatcher.calls[0]?.url ?? '').searchParams.get('appsecret_proof');
    expect(proof).toBe(createHmac('sha256', TEST_APP_SECRET).update(TEST_TOKEN).digest('hex'));
  });

  it('returns nulls for fields Graph leaves out', async () => {
    const { client } = clientWith(
      graphHandlers({ ads: [{ id: '120200000000000001' }], baseUrl: BASE_URL }),
    );

    expect(await client.getAdDetails('120200000000000001')).toEqual({
      adId: '120200000000000001',
      adName: null,
      campaignId: null,
      campaignName: null,
      adsetId: null,
      adsetName: null,
      effectiveStatus: null,
    });
  });

  it('rejects an id that is not a digit string before calling Graph', async () => {
    const { client, dispatcher } = clientWith(graphHandlers({ ads: [], baseUrl: BASE_URL }));

    const error = await rejectionOf(client.getAdDetails('12,34'));

    expect(error).toBeInstanceOf(MetaInvalidRequestError);
    expect((error as Error).message).toContain('Ad id "12,34" is not a Graph id');
    expect(dispatcher.calls).toHaveLength(0);
  });

  it('answers an unknown ad with MetaNotFoundError from the fake Graph', async () => {
    const { client } = clientWith(graphHandlers({ ads: [], baseUrl: BASE_URL }));

    const error = await rejectionOf(client.getAdDetails('120214583920179999'));

    expect(error).toBeInstanceOf(MetaNotFoundError);
    expect(error).toMatchObject({ status: 400, code: 100, subcode: 33 });
  });
});

describe('MetaAdsClient.getAdsDetails', () => {
  it('dedupes ids and reads 120 ads in chunks of 50, 50 and 20', async () => {
    const ads = fakeAds(120);
    const { client, dispatcher } = clientWith(graphHandlers({ ads, baseUrl: BASE_URL }));
    const ids = ads.map((ad) => ad.id);

    const results = await client.getAdsDetails([...ids, ids[0] ?? '', ids[1] ?? '']);

    expect(results.size).toBe(120);
    expect([...results.keys()]).toEqual(ids);
    expect(results.get(ids[119] ?? '')).toMatchObject({ adId: ids[119], adName: 'Ad 119' });
    const chunkSizes = dispatcher.calls.map(
      (call) => new URL(call.url).searchParams.get('ids')?.split(',').length,
    );
    expect(chunkSizes.sort()).toEqual([20, 50, 50]);
  });

  it('rereads a failing chunk of 50 in tens, then id by id, so one unknown id hides nothing', async () => {
    const ads = fakeAds(49);
    const missing = '120214583920179999';
    const { client, dispatcher } = clientWith(graphHandlers({ ads, baseUrl: BASE_URL }));

    const results = await client.getAdsDetails([...ads.map((ad) => ad.id), missing]);

    expect(results.size).toBe(50);
    for (const ad of ads)
      expect(results.get(ad.id)).toMatchObject({ adId: ad.id, adName: ad.name });
    expect(results.get(missing)).toBeInstanceOf(MetaNotFoundError);
    // [50 fails] -> 4 tens succeed + [10 fails] -> 9 singles succeed + [missing]
    expect(dispatcher.calls).toHaveLength(1 + 5 + 10);
  });

  it('reads a small failing chunk id by id', async () => {
    const ads = fakeAds(8);
    const missing = '120214583920179999';
    const { client, dispatcher } = clientWith(graphHandlers({ ads, baseUrl: BASE_URL }));

    const results = await client.getAdsDetails([missing, ...ads.map((ad) => ad.id)]);

    expect(results.get(missing)).toBeInstanceOf(MetaNotFoundError);
    expect(results.get(ads[7]?.id ?? '')).toMatchObject({ adName: 'Ad 7' });
    expect(dispatcher.calls).toHaveLength(1 + 9);
  });

  it('bounds the fallback when every id is refused: 56 requests for 50 ids', async () => {
    const ads = fakeAds(50);
    const { client, dispatcher } = clientWith([
      graphErrorHandler(graphErrors.permission(), { baseUrl: BASE_URL }),
    ]);

    const results = await client.getAdsDetails(ads.map((ad) => ad.id));

    expect([...results.values()].every((outcome) => outcome instanceof MetaPermissionError)).toBe(
      true,
    );
    expect(dispatcher.calls).toHaveLength(56);
  });

  it('maps an id Graph leaves out of the answer to MetaNotFoundError', async () => {
    const { client, dispatcher } = clientWith(
      graphHandlers({ ads: [IMPLANTS], baseUrl: BASE_URL, missingIdsInBatch: 'omit' }),
    );

    const results = await client.getAdsDetails([IMPLANTS.id, '120214583920179999']);

    expect(results.get(IMPLANTS.id)).toMatchObject({ adName: IMPLANTS.name });
    expect(results.get('120214583920179999')).toBeInstanceOf(MetaNotFoundError);
    expect(dispatcher.calls).toHaveLength(1);
  });

  it('gives every id the same auth error without splitting the chunk', async () => {
    const ads = fakeAds(10);
    const { client, dispatcher } = clientWith([
      graphErrorHandler(graphErrors.auth(), { baseUrl: BASE_URL }),
    ]);

    const results = await client.getAdsDetails(ads.map((ad) => ad.id));

    expect([...results.values()].every((outcome) => outcome instanceof MetaAuthError)).toBe(true);
    expect(new Set(results.values()).size).toBe(1);
    expect(dispatcher.calls).toHaveLength(1);
  });

  it('splits on a permission error, which one foreign ad account can cause', async () => {
    const ads = fakeAds(2);
    const { client, dispatcher } = clientWith([
      graphErrorHandler(graphErrors.permission(), { baseUrl: BASE_URL, once: true }),
      ...graphHandlers({ ads, baseUrl: BASE_URL }),
    ]);

    const results = await client.getAdsDetails(ads.map((ad) => ad.id));

    expect(results.get(ads[0]?.id ?? '')).toMatchObject({ adName: 'Ad 0' });
    expect(results.get(ads[1]?.id ?? '')).toMatchObject({ adName: 'Ad 1' });
    expect(dispatcher.calls).toHaveLength(3);
  });

  it('maps malformed ids to MetaInvalidRequestError and reads the rest', async () => {
    const { client, dispatcher } = clientWith(
      graphHandlers({ ads: [IMPLANTS], baseUrl: BASE_URL }),
    );

    const results = await client.getAdsDetails(['act_1', IMPLANTS.id, '']);

    expect([...results.keys()]).toEqual(['act_1', IMPLANTS.id, '']);
    expect(results.get('act_1')).toBeInstanceOf(MetaInvalidRequestError);
    expect(results.get('')).toBeInstanceOf(MetaInvalidRequestError);
    expect(results.get(IMPLANTS.id)).toMatchObject({ adName: IMPLANTS.name });
    expect(dispatcher.calls).toHaveLength(1);
  });

  it('keeps at most batchConcurrency requests in flight', async () => {
    const ads = fakeAds(250);
    let inFlight = 0;
    let peak = 0;
    const dispatcher = createGraphDispatcher(graphHandlers({ ads, baseUrl: BASE_URL }));
    const counting = Object.assign(Object.create(dispatcher) as typeof dispatcher, {
      dispatch: (
        options: Parameters<typeof dispatcher.dispatch>[0],
        handler: Parameters<typeof dispatcher.dispatch>[1],
      ) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        const done = () => {
          inFlight -= 1;
        };
        return dispatcher.dispatch(options, {
          onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
          onResponseStart: (controller, status, headers, text) =>
            handler.onResponseStart?.(controller, status, headers, text),
          onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
          onResponseEnd: (controller, trailers) => {
            done();
            handler.onResponseEnd?.(controller, trailers);
          },
          onResponseError: (controller, error) => {
            done();
            handler.onResponseError?.(controller, error);
          },
        });
      },
    });
    const client = new MetaAdsClient({
      accessToken: TEST_TOKEN,
      baseUrl: BASE_URL,
      dispatcher: counting,
      batchConcurrency: 2,
    });

    const results = await client.getAdsDetails(ads.map((ad) => ad.id));

    expect(results.size).toBe(250);
    expect(peak).toBe(2);
  });
});

describe('MetaAdsClient.getAdsDetails when the caller aborts', () => {
  it('rejects with the caller reason instead of returning partial results', async () => {
    const ads = fakeAds(120);
    const { client, dispatcher } = clientWith([
      slowGraphHandler('infinite', { baseUrl: BASE_URL }),
    ]);
    const controller = new AbortController();
    const reason = new Error('request cancelled');

    const pending = rejectionOf(
      client.getAdsDetails(
        ads.map((ad) => ad.id),
        { signal: controller.signal },
      ),
    );
    while (dispatcher.calls.length < 3) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(reason);

    expect(await pending).toBe(reason);
    expect(dispatcher.calls).toHaveLength(3);
  });
});

describe('MetaAdsClient.getMe and debugToken', () => {
  it('returns the token owner with the usage of the call', async () => {
    const { client } = clientWith(
      graphHandlers({
        ads: [],
        baseUrl: BASE_URL,
        me: { id: '122109384756102938', name: 'Arrayan system user' },
        usage: { app: { call_count: 12, total_cputime: 3, total_time: 5 } },
      }),
    );

    expect(await client.getMe()).toEqual({
      id: '122109384756102938',
      name: 'Arrayan system user',
      usage: {
        app: { callCount: 12, totalCputime: 3, totalTime: 5 },
        adAccount: null,
        businessUseCase: [],
        maxPercent: 12,
        regainAccessMs: null,
      },
    });
  });

  it('calls debug_token with the app token as Bearer and the token as input_token', async () => {
    const handlers = graphHandlers({
      ads: [],
      baseUrl: BASE_URL,
      appSecret: TEST_APP_SECRET,
      tokenInfo: { app_id: TEST_APP_ID },
    });
    const { client, dispatcher } = clientWith(handlers, {
      appId: TEST_APP_ID,
      appSecret: TEST_APP_SECRET,
    });

    const info = await client.debugToken();

    expect(info).toMatchObject({
      isValid: true,
      type: 'SYSTEM_USER',
      appId: TEST_APP_ID,
      expiresAt: null,
    });
    const [call] = dispatcher.calls;
    expect(call?.headers.authorization).toBe(`Bearer ${TEST_APP_ID}|${TEST_APP_SECRET}`);
    expect(new URL(call?.url ?? '').searchParams.get('input_token')).toBe(TEST_TOKEN);
  });

  it('refuses debugToken without appId and appSecret, naming the settings', async () => {
    const { client, dispatcher } = clientWith(graphHandlers({ ads: [], baseUrl: BASE_URL }));

    const error = await rejectionOf(client.debugToken());

    expect(error).toBeInstanceOf(MetaConfigError);
    expect(error).toMatchObject({ setting: 'appId' });
    expect((error as Error).message).toContain(
      'set appId and appSecret (META_APP_ID, META_APP_SECRET)',
    );
    expect(dispatcher.calls).toHaveLength(0);
  });
});

describe('MetaAdsClient throttle gate', () => {
  it('makes zero Graph calls while the gate is closed and reports the remaining wait', async () => {
    const { client, dispatcher, time } = clientWith([
      graphErrorHandler(graphErrors.rateLimit({ code: 80004, regainMinutes: 14 }), {
        baseUrl: BASE_URL,
        once: true,
      }),
      ...graphHandlers({ ads: [IMPLANTS], baseUrl: BASE_URL }),
    ]);

    await rejectionOf(client.getAdDetails(IMPLANTS.id));
    time.advance(60_000);
    const refused = await rejectionOf(client.getAdDetails(IMPLANTS.id));
    const refusedBatch = await client.getAdsDetails([IMPLANTS.id]);

    expect(dispatcher.calls).toHaveLength(1);
    expect(refused).toBeInstanceOf(MetaRateLimitError);
    expect(refused).toMatchObject({ retryAfterMs: 780_000, code: 80004, status: null });
    expect((refused as Error).message).toMatch(
      /^Not sent: calls to Graph are on hold for another 13 min/,
    );
    expect(refusedBatch.get(IMPLANTS.id)).toBeInstanceOf(MetaRateLimitError);
    expect(client.throttledForMs).toBe(780_000);
  });

  it('stops a batch at the first throttle: later chunks are refused without a call', async () => {
    const ads = fakeAds(150);
    const { client, dispatcher } = clientWith(
      [
        throttledGraphHandler({ code: 80004, regainMinutes: 5 }, { baseUrl: BASE_URL, once: true }),
        ...graphHandlers({ ads, baseUrl: BASE_URL }),
      ],
      { batchConcurrency: 1 },
    );

    const results = await client.getAdsDetails(ads.map((ad) => ad.id));

    const outcomes = [...results.values()];
    expect(outcomes.every((outcome) => outcome instanceof MetaRateLimitError)).toBe(true);
    expect(
      outcomes.filter((outcome) => (outcome as MetaRateLimitError).status === 400),
    ).toHaveLength(50);
    expect(
      outcomes.filter((outcome) => (outcome as MetaRateLimitError).status === null),
    ).toHaveLength(100);
    expect(dispatcher.calls).toHaveLength(1);
  });

  it('lets calls through again once the hold is over', async () => {
    const { client, dispatcher, time } = clientWith([
      graphErrorHandler(graphErrors.rateLimit({ code: 80004, regainMinutes: 1 }), {
        baseUrl: BASE_URL,
        once: true,
      }),
      ...graphHandlers({ ads: [IMPLANTS], baseUrl: BASE_URL }),
    ]);

    await rejectionOf(client.getAdDetails(IMPLANTS.id));
    time.advance(60_000);

    expect(await client.getAdDetails(IMPLANTS.id)).toMatchObject({ adId: IMPLANTS.id });
    expect(dispatcher.calls).toHaveLength(2);
    expect(client.throttledForMs).toBe(0);
  });

  it('waits inside the call when the hold fits the caller deadline, then retries once', async () => {
    const { client, dispatcher, time } = clientWith(
      [
        graphErrorHandler(graphErrors.rateLimit({ code: 80004, regainMinutes: 1 }), {
          baseUrl: BASE_URL,
          once: true,
        }),
        ...graphHandlers({ ads: [IMPLANTS], baseUrl: BASE_URL }),
      ],
      { deadlineMs: 120_000 },
    );

    expect(await client.getAdDetails(IMPLANTS.id)).toMatchObject({ adId: IMPLANTS.id });
    expect(time.sleeps).toEqual([60_000]);
    expect(dispatcher.calls).toHaveLength(2);
  });

  it('uses the fallback wait for a throttle whose headers give no hint', async () => {
    const { client } = clientWith(
      [graphErrorHandler(graphErrors.rateLimit({ code: 4 }), { baseUrl: BASE_URL })],
      { throttleFallbackMs: 90_000 },
    );

    const error = await rejectionOf(client.getAdDetails(IMPLANTS.id));

    expect(error).toMatchObject({ retryAfterMs: 90_000, status: 403, code: 4 });
    expect(client.throttledForMs).toBe(90_000);
  });
});

describe('MetaAdsClient timeouts, aborts and network failures', () => {
  it('throws MetaTimeoutError when Graph does not answer within timeoutMs', async () => {
    const { client, dispatcher } = clientWith(
      [slowGraphHandler('infinite', { baseUrl: BASE_URL })],
      { timeoutMs: 20, maxRetries: 1, deadlineMs: 10_000 },
    );

    const error = await rejectionOf(client.getAdDetails(IMPLANTS.id));

    expect(error).toBeInstanceOf(MetaTimeoutError);
    expect(error).toMatchObject({ status: null, retryable: true, isTransient: true });
    expect((error as Error).message).toBe(
      'Graph did not answer within 20 ms while reading ad 120214583920175512 (GET /graph/v26.0/120214583920175512). Raise META_API_TIMEOUT or try again later.',
    );
    expect(dispatcher.calls).toHaveLength(2);
  });

  it('rejects with the caller signal reason when the caller aborts, without retrying', async () => {
    const { client, dispatcher } = clientWith([
      slowGraphHandler('infinite', { baseUrl: BASE_URL }),
    ]);
    const controller = new AbortController();
    const reason = new Error('caller gave up');

    const pending = rejectionOf(client.getAdDetails(IMPLANTS.id, { signal: controller.signal }));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(reason);

    expect(await pending).toBe(reason);
    expect(dispatcher.calls).toHaveLength(1);
  });

  it('rejects with the caller reason when the caller aborts during a real backoff wait', async () => {
    const dispatcher = createGraphDispatcher([
      graphErrorHandler(graphErrors.transient(), { baseUrl: BASE_URL }),
    ]);
    const client = new MetaAdsClient({
      accessToken: TEST_TOKEN,
      baseUrl: BASE_URL,
      dispatcher,
      retryBaseDelayMs: 60_000,
      random: () => 0.5,
    });
    const controller = new AbortController();
    const reason = new Error('shutting down');

    const pending = rejectionOf(client.getAdDetails(IMPLANTS.id, { signal: controller.signal }));
    while (dispatcher.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(reason);

    expect(await pending).toBe(reason);
    expect(dispatcher.calls).toHaveLength(1);
  });

  it('turns a connection failure into MetaNetworkError and retries it', async () => {
    const { client, dispatcher } = clientWith([networkErrorHandler({ baseUrl: BASE_URL })]);

    const error = await rejectionOf(client.getAdDetails(IMPLANTS.id));

    expect(error).toBeInstanceOf(MetaNetworkError);
    expect((error as Error).message).toContain('Could not reach Graph at http://127.0.0.1:9');
    expect(dispatcher.calls).toHaveLength(3);
  });

  it('fails loudly for a request no test handler answers', async () => {
    const { client } = clientWith([], { maxRetries: 0 });

    const error = await rejectionOf(client.getMe());

    expect(error).toBeInstanceOf(MetaNetworkError);
    expect((error as Error).message).toContain('No Graph test handler matched GET /graph/v26.0/me');
  });

  it('reuses keep-alive sockets of its own pool, opening at most maxConnections', async () => {
    const { createServer } = await import('node:http');
    let sockets = 0;
    const server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      // Answer on the next turn so concurrent requests overlap and compete for sockets.
      setImmediate(() =>
        response.end(JSON.stringify({ id: '1', name: request.headers.authorization })),
      );
    });
    server.on('connection', () => {
      sockets += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const client = new MetaAdsClient({
      accessToken: TEST_TOKEN,
      baseUrl: `http://127.0.0.1:${port}`,
      maxConnections: 2,
    });

    try {
      const answers = await Promise.all(Array.from({ length: 12 }, () => client.getMe()));
      for (let round = 0; round < 3; round++) await client.getMe();

      expect(answers.every((me) => me.name === `Bearer ${TEST_TOKEN}`)).toBe(true);
      expect(sockets).toBe(2);
    } finally {
      await client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('times out against a real loopback server that never answers, and frees the socket', async () => {
    const { createServer } = await import('node:http');
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const client = new MetaAdsClient({
      accessToken: TEST_TOKEN,
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 50,
      maxRetries: 0,
    });

    try {
      const error = await rejectionOf(client.getMe());
      expect(error).toBeInstanceOf(MetaTimeoutError);
      expect((error as Error).message).toMatch(
        /^Graph did not answer within 50 ms while reading the token owner \(me\)/,
      );
    } finally {
      await client.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('rejects with a non-Error abort reason exactly as the caller gave it', async () => {
    const { client } = clientWith([slowGraphHandler('infinite', { baseUrl: BASE_URL })]);
    const controller = new AbortController();

    const pending = rejectionOf(client.getMe({ signal: controller.signal }));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort('user navigated away');

    expect(await pending).toBe('user navigated away');
  });

  it('refuses an answer larger than 4 MiB with MetaResponseError keeping its usage, without retrying', async () => {
    const huge = {
      status: 200,
      headers: { 'x-app-usage': '{"call_count":42,"total_cputime":1,"total_time":1}' },
      body: { id: '1', name: 'x'.repeat(4 * 1024 * 1024) },
    };
    const { client, dispatcher } = clientWith([graphErrorHandler(huge, { baseUrl: BASE_URL })]);

    const error = await rejectionOf(client.getMe());

    expect(error).toBeInstanceOf(MetaResponseError);
    expect(error).toMatchObject({ status: 200, retryable: false });
    expect((error as Error).message).toContain('exceeded 4194304 bytes and was discarded');
    expect((error as MetaResponseError).usage?.maxPercent).toBe(42);
    expect(dispatcher.calls).toHaveLength(1);
  });

  it('leaves an injected dispatcher open on close, for other clients to use', async () => {
    const dispatcher = createGraphDispatcher(graphHandlers({ ads: [IMPLANTS], baseUrl: BASE_URL }));
    const client = new MetaAdsClient({ accessToken: TEST_TOKEN, baseUrl: BASE_URL, dispatcher });
    const other = new MetaAdsClient({ accessToken: TEST_TOKEN, baseUrl: BASE_URL, dispatcher });

    await client.close();

    expect(await other.getAdDetails(IMPLANTS.id)).toMatchObject({ adId: IMPLANTS.id });
  });
});

describe('MetaAdsClient.getAdsDetails deadline', () => {
  // Each answer takes `ms` of fake time, so the deadline is crossed between requests, not by timers.
  function clientTakingPerRequest(ms: number, ads: FakeAd[], deadlineMs: number) {
    const time = fakeTime();
    const dispatcher = createGraphDispatcher([
      http.get('*', () => {
        time.advance(ms);
      }),
      ...graphHandlers({ ads, baseUrl: BASE_URL }),
    ]);
    const client = new MetaAdsClient({
      accessToken: TEST_TOKEN,
      baseUrl: BASE_URL,
      dispatcher,
      clock: time.clock,
      sleep: time.sleep,
      batchConcurrency: 1,
      deadlineMs,
    });
    return { client, dispatcher };
  }

  it('bounds the whole call by one deadline: chunks that would start after it time out unsent', async () => {
    const ads = fakeAds(200);
    const { client, dispatcher } = clientTakingPerRequest(400, ads, 1_000);

    const results = await client.getAdsDetails(ads.map((ad) => ad.id));

    const outcomes = [...results.values()];
    expect(outcomes.slice(0, 150).every((outcome) => !(outcome instanceof Error))).toBe(true);
    expect(outcomes.slice(150).every((outcome) => outcome instanceof MetaTimeoutError)).toBe(true);
    expect(dispatcher.calls).toHaveLength(3);
  });

  it('counts fallback requests against the same deadline', async () => {
    const ads = fakeAds(49);
    const missing = '120214583920179999';
    const { client, dispatcher } = clientTakingPerRequest(100, ads, 250);

    const results = await client.getAdsDetails([...ads.map((ad) => ad.id), missing]);

    // [50 fails] at 0-100, two tens at 100-300, then the deadline has passed.
    expect(dispatcher.calls).toHaveLength(3);
    const outcomes = [...results.values()];
    expect(outcomes.slice(0, 20).every((outcome) => !(outcome instanceof Error))).toBe(true);
    expect(outcomes.slice(20).every((outcome) => outcome instanceof MetaTimeoutError)).toBe(true);
  });
});

describe('MetaAdsClient with a Graph error body under HTTP 200', () => {
  const expiredWith200 = {
    status: 200,
    body: {
      error: { message: 'Session expired', type: 'OAuthException', code: 190, error_subcode: 463 },
    },
  };

  it('classifies code 190 with HTTP 200 on a single read as MetaAuthError, not a schema failure', async () => {
    const { client, dispatcher } = clientWith([
      graphErrorHandler(expiredWith200, { baseUrl: BASE_URL }),
    ]);

    const error = await rejectionOf(client.getAdDetails(IMPLANTS.id));

    expect(error).toBeInstanceOf(MetaAuthError);
    expect(error).toMatchObject({ status: 200, code: 190, subcode: 463, retryable: false });
    expect(dispatcher.calls).toHaveLength(1);
  });

  it('gives every id of an ?ids= read the MetaAuthError of a 200 error body, not MetaNotFoundError', async () => {
    const ads = fakeAds(3);
    const { client, dispatcher } = clientWith([
      graphErrorHandler(expiredWith200, { baseUrl: BASE_URL }),
    ]);

    const results = await client.getAdsDetails(ads.map((ad) => ad.id));

    for (const ad of ads) expect(results.get(ad.id)).toBeInstanceOf(MetaAuthError);
    expect(dispatcher.calls).toHaveLength(1);
  });

  it('closes the throttle gate for a throttle code under HTTP 200', async () => {
    const ads = fakeAds(2);
    const throttleWith200 = {
      status: 200,
      body: { error: { message: 'Too many calls', code: 4 } },
    };
    const { client, dispatcher } = clientWith(
      [graphErrorHandler(throttleWith200, { baseUrl: BASE_URL })],
      { throttleFallbackMs: 60_000 },
    );

    const results = await client.getAdsDetails(ads.map((ad) => ad.id));

    for (const ad of ads) expect(results.get(ad.id)).toBeInstanceOf(MetaRateLimitError);
    expect(client.throttledForMs).toBe(60_000);
    expect(dispatcher.calls).toHaveLength(1);
  });
});

describe('MetaAdsClient with a redirecting base URL', () => {
  it.each([301, 302, 307, 308])(
    'answers HTTP %i with a non-retryable MetaResponseError, following and retrying nothing',
    async (status) => {
      const redirect = { status, headers: { location: 'http://127.0.0.1:9/elsewhere' }, body: '' };
      const { client, dispatcher } = clientWith([
        graphErrorHandler(redirect, { baseUrl: BASE_URL }),
      ]);

      const error = await rejectionOf(client.getAdDetails(IMPLANTS.id));

      expect(error).toBeInstanceOf(MetaResponseError);
      expect(error).toMatchObject({ status, retryable: false });
      expect((error as Error).message).toContain('The base URL redirects');
      expect(dispatcher.calls).toHaveLength(1);
    },
  );
});

describe('MetaAdsClient.close', () => {
  it('refuses every call after close with a non-retryable MetaClientClosedError, sending nothing', async () => {
    const { client, dispatcher } = clientWith(
      graphHandlers({ ads: [IMPLANTS], baseUrl: BASE_URL }),
    );
    await client.close();

    const calls = [
      client.getAdDetails(IMPLANTS.id),
      client.getAdsDetails([IMPLANTS.id]),
      client.getMe(),
      client.debugToken(),
    ];

    for (const call of calls) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(MetaClientClosedError);
      expect(error).toMatchObject({ retryable: false, kind: 'closed' });
    }
    expect(dispatcher.calls).toHaveLength(0);
  });

  it('closes its own pool once: a second close resolves instead of throwing', async () => {
    const client = new MetaAdsClient({ accessToken: TEST_TOKEN, baseUrl: 'http://127.0.0.1:9' });

    await client.close();

    await expect(client.close()).resolves.toBeUndefined();
    expect(await rejectionOf(client.getAdDetails(IMPLANTS.id))).toBeInstanceOf(
      MetaClientClosedError,
    );
  });
});

describe('MetaAdsClient when Graph answers about another ad', () => {
  const otherAd = { ...IMPLANTS, id: '120214583920179999' };

  it('rejects a single read answered with another id as MetaResponseError', async () => {
    const { client } = clientWith([
      graphErrorHandler({ status: 200, body: otherAd }, { baseUrl: BASE_URL }),
    ]);

    const error = await rejectionOf(client.getAdDetails(IMPLANTS.id));

    expect(error).toBeInstanceOf(MetaResponseError);
    expect((error as Error).message).toContain('with ad 120214583920179999, not the ad asked for');
  });

  it('maps an ?ids= key whose object carries another id to MetaResponseError', async () => {
    const ads = fakeAds(2);
    const [first, second] = ads.map((ad) => ad.id);
    const body = {
      [first ?? '']: { id: first, name: 'Ad 0' },
      [second ?? '']: { id: otherAd.id, name: 'Ad 1' },
    };
    const { client } = clientWith([
      graphErrorHandler({ status: 200, body }, { baseUrl: BASE_URL }),
    ]);

    const results = await client.getAdsDetails(ads.map((ad) => ad.id));

    expect(results.get(first ?? '')).toMatchObject({ adId: first });
    expect(results.get(second ?? '')).toBeInstanceOf(MetaResponseError);
  });
});

describe('MetaAdsClient.getAdsDetails argument', () => {
  it('rejects a lone id string with MetaInvalidRequestError instead of reading its digits as ids', async () => {
    const { client, dispatcher } = clientWith(
      graphHandlers({ ads: [IMPLANTS], baseUrl: BASE_URL }),
    );

    const error = await rejectionOf(client.getAdsDetails(IMPLANTS.id as unknown as string[]));

    expect(error).toBeInstanceOf(MetaInvalidRequestError);
    expect((error as Error).message).toBe(
      'getAdsDetails expects an array of ad ids; got a string. Wrap a single id in an array: getAdsDetails([adId]).',
    );
    expect(dispatcher.calls).toHaveLength(0);
  });
});

describe('MetaAdsClient usage parsed on demand', () => {
  const withUsage = (callCount: number) => ({
    status: 200,
    headers: { 'x-app-usage': `{"call_count":${callCount},"total_cputime":1,"total_time":1}` },
    body: IMPLANTS,
  });

  it('reports the usage of the latest answer through lastUsage and onUsage as headers change', async () => {
    const seen: (number | null)[] = [];
    const { client } = clientWith(
      [graphSequenceHandler([withUsage(10), withUsage(20), withUsage(30)], { baseUrl: BASE_URL })],
      { onUsage: (usage) => seen.push(usage.maxPercent) },
    );

    await client.getAdDetails(IMPLANTS.id);
    expect(client.lastUsage?.maxPercent).toBe(10);
    await client.getAdDetails(IMPLANTS.id);
    await client.getAdDetails(IMPLANTS.id);

    expect(client.lastUsage?.maxPercent).toBe(30);
    expect(seen).toEqual([10, 20, 30]);
  });

  it('parses lastUsage from the latest answer even when nobody read the ones before', async () => {
    const { client } = clientWith([
      graphSequenceHandler([withUsage(10), withUsage(20), { status: 200, body: IMPLANTS }], {
        baseUrl: BASE_URL,
      }),
    ]);

    await client.getAdDetails(IMPLANTS.id);
    await client.getAdDetails(IMPLANTS.id);
    await client.getAdDetails(IMPLANTS.id);

    expect(client.lastUsage?.app).toEqual({ callCount: 20, totalCputime: 1, totalTime: 1 });
  });
});
