// Fake Graph: msw handlers that answer like Graph for a set of fake ads

export type { RecordedGraphCall } from './graph-dispatcher.js';
// The in-process undici dispatcher that puts msw handlers behind MetaAdsClient
export { createGraphDispatcher, GraphTestDispatcher } from './graph-dispatcher.js';
export type { FakeAd, FakeTokenInfo, GraphHandlersOptions } from './graph-handlers.js';
export { graphHandlers } from './graph-handlers.js';
export type { GraphResponseSpec, GraphUsageInit, RateLimitInit } from './graph-responses.js';
// Graph answers as data, one factory per error class, and usage headers
export { graphErrors, toHttpResponse, usageHeaders } from './graph-responses.js';
export type { GraphRouteOptions } from './handler-factories.js';
// Handler factories for errors, throttles, retries, slow answers and network failures
export {
  graphErrorHandler,
  graphSequenceHandler,
  networkErrorHandler,
  slowGraphHandler,
  throttledGraphHandler,
} from './handler-factories.js';
