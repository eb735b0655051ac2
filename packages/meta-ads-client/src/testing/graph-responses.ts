import { HttpResponse } from 'msw';

/** A Graph answer as data: the same `{ status, headers, body }` shape as the package's fixtures. */
export interface GraphResponseSpec {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value, or a string for non-JSON answers such as an HTML error page. */
  body: unknown;
}

/** Usage counters to send, in Graph's own snake_case; each part becomes its header. */
export interface GraphUsageInit {
  app?: { call_count?: number; total_cputime?: number; total_time?: number };
  adAccount?: {
    acc_id_util_pct?: number;
    reset_time_duration?: number;
    ads_api_access_tier?: string;
  };
  /** Keyed by business object id (for ad calls, the ad account id without `act_`). */
  businessUseCase?: Record<
    string,
    {
      type: string;
      call_count?: number;
      total_cputime?: number;
      total_time?: number;
      estimated_time_to_regain_access?: number;
      ads_api_access_tier?: string;
    }[]
  >;
}

/** Builds the usage headers for a response; their values are JSON strings, as Graph sends them. */
export function usageHeaders(usage: GraphUsageInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (usage?.app) headers['x-app-usage'] = JSON.stringify(usage.app);
  if (usage?.adAccount) headers['x-ad-account-usage'] = JSON.stringify(usage.adAccount);
  if (usage?.businessUseCase) {
    headers['x-business-use-case-usage'] = JSON.stringify(usage.businessUseCase);
  }
  return headers;
}

/** Turns a spec (or a fixture file's content) into an msw response. */
export function toHttpResponse(spec: GraphResponseSpec): HttpResponse<string> {
  const headers = new Headers(spec.headers);
  if (typeof spec.body === 'string') {
    if (!headers.has('content-type')) headers.set('content-type', 'text/html; charset="utf-8"');
    return new HttpResponse(spec.body, { status: spec.status, headers });
  }
  headers.set('content-type', 'application/json; charset=UTF-8');
  return new HttpResponse(JSON.stringify(spec.body), { status: spec.status, headers });
}

let traceCounter = 0;
function fbtraceId(): string {
  traceCounter += 1;
  return `AFakeTrace${traceCounter.toString(36).padStart(6, '0')}`;
}

function graphError(
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {},
): GraphResponseSpec {
  return {
    status,
    headers: { 'facebook-api-version': 'v26.0', ...headers },
    body: { error: { type: 'OAuthException', ...error, fbtrace_id: fbtraceId() } },
  };
}

export interface RateLimitInit {
  /** Graph throttle code: 4 (app), 17 (user), 32, 613, or 80000-80014 (business use case). */
  code?: number;
  subcode?: number;
  /** Minutes until access returns, sent in `x-business-use-case-usage`. Default 14. */
  regainMinutes?: number;
  /** Business object the usage header is keyed by. */
  businessId?: string;
}

/**
 * Graph error answers as Graph sends them (HTTP status included), one factory per error class of
 * the client. Pass one to `graphErrorHandler` or `toHttpResponse`.
 */
export const graphErrors = {
  /** 190 with HTTP 400: 463 expired (default), 467 invalidated, 460 password changed. */
  auth(subcode = 463): GraphResponseSpec {
    const message = `Error validating access token: the session is no longer valid (subcode ${subcode}).`;
    return graphError(
      400,
      { message, code: 190, error_subcode: subcode },
      {
        'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${message}"`,
      },
    );
  },
  /** Code 200 with HTTP 403: the token lacks ads_read. */
  permission(): GraphResponseSpec {
    return graphError(403, {
      message:
        '(#200) The ad account owner has not granted the ads_read or ads_management permission',
      code: 200,
    });
  },
  /** 100/33 with HTTP 400: the object does not exist or the token cannot see it. */
  notFound(objectId = '120214583920179999'): GraphResponseSpec {
    return graphError(400, {
      type: 'GraphMethodException',
      message: `Unsupported get request. Object with ID '${objectId}' was not found, cannot be loaded because of missing permissions, or does not support this operation.`,
      code: 100,
      error_subcode: 33,
    });
  },
  /** Code 100 without subcode: a bad parameter. */
  invalidRequest(message = '(#100) Invalid parameter'): GraphResponseSpec {
    return graphError(400, { message, code: 100 });
  },
  /** A throttle with the usage header Graph sends for it (HTTP 403 for code 4, else 400). */
  rateLimit(init: RateLimitInit = {}): GraphResponseSpec {
    const code = init.code ?? 80004;
    const status = code === 4 ? 403 : 400;
    const error: Record<string, unknown> = { message: `(#${code}) Request limit reached`, code };
    if (code >= 80000 || code === 17) error.error_subcode = init.subcode ?? 2446079;
    if (code === 4 || code === 17) error.is_transient = true;
    return graphError(status, error, throttleUsage(code, init));
  },
  /** Code 1, subcode 99, HTTP 500: an unknown, possibly temporary error. */
  unknown(): GraphResponseSpec {
    return graphError(500, { message: 'An unknown error occurred', code: 1, error_subcode: 99 });
  },
  /** Code 2, HTTP 503, `is_transient`: a temporary service error. */
  transient(): GraphResponseSpec {
    return graphError(503, {
      message: 'An unexpected error happened. Retry the request later.',
      code: 2,
      is_transient: true,
    });
  },
  /** (#2635) with HTTP 400: the version in the URL is retired for the Marketing API. */
  deprecatedVersion(version = 'v22.0'): GraphResponseSpec {
    return graphError(
      400,
      { message: `(#2635) This version of the Ads API (${version}) is deprecated.`, code: 2635 },
      { 'facebook-api-version': version },
    );
  },
  /** An HTML error page, as Graph's edge serves on 502s. */
  htmlError(status = 502): GraphResponseSpec {
    return {
      status,
      headers: { 'content-type': 'text/html; charset="utf-8"' },
      body: '<!DOCTYPE html><html><body><h1>Something went wrong</h1></body></html>',
    };
  },
} as const;

function throttleUsage(code: number, init: RateLimitInit): Record<string, string> {
  if (code === 4 || code === 17) {
    return usageHeaders({
      app: { call_count: code === 4 ? 100 : 6, total_cputime: 3, total_time: 4 },
    });
  }
  return usageHeaders({
    businessUseCase: {
      [init.businessId ?? '873920156473829']: [
        {
          type: 'ads_management',
          call_count: 104,
          total_cputime: 22,
          total_time: 35,
          estimated_time_to_regain_access: init.regainMinutes ?? 14,
          ads_api_access_tier: 'standard_access',
        },
      ],
    },
  });
}
