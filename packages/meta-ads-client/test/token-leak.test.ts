import { inspect } from 'node:util';
import { MetaAdsClient, MetaApiError, readMetaEnv } from '@ctwa/meta-ads-client';
import {
  type GraphResponseSpec,
  graphErrorHandler,
  graphErrors,
  graphHandlers,
  networkErrorHandler,
  slowGraphHandler,
} from '@ctwa/meta-ads-client/testing';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { appSecretProof } from '../src/internal/appsecret-proof.js';
import {
  BASE_URL,
  clientWith,
  FIXTURE_NAMES,
  loadGraphFixture,
  rejectionOf,
  TEST_APP_ID,
  TEST_APP_SECRET,
  TEST_TOKEN,
} from './support.js';

const APP_TOKEN = `${TEST_APP_ID}|${TEST_APP_SECRET}`;
const FORBIDDEN = [
  TEST_TOKEN,
  TEST_APP_SECRET,
  APP_TOKEN,
  appSecretProof(TEST_TOKEN, TEST_APP_SECRET),
  appSecretProof(APP_TOKEN, TEST_APP_SECRET),
  'appsecret_proof=',
  'access_token=',
  'input_token=',
];
const CREDENTIALS = { appId: TEST_APP_ID, appSecret: TEST_APP_SECRET };
const AD_ID = '120214583920175512';

// A hostile Graph that echoes every credential it received into each text field it controls.
const echoingGraph = http.get(`${BASE_URL}/*`, ({ request }) => {
  const url = new URL(request.url);
  const echo = `${request.headers.get('authorization')} ${url.href} proof=${url.searchParams.get('appsecret_proof')}`;
  return HttpResponse.json(
    {
      error: {
        message: `Invalid OAuth access token ${echo}`,
        type: 'OAuthException',
        code: 190,
        error_user_title: echo,
        error_user_msg: `See ${url.href}`,
        fbtrace_id: 'AEchoTrace',
      },
    },
    { status: 400 },
  );
});

async function everyError(): Promise<unknown[]> {
  const errors: unknown[] = [];
  const collect = async (handlers: Parameters<typeof clientWith>[0], options = {}) => {
    const { client } = clientWith(handlers, { ...CREDENTIALS, ...options });
    const calls = [client.getAdDetails(AD_ID), client.getMe(), client.debugToken()];
    for (const result of await Promise.allSettled(calls)) {
      if (result.status === 'rejected') errors.push(result.reason);
    }
    errors.push(...(await client.getAdsDetails([AD_ID, '120214583920176044'])).values());
    errors.push(await rejectionOf(client.getAdDetails(AD_ID)));
  };

  for (const name of FIXTURE_NAMES.filter((fixture) => fixture.startsWith('error-'))) {
    await collect([graphErrorHandler(loadGraphFixture(name), { baseUrl: BASE_URL })]);
  }
  const specs: GraphResponseSpec[] = [
    graphErrors.auth(460),
    graphErrors.permission(),
    graphErrors.notFound(AD_ID),
    graphErrors.invalidRequest(),
    graphErrors.rateLimit({ code: 4 }),
    graphErrors.transient(),
    graphErrors.deprecatedVersion(),
    graphErrors.htmlError(504),
    loadGraphFixture('success-malformed-shape'),
    { status: 200, body: 'not json' },
  ];
  for (const spec of specs) await collect([graphErrorHandler(spec, { baseUrl: BASE_URL })]);
  await collect([echoingGraph]);
  await collect([networkErrorHandler({ baseUrl: BASE_URL })]);
  await collect([], { maxRetries: 0 });
  await collect([slowGraphHandler('infinite', { baseUrl: BASE_URL })], {
    timeoutMs: 5,
    maxRetries: 0,
  });

  const withoutApp = clientWith(graphHandlers({ ads: [], baseUrl: BASE_URL }));
  errors.push(await rejectionOf(withoutApp.client.debugToken()));
  errors.push(configError(() => new MetaAdsClient({ accessToken: TEST_TOKEN, appSecret: ' ' })));
  errors.push(
    configError(() => readMetaEnv({ META_ADS_TOKEN: TEST_TOKEN, META_APP_ID: TEST_TOKEN })),
  );
  errors.push(
    configError(() =>
      readMetaEnv({
        META_ADS_TOKEN: TEST_TOKEN,
        META_API_TIMEOUT: TEST_APP_SECRET,
        META_APP_SECRET: TEST_APP_SECRET,
      }),
    ),
  );
  return errors;
}

function configError(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('expected a configuration error');
}

function renderings(error: unknown): string[] {
  const texts = [
    String(error),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error),
  ];
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    texts.push(current.message, current.stack ?? '');
  }
  return texts;
}

describe('credential leak scan', () => {
  it('finds no token, app secret, app token or proof in any error the client produces', async () => {
    const errors = await everyError();

    expect(errors.length).toBeGreaterThan(150);
    expect(errors.filter((error) => !(error instanceof MetaApiError))).toEqual([]);
    const leaks: string[] = [];
    for (const error of errors) {
      for (const text of renderings(error)) {
        for (const secret of FORBIDDEN)
          if (text.includes(secret)) leaks.push(`${secret} in ${text.slice(0, 160)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('redacts an echoed token while keeping the rest of Graph message', async () => {
    const { client } = clientWith([echoingGraph], CREDENTIALS);

    const error = await rejectionOf(client.getAdDetails(AD_ID));

    expect(error).toMatchObject({ name: 'MetaAuthError', fbtraceId: 'AEchoTrace' });
    expect((error as MetaApiError).graphMessage).toMatch(
      /^Invalid OAuth access token Bearer \[redacted\] http:\/\/127\.0\.0\.1:9\/graph\/v26\.0\/120214583920175512\?\[query removed\] proof=\[redacted\]$/,
    );
  });
});

describe('credential redaction of every Graph error field', () => {
  it('redacts percent-encoded and upper-cased credentials in message, type, fbtrace_id and user texts', async () => {
    const proof = appSecretProof(TEST_TOKEN, TEST_APP_SECRET);
    const encodedAppToken = encodeURIComponent(APP_TOKEN);
    const hostile = http.get(`${BASE_URL}/*`, () =>
      HttpResponse.json(
        {
          error: {
            message: `bad ${encodedAppToken} proof ${proof.toUpperCase()}`,
            type: `OAuthException ${TEST_TOKEN}`,
            code: 190,
            error_user_title: `title ${encodedAppToken}`,
            error_user_msg: `msg ${TEST_APP_SECRET}`,
            fbtrace_id: `trace-${TEST_TOKEN}`,
          },
        },
        { status: 400 },
      ),
    );
    const { client } = clientWith([hostile], CREDENTIALS);

    const error = (await rejectionOf(client.getAdDetails(AD_ID))) as MetaApiError;

    expect({
      graphMessage: error.graphMessage,
      type: error.type,
      fbtraceId: error.fbtraceId,
      userTitle: error.userTitle,
      userMessage: error.userMessage,
    }).toEqual({
      graphMessage: 'bad [redacted] proof [redacted]',
      type: 'OAuthException [redacted]',
      fbtraceId: 'trace-[redacted]',
      userTitle: 'title [redacted]',
      userMessage: 'msg [redacted]',
    });
    expect(error.message).not.toContain(encodedAppToken);
  });
});
