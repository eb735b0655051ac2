import { createHmac } from 'node:crypto';
import { type HttpHandler, http } from 'msw';
import {
  type GraphResponseSpec,
  type GraphUsageInit,
  graphErrors,
  toHttpResponse,
  usageHeaders,
} from './graph-responses.js';

/** An ad the fake Graph knows, in Graph's own field names. Ids are strings, as Graph sends them. */
export interface FakeAd {
  id: string;
  name?: string;
  effective_status?: string;
  campaign?: { id: string; name: string } | null;
  adset?: { id: string; name: string } | null;
}

/** `debug_token` data in Graph's snake_case; merged over a valid, never-expiring system-user token. */
export interface FakeTokenInfo {
  app_id?: string;
  type?: string;
  application?: string;
  is_valid?: boolean;
  issued_at?: number;
  expires_at?: number;
  data_access_expires_at?: number;
  scopes?: string[];
  granular_scopes?: { scope: string; target_ids?: string[] }[];
  error?: { code: number; subcode?: number; message: string };
  user_id?: string;
}

export interface GraphHandlersOptions {
  ads: readonly FakeAd[];
  /** Default `https://graph.facebook.com` (only matched, never contacted). */
  baseUrl?: string;
  /** Serve only this version; by default any `vN.N` is served. */
  apiVersion?: string;
  tokenInfo?: FakeTokenInfo;
  /** The token owner `GET /me` returns. */
  me?: { id: string; name?: string };
  /** Usage headers added to every successful answer. */
  usage?: GraphUsageInit;
  /** When set, a request whose Bearer token differs answers 190/467, like Graph. */
  accessToken?: string;
  /** When set, a request without the matching `appsecret_proof` answers code 100, like Graph. */
  appSecret?: string;
  /**
   * What a `?ids=` read does when one id is unknown: `fail` answers 100/33 for the whole request
   * (Graph's historical behaviour, the default); `omit` leaves the id out of the answer.
   */
  missingIdsInBatch?: 'fail' | 'omit';
}

const DEFAULT_TOKEN_INFO: Required<Omit<FakeTokenInfo, 'error'>> = {
  app_id: '1029384756102938',
  type: 'SYSTEM_USER',
  application: 'ctwa-kit test app',
  is_valid: true,
  issued_at: 1791539137,
  expires_at: 0,
  data_access_expires_at: 0,
  scopes: ['ads_read', 'business_management'],
  granular_scopes: [{ scope: 'ads_read', target_ids: ['873920156473829'] }],
  user_id: '122109384756102938',
};

const MAX_IDS = 50;

/**
 * msw handlers that answer like Graph for the given fake ads: `GET /{version}/{adId}`,
 * `GET /{version}/?ids=...`, `GET /{version}/me` and `GET /{version}/debug_token`. An unknown ad
 * id answers HTTP 400 code 100 subcode 33, as Graph does.
 *
 * @example
 * const client = new MetaAdsClient({
 *   accessToken: 'test-token',
 *   dispatcher: createGraphDispatcher(graphHandlers({ ads: [{ id: '1202', name: 'Implants' }] })),
 * });
 */
export function graphHandlers(options: GraphHandlersOptions): HttpHandler[] {
  const base = `${(options.baseUrl ?? 'https://graph.facebook.com').replace(/\/+$/, '')}/${options.apiVersion ?? ':version'}`;
  const ads = new Map(options.ads.map((ad) => [ad.id, ad]));
  const success = (body: unknown) =>
    toHttpResponse({ status: 200, headers: usageHeaders(options.usage), body });

  return [
    http.get(`${base}/me`, ({ request }) => {
      const denied = checkCredentials(request, options, 'user');
      if (denied) return toHttpResponse(denied);
      return success({
        id: options.me?.id ?? '122109384756102938',
        name: options.me?.name ?? 'ctwa-kit system user',
      });
    }),
    http.get(`${base}/debug_token`, ({ request }) => {
      const denied = checkCredentials(request, options, 'app');
      if (denied) return toHttpResponse(denied);
      return success({ data: { ...DEFAULT_TOKEN_INFO, ...options.tokenInfo } });
    }),
    http.get(`${base}/`, ({ request }) => {
      const denied = checkCredentials(request, options, 'user');
      if (denied) return toHttpResponse(denied);
      return toHttpResponse(
        readMany(new URL(request.url), ads, options) ?? { status: 200, body: {} },
      );
    }),
    http.get(`${base}/:adId`, ({ request, params }) => {
      const denied = checkCredentials(request, options, 'user');
      if (denied) return toHttpResponse(denied);
      const ad = ads.get(String(params.adId));
      return ad ? success(adBody(ad)) : toHttpResponse(graphErrors.notFound(String(params.adId)));
    }),
  ];
}

function readMany(
  url: URL,
  ads: ReadonlyMap<string, FakeAd>,
  options: GraphHandlersOptions,
): GraphResponseSpec {
  const ids = (url.searchParams.get('ids') ?? '').split(',').filter((id) => id !== '');
  if (ids.length === 0) return graphErrors.invalidRequest('(#100) Missing ids parameter');
  if (ids.length > MAX_IDS) {
    return graphErrors.invalidRequest(
      `(#100) Too many IDs. Maximum: ${MAX_IDS}. Provided: ${ids.length}.`,
    );
  }
  const missing = ids.find((id) => !ads.has(id));
  if (missing !== undefined && (options.missingIdsInBatch ?? 'fail') === 'fail') {
    return graphErrors.notFound(missing);
  }

  // Graph keys the answer by id, and not in request order; reversing keeps callers honest.
  const body: Record<string, unknown> = {};
  for (const id of [...ids].reverse()) {
    const ad = ads.get(id);
    if (ad) body[id] = adBody(ad);
  }
  return { status: 200, headers: usageHeaders(options.usage), body };
}

function adBody(ad: FakeAd): Record<string, unknown> {
  const body: Record<string, unknown> = { id: ad.id };
  if (ad.name !== undefined) body.name = ad.name;
  if (ad.effective_status !== undefined) body.effective_status = ad.effective_status;
  if (ad.campaign) body.campaign = ad.campaign;
  if (ad.adset) body.adset = ad.adset;
  return body;
}

function checkCredentials(
  request: Request,
  options: GraphHandlersOptions,
  kind: 'user' | 'app',
): GraphResponseSpec | null {
  const token = bearerOf(request);
  const expected = kind === 'app' ? appTokenOf(options) : options.accessToken;
  if (expected !== undefined && token !== expected) return graphErrors.auth(467);
  if (options.appSecret === undefined) return null;

  const proof = new URL(request.url).searchParams.get('appsecret_proof');
  const wanted = createHmac('sha256', options.appSecret)
    .update(token ?? '')
    .digest('hex');
  if (proof === wanted) return null;
  return graphErrors.invalidRequest(
    proof === null
      ? 'API calls from the server require an appsecret_proof argument'
      : 'Invalid appsecret_proof provided in the API argument',
  );
}

function bearerOf(request: Request): string | null {
  const header = request.headers.get('authorization');
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
}

function appTokenOf(options: GraphHandlersOptions): string | undefined {
  const appId = options.tokenInfo?.app_id;
  if (appId === undefined || options.appSecret === undefined) return undefined;
  return `${appId}|${options.appSecret}`;
}
