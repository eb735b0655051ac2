import { MetaAdsClient, type MetaAdsClientOptions } from '@ctwa/meta-ads-client';
import { createGraphDispatcher, graphHandlers } from '@ctwa/meta-ads-client/testing';
import { describe, expect, it } from 'vitest';
import {
  FAKE_GRAPH_BASE_URL,
  FAKE_ME_LATENCY_MS,
  type FakeGraphAnswers,
  fakeGraphHandlers,
  fakeMonotonicClock,
  loadGraphFixture,
  ME_WITHOUT_USAGE,
  meNearLimit,
  TEST_APP_ID,
  TEST_APP_SECRET,
  TEST_TOKEN,
} from '../test/fake-graph.js';
import { checkMetaHealth } from './check-meta-health.js';

const NOW = new Date('2026-12-04T15:00:00.000Z');
const TIME = NOW.toISOString();

function fakeGraph(answers: FakeGraphAnswers, options: Partial<MetaAdsClientOptions> = {}) {
  const clock = fakeMonotonicClock();
  const { handlers, calls } = fakeGraphHandlers(answers, {
    clock,
    ...(options.apiVersion === undefined ? {} : { apiVersion: options.apiVersion }),
  });
  const client = new MetaAdsClient({
    accessToken: TEST_TOKEN,
    appId: TEST_APP_ID,
    appSecret: TEST_APP_SECRET,
    baseUrl: FAKE_GRAPH_BASE_URL,
    maxRetries: 0,
    dispatcher: createGraphDispatcher(handlers),
    ...options,
  });
  return { client, calls, clock };
}

function check(
  graph: { client: MetaAdsClient; clock?: ReturnType<typeof fakeMonotonicClock> },
  timeoutMs = 5000,
) {
  const clock = graph.clock ?? fakeMonotonicClock();
  return checkMetaHealth({ client: graph.client, now: NOW, timeoutMs, monotonicNow: clock.now });
}

describe('checkMetaHealth', () => {
  it('passes a healthy integration with the exact health+json document', async () => {
    const graph = fakeGraph({});

    const report = await check(graph);

    expect(graph.calls.toSorted()).toEqual(['debug_token', 'me']);
    expect(report).toEqual({
      status: 'pass',
      checks: {
        'meta-token:validity': [
          {
            componentType: 'component',
            status: 'pass',
            time: TIME,
            observedValue: null,
            observedUnit: 'd',
            checkedWith: 'debug_token',
            tokenType: 'SYSTEM_USER',
            scopesOk: true,
            expiresAt: null,
            dataAccessExpiresAt: null,
          },
        ],
        'meta-graph:responseTime': [
          {
            componentType: 'component',
            status: 'pass',
            time: TIME,
            observedValue: FAKE_ME_LATENCY_MS,
            observedUnit: 'ms',
          },
        ],
        'meta-ratelimit:utilization': [
          {
            componentType: 'component',
            status: 'pass',
            time: TIME,
            observedValue: 12,
            observedUnit: 'percent',
          },
        ],
        'meta-api:version': [
          {
            componentType: 'component',
            status: 'pass',
            time: TIME,
            observedValue: 'v26.0',
            availableUntil: null,
          },
        ],
      },
    });
  });

  it('marks the GET /me checks skipped when debug_token says the token is invalid', async () => {
    const graph = fakeGraph({ debugToken: loadGraphFixture('debug-token-invalid') });

    const report = await check(graph);

    // GET /me ran alongside and succeeded, but debug_token has the last word on the token.
    expect(graph.calls.toSorted()).toEqual(['debug_token', 'me']);
    expect(report.status).toBe('fail');
    expect(report.output).toBe(
      'meta-token:validity: debug_token reports the token invalid (code 190, subcode 463: the token expired); generate a new system-user token and set META_ADS_TOKEN',
    );
    expect(report.checks['meta-graph:responseTime'][0]).toEqual({
      componentType: 'component',
      status: 'fail',
      time: TIME,
      observedValue: null,
      output: 'skipped: the token is invalid',
      skipped: true,
    });
    expect(report.checks['meta-ratelimit:utilization'][0].skipped).toBe(true);
    expect(report.checks['meta-api:version'][0].status).toBe('pass');
  });

  it('warns at 85 % usage, and lists the warning in the top-level output', async () => {
    const graph = fakeGraph({ me: meNearLimit() });

    const report = await check(graph);

    expect(report.status).toBe('warn');
    expect(report.checks['meta-ratelimit:utilization'][0]).toMatchObject({
      status: 'warn',
      observedValue: 85,
    });
    expect(report.output).toBe(
      "meta-ratelimit:utilization: usage is at 85% of Meta's limit (ads_management call_count for 561029384756102), past the 80% warning line; spread or reduce Graph calls",
    );
  });

  it('passes with a null reading when Graph sent no usage headers', async () => {
    const graph = fakeGraph({ me: ME_WITHOUT_USAGE });

    const report = await check(graph);

    expect(report.status).toBe('pass');
    expect(report.checks['meta-ratelimit:utilization'][0].observedValue).toBeNull();
  });

  it('fails the rate-limit check while Graph throttles the ad account', async () => {
    const graph = fakeGraph({ me: loadGraphFixture('error-ads-management-throttle') });

    const report = await check(graph);

    expect(report.status).toBe('fail');
    expect(report.checks['meta-ratelimit:utilization'][0]).toMatchObject({
      status: 'fail',
      observedValue: 104,
      output:
        'Meta is throttling calls (code 80004, subcode 2446079); access returns in about 14 minutes',
    });
    expect(report.checks['meta-graph:responseTime'][0].status).toBe('warn');
    expect(report.checks['meta-token:validity'][0].status).toBe('pass');
  });

  it('fails the rate-limit check on an app throttle that arrives as HTTP 403', async () => {
    const graph = fakeGraph({ me: loadGraphFixture('error-app-throttle') });

    const report = await check(graph);

    expect(report.checks['meta-ratelimit:utilization'][0]).toMatchObject({
      status: 'fail',
      observedValue: 100,
    });
  });

  it('fails GET /me on a timeout without waiting for Graph', async () => {
    const graph = fakeGraph({ me: 'hang' });

    const report = await check(graph, 30);

    expect(report.status).toBe('fail');
    expect(report.checks['meta-graph:responseTime'][0]).toMatchObject({
      status: 'fail',
      observedValue: null,
      output: 'GET /me timed out (no answer within 30 ms)',
    });
    expect(report.checks['meta-ratelimit:utilization'][0].skipped).toBe(true);
  });

  it('fails the token check when debug_token times out, and still times GET /me', async () => {
    const graph = fakeGraph({ debugToken: 'hang' });

    const report = await check(graph, 30);

    expect(graph.calls.toSorted()).toEqual(['debug_token', 'me']);
    expect(report.checks['meta-token:validity'][0].output).toBe(
      'debug_token timed out (no answer within 30 ms)',
    );
    expect(report.checks['meta-graph:responseTime'][0].status).toBe('pass');
  });

  it('fails GET /me on an HTML 502 without throwing', async () => {
    const graph = fakeGraph({ me: loadGraphFixture('error-html-502') });

    const report = await check(graph);

    expect(report.checks['meta-graph:responseTime'][0]).toMatchObject({
      status: 'fail',
      observedValue: FAKE_ME_LATENCY_MS,
    });
    expect(report.checks['meta-graph:responseTime'][0].output).toMatch(/^GET \/me failed \(.+\)$/);
  });

  it('fails the version check when Graph refuses the version as retired', async () => {
    const graph = fakeGraph(
      { me: loadGraphFixture('error-deprecated-version') },
      { apiVersion: 'v22.0' },
    );

    const report = await check(graph);

    expect(report.checks['meta-api:version'][0]).toMatchObject({
      status: 'fail',
      observedValue: 'v22.0',
      availableUntil: '2026-02-19',
      output:
        'Graph refused v22.0 as retired (code 2635); set META_GRAPH_API_VERSION to a supported Marketing API version',
    });
  });

  it('warns when the configured version expires within 90 days', async () => {
    const graph = fakeGraph({}, { apiVersion: 'v25.0' });

    const report = await check(graph);

    expect(report.status).toBe('warn');
    expect(report.checks['meta-api:version'][0].availableUntil).toBe('2027-02-23');
  });

  it('lists every problem in the top-level output, after the status and before the checks', async () => {
    const graph = fakeGraph({ me: meNearLimit() }, { apiVersion: 'v25.0' });

    const report = await check(graph);

    expect(Object.keys(report)).toEqual(['status', 'output', 'checks']);
    expect(report.output).toBe(
      "meta-ratelimit:utilization: usage is at 85% of Meta's limit (ads_management call_count for 561029384756102), past the 80% warning line; spread or reduce Graph calls | meta-api:version: v25.0 expires on 2027-02-23 (81 days left); set META_GRAPH_API_VERSION to a supported Marketing API version before then",
    );
  });

  describe('without META_APP_ID and META_APP_SECRET', () => {
    function meOnlyGraph(answers: FakeGraphAnswers) {
      const { handlers, calls } = fakeGraphHandlers(answers);
      const client = new MetaAdsClient({
        accessToken: TEST_TOKEN,
        baseUrl: FAKE_GRAPH_BASE_URL,
        maxRetries: 0,
        dispatcher: createGraphDispatcher(handlers),
      });
      return { client, calls };
    }

    it('tests the token with GET /me alone and says so in a note', async () => {
      const graph = meOnlyGraph({});

      const report = await check(graph);

      expect(graph.calls).toEqual(['me']);
      expect(report.status).toBe('pass');
      expect(report.checks['meta-token:validity'][0]).toEqual({
        componentType: 'component',
        status: 'pass',
        time: TIME,
        observedValue: null,
        checkedWith: 'me',
      });
      expect(report.notes).toEqual([
        'meta-token:validity was checked with GET /me only; set META_APP_ID and META_APP_SECRET so debug_token can check expiry and scopes',
      ]);
    });

    it('fails the token once and skips its dependents when GET /me answers code 190', async () => {
      const graph = meOnlyGraph({ me: loadGraphFixture('error-expired-token') });

      const report = await check(graph);

      expect(report.status).toBe('fail');
      expect(report.output).toBe(
        'meta-token:validity: Meta rejected the access token (code 190, subcode 463); generate a new system-user token and set META_ADS_TOKEN',
      );
      expect(report.checks['meta-graph:responseTime'][0].skipped).toBe(true);
      expect(report.checks['meta-ratelimit:utilization'][0].skipped).toBe(true);
    });
  });

  describe('with the graphHandlers users get from @ctwa/meta-ads-client/testing', () => {
    function kitClient(accessToken: string, expiresAt: Date) {
      const handlers = graphHandlers({
        ads: [],
        baseUrl: FAKE_GRAPH_BASE_URL,
        accessToken: TEST_TOKEN,
        appSecret: TEST_APP_SECRET,
        tokenInfo: { app_id: TEST_APP_ID, expires_at: Math.floor(expiresAt.getTime() / 1000) },
        usage: { app: { call_count: 41, total_cputime: 7, total_time: 9 } },
      });
      return new MetaAdsClient({
        accessToken,
        appId: TEST_APP_ID,
        appSecret: TEST_APP_SECRET,
        baseUrl: FAKE_GRAPH_BASE_URL,
        maxRetries: 0,
        dispatcher: createGraphDispatcher(handlers),
      });
    }

    it('warns on a token expiring in 3 days, signing calls the way Graph checks them', async () => {
      const client = kitClient(TEST_TOKEN, new Date('2026-12-07T18:00:00.000Z'));

      const report = await check({ client });

      expect(report.status).toBe('warn');
      expect(report.output).toBe(
        'meta-token:validity: the token expires in 3 days (2026-12-07); generate a new system-user token and set META_ADS_TOKEN before then',
      );
      expect(report.checks['meta-token:validity'][0]).toMatchObject({
        observedValue: 3,
        expiresAt: '2026-12-07T18:00:00.000Z',
      });
      expect(report.checks['meta-ratelimit:utilization'][0].observedValue).toBe(41);
    });

    it('fails GET /me when Graph refuses the user token that debug_token could not vouch for', async () => {
      const client = kitClient('EAAGsomeothertoken000000000', new Date('2027-06-01T00:00:00.000Z'));

      const report = await check({ client });

      expect(report.status).toBe('fail');
      expect(report.checks['meta-graph:responseTime'][0].output).toBe(
        'GET /me was refused: Meta rejected the token (code 190, subcode 467)',
      );
      expect(report.checks['meta-ratelimit:utilization'][0].skipped).toBe(true);
    });
  });

  describe('configuration', () => {
    it('fails with a hint when the client is null, and checks the default version', async () => {
      const report = await checkMetaHealth({ client: null, env: {}, now: NOW });

      expect(report.status).toBe('fail');
      expect(report.output).toBe(
        'meta-token:validity: META_ADS_TOKEN is not set, so ads cannot be enriched; create a system-user token with ads_read and set META_ADS_TOKEN',
      );
      expect(report.checks['meta-graph:responseTime'][0].output).toBe(
        'skipped: no token is configured',
      );
      expect(report.checks['meta-api:version']).toEqual([
        {
          componentType: 'component',
          status: 'pass',
          time: TIME,
          observedValue: 'v26.0',
          availableUntil: null,
        },
      ]);
    });

    it('checks the version from env when the client is null, which needs no token', async () => {
      const report = await checkMetaHealth({
        client: null,
        env: { META_GRAPH_API_VERSION: 'v25.0' },
        now: NOW,
      });

      expect(report.checks['meta-api:version']).toEqual([
        {
          componentType: 'component',
          status: 'warn',
          time: TIME,
          observedValue: 'v25.0',
          availableUntil: '2027-02-23',
          output:
            'v25.0 expires on 2027-02-23 (81 days left); set META_GRAPH_API_VERSION to a supported Marketing API version before then',
        },
      ]);
      expect(report.output).toMatch(/ \| meta-api:version: v25\.0 expires on 2027-02-23 /);
    });

    it('fails with the same hint when the environment has a blank token, and checks its version', async () => {
      const report = await checkMetaHealth({
        env: { META_ADS_TOKEN: '  ', META_GRAPH_API_VERSION: 'v24.0' },
        now: NOW,
      });

      expect(report.checks['meta-token:validity'][0].status).toBe('fail');
      expect(report.output).toMatch(/^meta-token:validity: META_ADS_TOKEN is not set/);
      expect(report.checks['meta-api:version'][0]).toMatchObject({
        status: 'fail',
        observedValue: 'v24.0',
      });
    });

    it('lists every malformed variable, with or without a token or client', async () => {
      const env = { META_APP_ID: 'app-1', META_API_TIMEOUT: 'soon' };
      const expected =
        'META_APP_ID must be the numeric Meta app id; got "app-1". | META_API_TIMEOUT must be a number of seconds greater than 0 and at most 600, such as 5 or 2.5; got "soon".';

      const withToken = await checkMetaHealth({ env: { ...env, META_ADS_TOKEN: TEST_TOKEN } });
      const withoutClient = await checkMetaHealth({ client: null, env });

      expect(withToken.output).toBe(expected);
      expect(withoutClient.output).toBe(expected);
      expect(withoutClient.checks['meta-api:version'][0].output).toBe(
        'skipped: the configuration is invalid',
      );
    });

    it('fails naming the variable when the environment holds a bad value', async () => {
      const report = await checkMetaHealth({
        env: { META_ADS_TOKEN: TEST_TOKEN, META_API_TIMEOUT: 'soon' },
        now: NOW,
      });

      expect(report.status).toBe('fail');
      expect(report.output).toBe(
        'META_API_TIMEOUT must be a number of seconds greater than 0 and at most 600, such as 5 or 2.5; got "soon".',
      );
      expect(report.checks['meta-token:validity'][0].output).toBe(
        'skipped: the configuration is invalid',
      );
    });

    it('builds, uses and closes its own client from the environment', async () => {
      // Nothing listens on this loopback port, so the call fails fast and never leaves the host.
      const report = await checkMetaHealth({
        env: { META_ADS_TOKEN: TEST_TOKEN, META_GRAPH_BASE_URL: FAKE_GRAPH_BASE_URL },
        now: NOW,
      });

      expect(report.status).toBe('fail');
      expect(report.checks['meta-token:validity'][0]).toMatchObject({
        status: 'fail',
        checkedWith: 'me',
        skipped: true,
      });
      expect(report.checks['meta-graph:responseTime'][0].output).toMatch(/^GET \/me failed \(/);
      expect(JSON.stringify(report)).not.toContain(TEST_TOKEN);
    });

    it('rejects a timeout that is not a positive number', async () => {
      await expect(checkMetaHealth({ client: null, timeoutMs: 0 })).rejects.toThrow(
        'timeoutMs must be a positive number of milliseconds, got 0',
      );
    });
  });
});
