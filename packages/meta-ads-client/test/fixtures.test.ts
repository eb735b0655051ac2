import {
  MetaAuthError,
  MetaDeprecatedVersionError,
  MetaNotFoundError,
  MetaPermissionError,
  MetaRateLimitError,
  MetaResponseError,
  MetaTransientError,
} from '@ctwa/meta-ads-client';
import { graphErrorHandler, graphSequenceHandler } from '@ctwa/meta-ads-client/testing';
import { describe, expect, it } from 'vitest';
import {
  BASE_URL,
  clientWith,
  type FixtureName,
  loadGraphFixture,
  rejectionOf,
  TEST_APP_ID,
  TEST_APP_SECRET,
} from './support.js';

const AD_ID = '120214583920175512';

function serving(name: FixtureName, options: Parameters<typeof clientWith>[1] = {}) {
  return clientWith([graphErrorHandler(loadGraphFixture(name), { baseUrl: BASE_URL })], options);
}

async function errorFrom(name: FixtureName, options: Parameters<typeof clientWith>[1] = {}) {
  const { client, dispatcher, time } = serving(name, options);
  const error = await rejectionOf(client.getAdDetails(AD_ID));
  return { error, calls: dispatcher.calls.length, sleeps: time.sleeps };
}

describe('Graph fixtures: successful ad reads', () => {
  it('maps ad-details-success to AdDetails and its usage headers', async () => {
    const usages: unknown[] = [];
    const { client } = serving('ad-details-success', { onUsage: (usage) => usages.push(usage) });

    expect(await client.getAdDetails(AD_ID)).toEqual({
      adId: '120214583920175512',
      adName: 'AR | Implantes | Img 1:1 | Dic',
      campaignId: '120214583920175501',
      campaignName: 'Implantes dentales - Mensajes WhatsApp - CABA',
      adsetId: '120214583920175508',
      adsetName: 'CABA 35-65 | Salud bucal',
      effectiveStatus: 'ACTIVE',
    });
    expect(usages).toEqual([
      {
        app: null,
        adAccount: { accIdUtilPct: 2.91, resetTimeDurationMs: 0, accessTier: 'standard_access' },
        businessUseCase: [
          {
            businessId: '873920156473829',
            type: 'ads_management',
            callCount: 3,
            totalCputime: 1,
            totalTime: 1,
            estimatedTimeToRegainAccessMs: 0,
            accessTier: 'standard_access',
          },
        ],
        maxPercent: 3,
        regainAccessMs: 0,
      },
    ]);
    expect(client.lastUsage).toEqual(usages[0]);
  });

  it('reads a deleted ad from ad-deleted-still-readable with its names', async () => {
    const { client } = serving('ad-deleted-still-readable');

    expect(await client.getAdDetails('120217364501928374')).toEqual({
      adId: '120217364501928374',
      adName: 'US | Whitening $199 | Status 9:16',
      campaignId: '120217364501928301',
      campaignName: 'Holiday Whitening - WhatsApp Messages',
      adsetId: '120217364501928350',
      adsetName: 'Miami-Dade 21-55 | WA Status',
      effectiveStatus: 'DELETED',
    });
  });

  it('pairs ids-multi-three-ads results by key, keeping request order', async () => {
    const { client, dispatcher } = serving('ids-multi-three-ads');
    const ids = ['120214583920175512', '120214583920176044', '120214583920177310'];

    const results = await client.getAdsDetails(ids);

    expect([...results.keys()]).toEqual(ids);
    expect(results.get('120214583920176044')).toEqual({
      adId: '120214583920176044',
      adName: 'AR | Ortodoncia invisible | Img 4:5',
      campaignId: '120214583920176001',
      campaignName: 'Ortodoncia invisible - Mensajes - AMBA',
      adsetId: '120214583920176020',
      adsetName: 'AMBA 18-40 | Ortodoncia',
      effectiveStatus: 'ADSET_PAUSED',
    });
    expect(
      [...results.values()].map((ad) => 'effectiveStatus' in ad && ad.effectiveStatus),
    ).toEqual(['ACTIVE', 'ADSET_PAUSED', 'CAMPAIGN_PAUSED']);
    expect(dispatcher.calls).toHaveLength(1);
    expect(new URL(dispatcher.calls[0]?.url ?? '').searchParams.get('ids')).toBe(ids.join(','));
  });

  it('reports success-usage-near-85 usage at 85 percent through onUsage', async () => {
    const usages: { maxPercent: number | null }[] = [];
    const { client } = serving('success-usage-near-85', { onUsage: (usage) => usages.push(usage) });

    const ad = await client.getAdDetails('120209871236540018');

    expect(ad.campaignName).toBe('Urgência Odontológica - Conversas WhatsApp - SP');
    expect(usages).toHaveLength(1);
    expect(client.lastUsage).toMatchObject({
      app: { callCount: 23, totalCputime: 9, totalTime: 14 },
      adAccount: {
        accIdUtilPct: 84.62,
        resetTimeDurationMs: 1_260_000,
        accessTier: 'standard_access',
      },
      maxPercent: 85,
      regainAccessMs: 0,
    });
  });

  it('rejects success-malformed-shape with MetaResponseError keeping its usage, and no retry', async () => {
    const { error, calls } = await errorFrom('success-malformed-shape');

    expect(error).toBeInstanceOf(MetaResponseError);
    expect(error).toMatchObject({
      name: 'MetaResponseError',
      kind: 'response',
      status: 200,
      code: null,
      retryable: false,
    });
    expect((error as Error).message).toContain(
      'campaign: Invalid input: expected object, received string',
    );
    expect((error as MetaResponseError).usage?.maxPercent).toBe(7);
    expect(calls).toBe(1);
  });
});

describe('Graph fixtures: errors that are never retried', () => {
  it('classifies error-expired-token (code 190 with HTTP 400) as MetaAuthError', async () => {
    const { error, calls } = await errorFrom('error-expired-token');

    expect(error).toBeInstanceOf(MetaAuthError);
    expect(error).toMatchObject({
      name: 'MetaAuthError',
      kind: 'auth',
      status: 400,
      code: 190,
      subcode: 463,
      type: 'OAuthException',
      fbtraceId: 'A2_B2TFu2aWo_C7VLotddxg',
      isTransient: false,
      retryable: false,
      usage: null,
    });
    expect((error as Error).message).toMatch(
      /^Meta rejected the access token \(code 190, subcode 463, HTTP 400: the token expired\)\. Generate a new system-user token and set META_ADS_TOKEN\./,
    );
    expect(calls).toBe(1);
  });

  it('classifies error-invalid-token (190/467) as MetaAuthError', async () => {
    const { error, calls } = await errorFrom('error-invalid-token');

    expect(error).toBeInstanceOf(MetaAuthError);
    expect(error).toMatchObject({
      status: 400,
      code: 190,
      subcode: 467,
      fbtraceId: 'AjtjVmd4xI0zvy4Zr9moEHZ',
    });
    expect((error as Error).message).toContain('the token was invalidated');
    expect(calls).toBe(1);
  });

  it('classifies error-permission (code 200 with HTTP 403) as MetaPermissionError', async () => {
    const { error, calls } = await errorFrom('error-permission');

    expect(error).toBeInstanceOf(MetaPermissionError);
    expect(error).toMatchObject({
      name: 'MetaPermissionError',
      status: 403,
      code: 200,
      subcode: null,
      fbtraceId: 'AsP3CCT-nKEBJMhw5k62rOj',
      retryable: false,
    });
    expect(calls).toBe(1);
  });

  it('classifies error-not-found (100/33 with HTTP 400) as MetaNotFoundError', async () => {
    const { error, calls } = await errorFrom('error-not-found');

    expect(error).toBeInstanceOf(MetaNotFoundError);
    expect(error).toMatchObject({
      name: 'MetaNotFoundError',
      status: 400,
      code: 100,
      subcode: 33,
      type: 'GraphMethodException',
      fbtraceId: 'A7lft6zNHIA33NbEI3p85cR',
      retryable: false,
    });
    expect(calls).toBe(1);
  });

  it('classifies error-deprecated-version (2635) as MetaDeprecatedVersionError naming the version', async () => {
    const { error, calls } = await errorFrom('error-deprecated-version', { apiVersion: 'v22.0' });

    expect(error).toBeInstanceOf(MetaDeprecatedVersionError);
    expect(error).toMatchObject({
      status: 400,
      code: 2635,
      subcode: null,
      fbtraceId: 'A2ayVcLCrR9QCrfLmncsIGv',
    });
    expect((error as Error).message).toContain('Graph API version v22.0 is retired for ad reads');
    expect(calls).toBe(1);
  });
});

describe('Graph fixtures: throttles', () => {
  it('classifies error-ads-management-throttle (80004, HTTP 400) with a 14 minute retryAfterMs', async () => {
    const { error, calls, sleeps } = await errorFrom('error-ads-management-throttle');

    expect(error).toBeInstanceOf(MetaRateLimitError);
    expect(error).toMatchObject({
      name: 'MetaRateLimitError',
      status: 400,
      code: 80004,
      subcode: 2446079,
      fbtraceId: 'AjWpwIqulpwIKak99neEC7C',
      retryAfterMs: 840_000,
      retryable: true,
      usage: { maxPercent: 104, regainAccessMs: 840_000 },
    });
    expect((error as Error).message).toContain('Ads Management limit');
    expect((error as Error).message).toContain('about 14 min');
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('classifies error-app-throttle (code 4 with HTTP 403) as a rate limit, not a permission error', async () => {
    const { error, calls } = await errorFrom('error-app-throttle');

    expect(error).toBeInstanceOf(MetaRateLimitError);
    expect(error).not.toBeInstanceOf(MetaPermissionError);
    expect(error).toMatchObject({
      status: 403,
      code: 4,
      isTransient: true,
      retryAfterMs: 60_000,
      usage: { app: { callCount: 100, totalCputime: 34, totalTime: 57 }, maxPercent: 100 },
    });
    expect(calls).toBe(1);
  });

  it('classifies error-user-throttle (17) by its code although usage reads 6 percent', async () => {
    const { error } = await errorFrom('error-user-throttle');

    expect(error).toBeInstanceOf(MetaRateLimitError);
    expect(error).toMatchObject({
      status: 400,
      code: 17,
      subcode: 2446079,
      retryAfterMs: 60_000,
      usage: { maxPercent: 6 },
    });
  });
});

describe('Graph fixtures: transient errors are retried', () => {
  it.each([
    ['error-unknown', 500, 1, 99],
    ['error-transient', 503, 2, null],
    ['error-html-502', 502, null, null],
  ] as const)(
    'retries %s twice, then throws MetaTransientError',
    async (name, status, code, subcode) => {
      const { error, calls, sleeps } = await errorFrom(name);

      expect(error).toBeInstanceOf(MetaTransientError);
      expect(error).toMatchObject({
        name: 'MetaTransientError',
        status,
        code,
        subcode,
        isTransient: true,
        retryable: true,
      });
      expect(calls).toBe(3);
      expect(sleeps).toEqual([125, 250]);
    },
  );

  it('takes fbtraceId from the x-fb-trace-id header of the HTML 502 page', async () => {
    const { error } = await errorFrom('error-html-502');

    expect(error).toMatchObject({ status: 502, fbtraceId: 'xXlvQLYDPbr' });
  });

  it('succeeds when a transient error is followed by a good answer', async () => {
    const { client, dispatcher } = clientWith([
      graphSequenceHandler(
        [loadGraphFixture('error-transient'), loadGraphFixture('ad-details-success')],
        {
          baseUrl: BASE_URL,
        },
      ),
    ]);

    const ad = await client.getAdDetails(AD_ID);

    expect(ad.adName).toBe('AR | Implantes | Img 1:1 | Dic');
    expect(dispatcher.calls).toHaveLength(2);
  });
});

describe('Graph fixtures: debug_token', () => {
  const appCredentials = { appId: TEST_APP_ID, appSecret: TEST_APP_SECRET };

  it('maps debug-token-valid-system-user, reading expires_at 0 as never', async () => {
    const { client } = serving('debug-token-valid-system-user', appCredentials);

    expect(await client.debugToken()).toEqual({
      isValid: true,
      type: 'SYSTEM_USER',
      appId: '1029384756102938',
      application: 'Arrayan CTWA Attribution',
      userId: '122109384756102938',
      issuedAt: new Date(1791539137 * 1000),
      expiresAt: null,
      dataAccessExpiresAt: null,
      scopes: [
        'ads_read',
        'business_management',
        'whatsapp_business_management',
        'whatsapp_business_messaging',
        'public_profile',
      ],
      granularScopes: [
        { scope: 'ads_read', targetIds: ['873920156473829'] },
        { scope: 'business_management', targetIds: ['385610294738561'] },
        { scope: 'whatsapp_business_management', targetIds: ['104729385610473'] },
        { scope: 'whatsapp_business_messaging', targetIds: ['104729385610473'] },
      ],
      error: null,
    });
  });

  it('maps debug-token-invalid (HTTP 200) to isValid false with the error', async () => {
    const { client } = serving('debug-token-invalid', appCredentials);

    const info = await client.debugToken();

    expect(info).toMatchObject({
      isValid: false,
      type: 'USER',
      expiresAt: new Date(1795795200 * 1000),
      dataAccessExpiresAt: new Date(1799452800 * 1000),
      scopes: [],
      granularScopes: [],
      error: {
        code: 190,
        subcode: 463,
        message:
          'Error validating access token: Session expired on Friday, 27-Nov-26 08:00:00 PST. Current time is Friday, 04-Dec-26 04:14:09 PST.',
      },
    });
  });
});
