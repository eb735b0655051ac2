import { readFileSync } from 'node:fs';
import { delay, HttpResponse, http } from 'msw';
import * as z from 'zod';

/** A loopback address nothing listens on: if a request ever escaped the fakes, it would fail here. */
export const FAKE_GRAPH_BASE_URL = 'http://127.0.0.1:9';

export const TEST_TOKEN = 'EAAGhealthclitesttoken0123456789';
export const TEST_APP_ID = '1029384756102938';
export const TEST_APP_SECRET = 'health-cli-test-app-secret';

const fixtureSchema = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
});

/** A recorded Graph answer: status, headers (lowercase names) and a JSON or text body. */
export type GraphFixture = z.infer<typeof fixtureSchema>;

/** Reads one of the Graph fixtures copied into this package. */
export function loadGraphFixture(name: string): GraphFixture {
  const url = new URL(`./fixtures/graph/${name}.json`, import.meta.url);
  return fixtureSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
}

/** GET /me answering 200 with app usage at 12 %. */
export const ME_OK: GraphFixture = {
  status: 200,
  headers: {
    'content-type': 'application/json; charset=UTF-8',
    'x-app-usage': '{"call_count":12,"total_cputime":3,"total_time":5}',
  },
  body: { id: '122109384756102938', name: 'Arrayan CTWA system user' },
};

/** GET /me answering 200 without any usage header, as Graph does before enough calls. */
export const ME_WITHOUT_USAGE: GraphFixture = {
  status: 200,
  headers: { 'content-type': 'application/json; charset=UTF-8' },
  body: { id: '122109384756102938', name: 'Arrayan CTWA system user' },
};

/** GET /me answering like success-usage-near-85.json, whose usage headers peak at 85 %. */
export function meNearLimit(): GraphFixture {
  return { ...loadGraphFixture('success-usage-near-85'), body: ME_OK.body };
}

/** What a fake endpoint does: answer with a fixture, or never answer at all. */
export type GraphAnswer = GraphFixture | 'hang';

export interface FakeGraphAnswers {
  debugToken?: GraphAnswer;
  me?: GraphAnswer;
}

/** How long the fake GET /me appears to take on the fake clock. */
export const FAKE_ME_LATENCY_MS = 184;

/** A monotonic clock that moves only when a fake Graph endpoint says time has passed. */
export function fakeMonotonicClock() {
  let now = 1000;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export interface FakeGraphOptions {
  apiVersion?: string;
  /** Advanced by FAKE_ME_LATENCY_MS each time GET /me answers. */
  clock?: ReturnType<typeof fakeMonotonicClock>;
}

/** msw handlers for debug_token and /me, recording which endpoints were called. */
export function fakeGraphHandlers(answers: FakeGraphAnswers, options: FakeGraphOptions = {}) {
  const calls: string[] = [];
  const base = `${FAKE_GRAPH_BASE_URL}/${options.apiVersion ?? 'v26.0'}`;
  const handlers = [
    http.get(`${base}/debug_token`, async () => {
      calls.push('debug_token');
      return respond(answers.debugToken ?? loadGraphFixture('debug-token-valid-system-user'));
    }),
    http.get(`${base}/me`, async () => {
      calls.push('me');
      options.clock?.advance(FAKE_ME_LATENCY_MS);
      return respond(answers.me ?? ME_OK);
    }),
  ];
  return { handlers, calls };
}

/** The fixture as a fetch Response. */
export function fixtureResponse(fixture: GraphFixture): Response {
  const body = typeof fixture.body === 'string' ? fixture.body : JSON.stringify(fixture.body);
  return new HttpResponse(body, { status: fixture.status, headers: fixture.headers });
}

async function respond(answer: GraphAnswer): Promise<Response> {
  if (answer === 'hang') await delay('infinite');
  return fixtureResponse(answer === 'hang' ? ME_OK : answer);
}
