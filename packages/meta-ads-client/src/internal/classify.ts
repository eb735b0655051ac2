import * as z from 'zod';
import {
  MetaApiError,
  type MetaApiErrorDetails,
  MetaAuthError,
  MetaDeprecatedVersionError,
  type MetaErrorKind,
  MetaInvalidRequestError,
  MetaNotFoundError,
  MetaPermissionError,
  MetaRateLimitError,
  MetaTransientError,
} from '../errors.js';
import type { GraphUsage } from '../usage-headers.js';

/** A Graph answer that was not a success. */
export interface GraphFailure {
  status: number;
  /** Parsed JSON, or `undefined` when the body was not JSON (an HTML error page). */
  body: unknown;
  usage: GraphUsage | null;
  /** The `x-fb-trace-id` response header, which even Graph's HTML error pages carry. */
  traceHeader?: string | null;
}

export interface ClassifyContext {
  /** What was asked for, for the message: "ad 120214583920175512", "the token owner (me)". */
  subject: string;
  apiVersion: string;
  redact: (text: string) => string;
  throttleFallbackMs: number;
}

const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional().catch(undefined),
    type: z.string().optional().catch(undefined),
    code: z.number().int().optional().catch(undefined),
    error_subcode: z.number().int().optional().catch(undefined),
    fbtrace_id: z.string().optional().catch(undefined),
    is_transient: z.boolean().optional().catch(undefined),
    error_user_title: z.string().optional().catch(undefined),
    error_user_msg: z.string().optional().catch(undefined),
  }),
});

type GraphErrorBody = z.infer<typeof graphErrorSchema>['error'];

const THROTTLE_CODES = new Set([4, 17, 32, 341, 613]);
const AUTH_CODES = new Set([102, 190]);

/**
 * Turns a failed Graph answer into the matching error class. Graph's HTTP status is unreliable
 * (an expired token is 400, an app throttle 403), so the order is: error code, then subcode,
 * then `is_transient`, and the status only when the body says nothing usable.
 */
export function classifyGraphFailure(
  failure: GraphFailure,
  context: ClassifyContext,
): MetaApiError {
  const parsed = graphErrorSchema.safeParse(failure.body);
  const graphError = parsed.success ? parsed.data.error : null;
  const kind = kindOf(failure.status, graphError);
  const details = detailsOf(failure, graphError, context);
  const message = messageFor(kind, failure, graphError, context);

  switch (kind) {
    case 'auth':
      return new MetaAuthError(message, details);
    case 'permission':
      return new MetaPermissionError(message, details);
    case 'not_found':
      return new MetaNotFoundError(message, details);
    case 'invalid_request':
      return new MetaInvalidRequestError(message, details);
    case 'rate_limit':
      return new MetaRateLimitError(message, {
        ...details,
        retryAfterMs: retryAfterOf(failure.usage, context),
      });
    case 'deprecated_version':
      return new MetaDeprecatedVersionError(message, details);
    case 'transient':
      return new MetaTransientError(message, { ...details, isTransient: true });
    default:
      return new MetaApiError(message, details);
  }
}

/** Pure decision table from Graph code, subcode, `is_transient` and HTTP status to a kind. */
export function kindOf(status: number, graphError: GraphErrorBody | null): MetaErrorKind {
  const code = graphError?.code;
  if (code !== undefined) {
    const byCode = kindOfCode(code, graphError?.error_subcode);
    if (byCode !== null) return byCode;
    if (graphError?.is_transient === true) return 'transient';
  }
  const byStatus = kindOfStatus(status, graphError !== null);
  if (byStatus !== null) return byStatus;
  return code === 100 ? 'invalid_request' : 'api';
}

function kindOfCode(code: number, subcode: number | undefined): MetaErrorKind | null {
  if (code === 2635) return 'deprecated_version';
  if (AUTH_CODES.has(code)) return 'auth';
  if (THROTTLE_CODES.has(code) || (code >= 80000 && code <= 80014)) return 'rate_limit';
  if (code === 3 || code === 10 || (code >= 200 && code <= 299)) return 'permission';
  if ((code === 100 && subcode === 33) || code === 803) return 'not_found';
  if (code === 1 || code === 2) return 'transient';
  return null;
}

// Older proxies and mocks answer with plain REST statuses; real Graph errors never get here
// unless their code is one the table above does not know.
function kindOfStatus(status: number, hasGraphError: boolean): MetaErrorKind | null {
  if (status === 401) return 'auth';
  if (status === 403 && !hasGraphError) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limit';
  if (status >= 500 || status === 408) return 'transient';
  return hasGraphError ? null : 'transient';
}

function detailsOf(
  failure: GraphFailure,
  graphError: GraphErrorBody | null,
  context: ClassifyContext,
): MetaApiErrorDetails {
  const redactOrNull = (text: string | undefined) =>
    text === undefined ? null : context.redact(text);
  const details: MetaApiErrorDetails = {
    status: failure.status,
    code: graphError?.code ?? null,
    subcode: graphError?.error_subcode ?? null,
    // Every string Graph sent is redacted: a hostile or buggy proxy may echo a credential anywhere.
    type: redactOrNull(graphError?.type),
    fbtraceId: redactOrNull(graphError?.fbtrace_id ?? failure.traceHeader ?? undefined),
    usage: failure.usage,
    graphMessage: redactOrNull(graphError?.message),
    userTitle: redactOrNull(graphError?.error_user_title),
    userMessage: redactOrNull(graphError?.error_user_msg),
  };
  if (graphError?.is_transient !== undefined) details.isTransient = graphError.is_transient;
  return details;
}

/**
 * The longest hold a throttle can put on the client. Meta's blocks last minutes to hours; a
 * header claiming more is corrupt, and must not shut the client for years.
 */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/** Graph sends no Retry-After; its usage headers say how long the block lasts (capped at 24 h). */
export function retryAfterOf(usage: GraphUsage | null, context: { throttleFallbackMs: number }) {
  const hints = [usage?.regainAccessMs ?? 0];
  const adAccount = usage?.adAccount;
  if (adAccount && (adAccount.accIdUtilPct ?? 0) >= 100)
    hints.push(adAccount.resetTimeDurationMs ?? 0);
  const longest = Math.max(...hints);
  return Math.min(longest > 0 ? longest : context.throttleFallbackMs, MAX_RETRY_AFTER_MS);
}

function messageFor(
  kind: MetaErrorKind,
  failure: GraphFailure,
  graphError: GraphErrorBody | null,
  context: ClassifyContext,
): string {
  const codes = codesText(failure.status, graphError);
  const said = graphError?.message ? ` Graph said: "${context.redact(graphError.message)}"` : '';
  return `${advice(kind, codes, graphError, failure, context)}${said}`;
}

function advice(
  kind: MetaErrorKind,
  codes: string,
  graphError: GraphErrorBody | null,
  failure: GraphFailure,
  context: ClassifyContext,
): string {
  switch (kind) {
    case 'auth':
      return `Meta rejected the access token (${codes}${authReason(graphError?.error_subcode)}). Generate a new system-user token and set META_ADS_TOKEN.`;
    case 'permission':
      return `The access token lacks a permission needed to read ${context.subject} (${codes}). Grant its system user ads_read on the ad account that owns it.`;
    case 'not_found':
      return `Graph could not find ${context.subject}, or this token cannot see it (${codes}). Check the id and that the token's business owns the ad account.`;
    case 'invalid_request':
      return `Graph rejected the request for ${context.subject} (${codes}). Check the id and the requested fields.`;
    case 'rate_limit': {
      const waitMs = retryAfterOf(failure.usage, context);
      return `Meta is throttling calls (${codes}${throttleReason(graphError?.code)}). Stop calling Graph for about ${formatWait(waitMs)}; calls before then only extend the block.`;
    }
    case 'deprecated_version':
      return `Graph API version ${context.apiVersion} is retired for ad reads (${codes}). Set META_GRAPH_API_VERSION to a current version.`;
    case 'transient':
      return `Graph failed temporarily while reading ${context.subject} (${codes}${graphError ? '' : ', no JSON error body'}). Try again later.`;
    default:
      return `Graph refused the request for ${context.subject} (${codes}).`;
  }
}

function codesText(status: number, graphError: GraphErrorBody | null): string {
  const parts: string[] = [];
  if (graphError?.code !== undefined) parts.push(`code ${graphError.code}`);
  if (graphError?.error_subcode !== undefined) parts.push(`subcode ${graphError.error_subcode}`);
  parts.push(`HTTP ${status}`);
  return parts.join(', ');
}

const AUTH_SUBCODES: Readonly<Record<number, string>> = {
  458: 'the app is not installed for this user',
  459: 'the user is checkpointed',
  460: 'the password changed',
  463: 'the token expired',
  464: 'the user is unconfirmed',
  467: 'the token was invalidated',
  492: 'the session is invalid',
  493: 'the user has not used the app for 90 days',
};

function authReason(subcode: number | undefined): string {
  const reason = subcode === undefined ? undefined : AUTH_SUBCODES[subcode];
  return reason ? `: ${reason}` : '';
}

const THROTTLES: Readonly<Record<number, string>> = {
  4: 'app request limit',
  17: 'user request limit',
  32: 'Pages request limit',
  341: 'application limit',
  613: 'custom rate limit',
  80000: 'Ads Insights limit',
  80001: 'Pages limit',
  80002: 'Instagram limit',
  80003: 'Custom Audience limit',
  80004: 'Ads Management limit',
  80005: 'Lead Ads limit',
  80006: 'Messenger limit',
  80008: 'WhatsApp Business Management limit',
  80009: 'Catalog Management limit',
  80014: 'Catalog Batch limit',
};

function throttleReason(code: number | undefined): string {
  const reason = code === undefined ? undefined : THROTTLES[code];
  return reason ? `: ${reason}` : '';
}

export function formatWait(ms: number): string {
  if (ms >= 60_000) return `${Math.ceil(ms / 60_000)} min`;
  return `${Math.ceil(ms / 1_000)} s`;
}
