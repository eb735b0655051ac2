import type { Dispatcher } from 'undici';
import { MetaNetworkError, MetaTimeoutError } from '../errors.js';

export interface GraphHttpRequest {
  origin: string;
  /** Path with its query; it may hold appsecret_proof, so it never reaches an error. */
  path: string;
  /** Path without query, safe for messages and logs. */
  safePath: string;
  headers: Record<string, string>;
  subject: string;
}

export interface GraphHttpResponse {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  /** Parsed JSON, or `undefined` when the body is not JSON. */
  body: unknown;
}

/**
 * Sends one GET and reads its whole body, bounded by `timeoutMs` for both. Aborts by the caller's
 * signal reject with the signal's reason; our own timeout becomes MetaTimeoutError, and a request
 * that got no HTTP answer becomes MetaNetworkError.
 */
export async function sendOnce(
  dispatcher: Dispatcher,
  request: GraphHttpRequest,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  redact: (text: string) => string,
): Promise<GraphHttpResponse> {
  signal?.throwIfAborted();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const forwardAbort = () => controller.abort();
  signal?.addEventListener('abort', forwardAbort, { once: true });

  try {
    const response = await dispatcher.request({
      origin: request.origin,
      path: request.path,
      method: 'GET',
      headers: request.headers,
      signal: controller.signal,
    });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, body: parseBody(text) };
  } catch (error) {
    signal?.throwIfAborted();
    if (controller.signal.aborted) throw timeoutError(request, timeoutMs);
    throw networkError(request, error, redact);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

function parseBody(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function timeoutError(request: GraphHttpRequest, timeoutMs: number): MetaTimeoutError {
  return new MetaTimeoutError(
    `Graph did not answer within ${timeoutMs} ms while reading ${request.subject} (GET ${request.safePath}). Raise META_API_TIMEOUT or try again later.`,
  );
}

function networkError(
  request: GraphHttpRequest,
  error: unknown,
  redact: (text: string) => string,
): MetaNetworkError {
  const reason = redact(describeNetworkError(error));
  return new MetaNetworkError(
    `Could not reach Graph at ${request.origin} while reading ${request.subject} (${reason}). Check the network and META_GRAPH_BASE_URL.`,
    { cause: safeCause(error, reason) },
  );
}

function describeNetworkError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
  const message = error instanceof Error ? error.message : 'unknown failure';
  return code ? `${code}: ${message}` : message;
}

// The original error is replaced by a plain one holding only its description, so nothing the
// transport attached to it (request options, sockets) can leak through `cause`.
function safeCause(error: unknown, reason: string): Error {
  const cause = new Error(reason);
  cause.name = error instanceof Error ? error.name : 'Error';
  return cause;
}
