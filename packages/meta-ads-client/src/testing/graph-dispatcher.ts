import { getResponse, type RequestHandler } from 'msw';
import { Dispatcher } from 'undici';

/** One request the dispatcher received; the URL keeps its query so tests can assert on it. */
export interface RecordedGraphCall {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/**
 * An undici Dispatcher that answers from msw handlers in-process, with no socket. MetaAdsClient
 * uses undici's own request API, which msw's `setupServer` cannot intercept, so this is the
 * supported way to put msw handlers behind the client. A request no handler answers fails with
 * a network error naming its path: nothing ever reaches the network.
 */
export class GraphTestDispatcher extends Dispatcher {
  /** Every request received, in order. */
  readonly calls: RecordedGraphCall[] = [];
  readonly #handlers: readonly RequestHandler[];
  #closed = false;

  constructor(handlers: readonly RequestHandler[]) {
    super();
    this.#handlers = handlers;
  }

  override dispatch(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler,
  ): boolean {
    void this.#serve(options, new HandlerDriver(handler));
    return true;
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    this.#closed = true;
    if (callback) {
      queueMicrotask(callback);
      return;
    }
    return Promise.resolve();
  }

  override destroy(): Promise<void>;
  override destroy(error: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(error: Error | null, callback: () => void): void;
  override destroy(first?: Error | null | (() => void), second?: () => void): Promise<void> | void {
    this.#closed = true;
    const callback = typeof first === 'function' ? first : second;
    if (callback) {
      queueMicrotask(callback);
      return;
    }
    return Promise.resolve();
  }

  async #serve(options: Dispatcher.DispatchOptions, driver: HandlerDriver): Promise<void> {
    driver.start();
    if (this.#closed) return driver.fail(new Error('GraphTestDispatcher is closed'));
    const request = toRequest(options);
    this.calls.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
    });

    try {
      const response = await Promise.race([
        getResponse([...this.#handlers], request),
        driver.abortion,
      ]);
      if (driver.aborted) return;
      if (response === undefined) {
        const path = new URL(request.url).pathname;
        return driver.fail(new Error(`No Graph test handler matched ${request.method} ${path}`));
      }
      if (response.type === 'error')
        return driver.fail(new TypeError('fetch failed: network error from a Graph test handler'));
      const body = Buffer.from(await response.arrayBuffer());
      if (driver.aborted) return;
      driver.respond(response, body);
    } catch (error) {
      driver.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/**
 * Answers every request from the given msw handlers, in-process.
 *
 * @example
 * const dispatcher = createGraphDispatcher(graphHandlers({ ads }));
 * const client = new MetaAdsClient({ accessToken: 'test-token', dispatcher });
 * expect(dispatcher.calls).toHaveLength(0);
 */
export function createGraphDispatcher(handlers: readonly RequestHandler[]): GraphTestDispatcher {
  return new GraphTestDispatcher(handlers);
}

function toRequest(options: Dispatcher.DispatchOptions): Request {
  const url = new URL(options.path, String(options.origin ?? 'http://localhost'));
  const headers = new Headers();
  for (const [name, value] of headerPairs(options.headers)) headers.append(name, value);
  const body =
    typeof options.body === 'string' || options.body instanceof Uint8Array ? options.body : null;
  const method = String(options.method);
  return new Request(url, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? null : body,
  });
}

function headerPairs(headers: Dispatcher.DispatchOptions['headers']): [string, string][] {
  if (!headers) return [];
  if (Array.isArray(headers)) {
    const pairs: [string, string][] = [];
    for (let index = 0; index + 1 < headers.length; index += 2) {
      pairs.push([String(headers[index]), String(headers[index + 1])]);
    }
    return pairs;
  }
  const entries: Iterable<[string, unknown]> =
    Symbol.iterator in headers ? (headers as Iterable<[string, unknown]>) : Object.entries(headers);
  const pairs: [string, string][] = [];
  for (const [name, value] of entries) {
    if (Array.isArray(value)) for (const item of value) pairs.push([name, String(item)]);
    else if (value !== undefined) pairs.push([name, String(value)]);
  }
  return pairs;
}

/**
 * Drives an undici handler through one response, speaking either the current handler API
 * (`onRequestStart`...) or the older one (`onConnect`...) that undici's `request()` still uses.
 */
class HandlerDriver {
  aborted = false;
  readonly abortion: Promise<undefined>;
  readonly #handler: Dispatcher.DispatchHandler;
  readonly #controller: Dispatcher.DispatchController;
  #settleAbortion: () => void = () => {};

  constructor(handler: Dispatcher.DispatchHandler) {
    this.#handler = handler;
    this.abortion = new Promise((resolve) => {
      this.#settleAbortion = () => resolve(undefined);
    });
    const abort = (reason: Error) => this.#abort(reason);
    this.#controller = {
      get aborted() {
        return false;
      },
      get paused() {
        return false;
      },
      get reason() {
        return null;
      },
      abort,
      pause() {},
      resume() {},
    };
  }

  start(): void {
    if (this.#handler.onRequestStart) this.#handler.onRequestStart(this.#controller, {});
    else this.#handler.onConnect?.((reason?: Error) => this.#abort(reason ?? new Error('aborted')));
  }

  respond(response: Response, body: Buffer): void {
    const handler = this.#handler;
    if (handler.onResponseStart) {
      handler.onResponseStart(
        this.#controller,
        response.status,
        Object.fromEntries(response.headers),
        response.statusText,
      );
      if (body.length > 0) handler.onResponseData?.(this.#controller, body);
      handler.onResponseEnd?.(this.#controller, {});
      return;
    }
    const rawHeaders: Buffer[] = [];
    for (const [name, value] of response.headers)
      rawHeaders.push(Buffer.from(name), Buffer.from(value));
    handler.onHeaders?.(response.status, rawHeaders, () => {}, response.statusText);
    if (body.length > 0) handler.onData?.(body);
    handler.onComplete?.([]);
  }

  fail(error: Error): void {
    if (this.aborted) return;
    this.aborted = true;
    this.#settleAbortion();
    if (this.#handler.onResponseError) this.#handler.onResponseError(this.#controller, error);
    else this.#handler.onError?.(error);
  }

  #abort(reason: Error): void {
    this.fail(reason);
  }
}
