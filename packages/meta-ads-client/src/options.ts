import type { Dispatcher } from 'undici';
import type { GraphUsage } from './usage-headers.js';

/** The few log calls the client makes; a pino or console logger fits. */
export interface MetaClientLogger {
  warn(details: Record<string, unknown>, message: string): void;
  debug?(details: Record<string, unknown>, message: string): void;
}

/** Where a usage snapshot came from (a path without its query, so never a credential). */
export interface UsageContext {
  path: string;
  status: number;
}

/** Options of {@link MetaAdsClient}. Only `accessToken` is required. */
export interface MetaAdsClientOptions {
  /** Graph access token (a system-user token is best). Sent as `Authorization: Bearer`. */
  accessToken: string;
  /** When set, every call carries `appsecret_proof`; with `appId` it enables `debugToken()`. */
  appSecret?: string | undefined;
  appId?: string | undefined;
  /** Graph API version, default `v26.0`. */
  apiVersion?: string | undefined;
  /** Default `https://graph.facebook.com`; point it at a proxy or a loopback fake in tests. */
  baseUrl?: string | undefined;
  /** Per-attempt timeout in milliseconds, default 5000. */
  timeoutMs?: number | undefined;
  /** Overall budget of one call including retries and waits, default `timeoutMs * (maxRetries + 1)`. */
  deadlineMs?: number | undefined;
  /** Retries of transient failures, timeouts and throttles that fit the deadline, default 2. */
  maxRetries?: number | undefined;
  /** First backoff step in milliseconds (full jitter), default 250. */
  retryBaseDelayMs?: number | undefined;
  /** Cap of one backoff step in milliseconds, default 5000. */
  retryMaxDelayMs?: number | undefined;
  /** Wait after a throttle whose headers give no hint, default 60000. */
  throttleFallbackMs?: number | undefined;
  /** Sockets the default keep-alive pool may open to Graph, default 32. */
  maxConnections?: number | undefined;
  /** Concurrent `?ids=` requests of one `getAdsDetails` call, default 4. */
  batchConcurrency?: number | undefined;
  /** An undici dispatcher to use instead of the client's own pool (the client will not close it). */
  dispatcher?: Dispatcher | undefined;
  /** Current time in epoch milliseconds, default `Date.now`. */
  clock?: (() => number) | undefined;
  /** Waits between attempts; must reject when `signal` aborts. Default: a real timer. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Uniform random number in [0, 1), default `Math.random`. */
  random?: (() => number) | undefined;
  logger?: MetaClientLogger | undefined;
  /** Called with the usage headers of every Graph response that carries them. */
  onUsage?: ((usage: GraphUsage, context: UsageContext) => void) | undefined;
}

/** Options of one call. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** Overrides the client's `deadlineMs` for this call. */
  deadlineMs?: number | undefined;
}
