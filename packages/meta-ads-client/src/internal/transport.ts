import type { Dispatcher } from 'undici';
import { MetaNetworkError, MetaTimeoutError } from '../errors.js';

/** Graph answers for ad reads are a few KB; anything this large is not Graph and is refused. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface GraphHttpRequest {
  origin: string;
  /** Path with its query; it may hold appsecret_proof, so it never reaches an error. */
  path: string;
  /** Path without query, safe for messages and logs. */
  safePath: string;
  headers: Record<string, string>;
  subject: string;
}

export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface GraphHttpResponse {
  status: number;
  headers: ResponseHeaders;
  /** Parsed JSON, or `undefined` when the body is not JSON. */
  body: unknown;
  /** `true` when the body outgrew {@link MAX_BODY_BYTES}; it was discarded, the headers kept. */
  oversized?: boolean;
}

/**
 * Sends one GET and reads its whole body, bounded by `timeoutMs` for both. Aborts by the caller's
 * signal reject with the signal's reason; our own timeout becomes MetaTimeoutError, and a request
 * that got no HTTP answer becomes MetaNetworkError.
 *
 * It talks to the dispatcher's handler API directly rather than through undici's `request()`:
 * a plain timer and the handler's own abort replace an AbortController per call, and the small
 * JSON body is gathered in a buffer rather than a stream, which keeps the hot path lean.
 */
export function sendOnce(
  dispatcher: Dispatcher,
  request: GraphHttpRequest,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  redact: (text: string) => string,
): Promise<GraphHttpResponse> {
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const collector = new ResponseCollector(request, timeoutMs, signal, redact, resolve, reject);
    try {
      dispatcher.dispatch(
        { origin: request.origin, path: request.path, method: 'GET', headers: request.headers },
        collector,
      );
    } catch (error) {
      collector.onResponseError(null, error instanceof Error ? error : new Error(String(error)));
    }
  });
}

type Ending = 'timeout' | 'caller';

/** Gathers one response and settles the promise exactly once, whatever order events come in. */
class ResponseCollector implements Dispatcher.DispatchHandler {
  readonly #request: GraphHttpRequest;
  readonly #timeoutMs: number;
  readonly #signal: AbortSignal | undefined;
  readonly #redact: (text: string) => string;
  readonly #resolve: (response: GraphHttpResponse) => void;
  readonly #reject: (error: unknown) => void;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #chunks: Buffer[] = [];
  #bodyBytes = 0;
  #controller: Dispatcher.DispatchController | null = null;
  #status = 0;
  #headers: ResponseHeaders = {};
  #ending: Ending | null = null;
  #settled = false;

  constructor(
    request: GraphHttpRequest,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    redact: (text: string) => string,
    resolve: (response: GraphHttpResponse) => void,
    reject: (error: unknown) => void,
  ) {
    this.#request = request;
    this.#timeoutMs = timeoutMs;
    this.#signal = signal;
    this.#redact = redact;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#timer = setTimeout(() => this.#end('timeout'), timeoutMs);
    signal?.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // The request may have timed out while it queued for a socket; stop it now that we can.
    if (this.#ending) controller.abort(asError(this.#endingError()));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: ResponseHeaders,
  ): void {
    this.#status = statusCode;
    this.#headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#bodyBytes += chunk.length;
    if (this.#bodyBytes > MAX_BODY_BYTES) {
      this.#discardOversized();
      return;
    }
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (!this.#settle()) return;
    const text = Buffer.concat(this.#chunks).toString('utf8');
    this.#resolve({ status: this.#status, headers: this.#headers, body: parseBody(text) });
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, error: Error): void {
    if (!this.#settle()) return;
    this.#reject(
      this.#ending ? this.#endingError() : networkError(this.#request, error, this.#redact),
    );
  }

  readonly #onCallerAbort = () => this.#end('caller');

  // The headers (and their usage) are kept; the caller turns this into MetaResponseError.
  #discardOversized(): void {
    if (!this.#settle()) return;
    this.#controller?.abort(new Error('response body too large'));
    this.#resolve({
      status: this.#status,
      headers: this.#headers,
      body: undefined,
      oversized: true,
    });
  }

  #end(ending: Ending): void {
    if (this.#settled) return;
    this.#ending = ending;
    const error = this.#endingError();
    this.#controller?.abort(asError(error));
    // Without a controller yet (still queued), settle now; the abort follows in onRequestStart.
    if (this.#settle()) this.#reject(error);
  }

  #endingError(): unknown {
    if (this.#ending === 'caller') return this.#signal?.reason;
    return new MetaTimeoutError(
      `Graph did not answer within ${this.#timeoutMs} ms while reading ${this.#request.subject} (GET ${this.#request.safePath}). Raise META_API_TIMEOUT or try again later.`,
    );
  }

  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#signal?.removeEventListener('abort', this.#onCallerAbort);
    return true;
  }
}

// A caller may abort with any reason; the dispatcher wants an Error, the caller gets its reason.
function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error('aborted by the caller');
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

function parseBody(text: string): unknown {
  const first = firstNonSpaceCode(text);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Looks past leading whitespace without copying the body, as trimStart() would.
function firstNonSpaceCode(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return code;
  }
  return -1;
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
