import { delay, type HttpHandler, http } from 'msw';
import {
  type GraphResponseSpec,
  graphErrors,
  type RateLimitInit,
  toHttpResponse,
} from './graph-responses.js';

export interface GraphRouteOptions {
  /** Default `https://graph.facebook.com`. */
  baseUrl?: string;
  /** msw path pattern after the base URL; default: every path (`/*`). */
  path?: string;
  /** Answer only the first matching request, then let later handlers answer. */
  once?: boolean;
}

function routeOf(options: GraphRouteOptions): string {
  const base = (options.baseUrl ?? 'https://graph.facebook.com').replace(/\/+$/, '');
  return `${base}${options.path ?? '/*'}`;
}

/**
 * Answers every matching GET with one Graph answer, such as `graphErrors.auth()`. Put it before
 * `graphHandlers(...)` (or pass it to `server.use`) to override them.
 *
 * @example
 * createGraphDispatcher([graphErrorHandler(graphErrors.permission()), ...graphHandlers({ ads })])
 */
export function graphErrorHandler(
  spec: GraphResponseSpec,
  options: GraphRouteOptions = {},
): HttpHandler {
  return http.get(routeOf(options), () => toHttpResponse(spec), { once: options.once ?? false });
}

/** Answers with each spec in turn, then keeps repeating the last one (for retry tests). */
export function graphSequenceHandler(
  specs: readonly GraphResponseSpec[],
  options: Omit<GraphRouteOptions, 'once'> = {},
): HttpHandler {
  if (specs.length === 0) throw new TypeError('graphSequenceHandler needs at least one response');
  let served = 0;
  return http.get(routeOf(options), () => {
    const spec = specs[Math.min(served, specs.length - 1)];
    served += 1;
    return spec ? toHttpResponse(spec) : undefined;
  });
}

/** A Graph throttle with its usage headers; see `graphErrors.rateLimit` for the options. */
export function throttledGraphHandler(
  init: RateLimitInit = {},
  options: GraphRouteOptions = {},
): HttpHandler {
  return graphErrorHandler(graphErrors.rateLimit(init), options);
}

/**
 * Answers after `delayMs` (or never, with `'infinite'`), to exercise timeouts. Without a `response`
 * it falls through to the next handler after the delay.
 */
export function slowGraphHandler(
  delayMs: number | 'infinite',
  options: GraphRouteOptions & { response?: GraphResponseSpec } = {},
): HttpHandler {
  return http.get(
    routeOf(options),
    async () => {
      await delay(delayMs);
      return options.response ? toHttpResponse(options.response) : undefined;
    },
    { once: options.once ?? false },
  );
}

/** Fails every matching request at the network level (no HTTP answer), like a reset connection. */
export function networkErrorHandler(options: GraphRouteOptions = {}): HttpHandler {
  return http.get(routeOf(options), () => Response.error(), { once: options.once ?? false });
}
