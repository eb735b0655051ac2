import type { Dispatcher } from 'undici';
import {
  MetaApiError,
  MetaConfigError,
  MetaRateLimitError,
  MetaResponseError,
  MetaTimeoutError,
} from '../errors.js';
import type { CallOptions } from '../options.js';
import type { GraphUsage } from '../usage-headers.js';
import { compareApiVersions } from '../versions.js';
import { appSecretProof } from './appsecret-proof.js';
import { classifyGraphFailure } from './classify.js';
import { createRedactor } from './redact.js';
import { decideRetry, type RetryPolicy } from './retry.js';
import type { ClientSettings } from './settings.js';
import { ThrottleGate } from './throttle-gate.js';
import {
  type GraphHttpRequest,
  type GraphHttpResponse,
  MAX_BODY_BYTES,
  sendOnce,
} from './transport.js';
import {
  createUsageParser,
  hasUsageValues,
  readUsageHeaderValues,
  type UsageHeaderValues,
} from './usage-parsing.js';

/** One Graph read: what to ask, how to check the answer, and how to name it in messages. */
export interface GraphCall<T> {
  /** Path after the version, such as `/120214583920175512` or `/` for `?ids=`. */
  path: string;
  /** Encoded query without `?` and without `appsecret_proof`. */
  query: string;
  subject: string;
  /** `app` authenticates with the app token `{appId}|{appSecret}` (debug_token needs it). */
  auth: 'user' | 'app';
  parse(body: unknown, subject: string, status: number): T;
}

export interface GraphResult<T> {
  data: T;
  /** The usage headers of the answer, parsed on first call. */
  usage(): GraphUsage | null;
}

interface Credential {
  headers: Record<string, string>;
  proofParam: string;
}

const USER_AGENT = 'ctwa-meta-ads-client';

/** Sends Graph reads with the client's retry policy, throttle gate and usage reporting. */
export class GraphRequester {
  readonly gate = new ThrottleGate();
  #lastUsageValues: UsageHeaderValues | null = null;
  readonly #settings: ClientSettings;
  readonly #dispatcher: Dispatcher;
  readonly #redact: (text: string) => string;
  readonly #policy: RetryPolicy;
  readonly #parseUsage = createUsageParser();
  #versionNoticed = false;
  readonly #user: Credential;
  readonly #app: Credential | null;

  constructor(settings: ClientSettings, dispatcher: Dispatcher) {
    this.#settings = settings;
    this.#dispatcher = dispatcher;
    const appToken = appTokenOf(settings);
    const userProof = settings.appSecret
      ? appSecretProof(settings.accessToken, settings.appSecret)
      : null;
    const appProof =
      appToken && settings.appSecret ? appSecretProof(appToken, settings.appSecret) : null;
    this.#redact = createRedactor([
      settings.accessToken,
      settings.appSecret,
      appToken,
      userProof,
      appProof,
    ]);
    this.#policy = {
      maxRetries: settings.maxRetries,
      baseDelayMs: settings.retryBaseDelayMs,
      maxDelayMs: settings.retryMaxDelayMs,
    };
    this.#user = credentialOf(settings.accessToken, userProof);
    this.#app = appToken ? credentialOf(appToken, appProof) : null;
  }

  /** When a call made now must be over: the caller's `deadlineMs`, or the client's. */
  deadlineOf(options: CallOptions): number {
    return this.#settings.clock() + (options.deadlineMs ?? this.#settings.deadlineMs);
  }

  /**
   * Runs one call: gate, send, classify, and retry while the policy and the deadline allow.
   * `deadline` (epoch ms) lets several requests share one budget, as a batch does.
   */
  async get<T>(
    call: GraphCall<T>,
    options: CallOptions = {},
    deadline = this.deadlineOf(options),
  ): Promise<GraphResult<T>> {
    const { clock, random } = this.#settings;
    const request = this.#buildRequest(call);

    for (let retries = 0; ; retries++) {
      // Checked inline first: an open gate (the usual case) then costs no extra await.
      if (this.gate.remainingMs(clock()) > 0) {
        await this.#passGate(call.subject, deadline, options.signal);
      }
      try {
        return await this.#attempt(call, request, deadline, options.signal);
      } catch (error) {
        if (!(error instanceof MetaApiError)) throw error;
        if (error instanceof MetaRateLimitError) this.gate.close(error, clock());
        const decision = decideRetry(error, retries, deadline - clock(), this.#policy, random);
        if (!decision.retry) throw error;
        this.#debug(
          { path: request.safePath, error: error.name, delayMs: decision.delayMs },
          'retrying Graph call',
        );
        await this.#sleep(decision.delayMs, options.signal);
      }
    }
  }

  async #passGate(subject: string, deadline: number, signal: AbortSignal | undefined) {
    const now = this.#settings.clock();
    const waitMs = this.gate.remainingMs(now);
    if (waitMs === 0) return;
    if (now + waitMs >= deadline) throw this.gate.refusal(now, subject);
    await this.#sleep(waitMs, signal);
  }

  // Whatever sleep is injected, a caller abort surfaces as the caller's own reason.
  async #sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.#settings.sleep(ms, signal);
    } catch (error) {
      signal?.throwIfAborted();
      throw error;
    }
  }

  async #attempt<T>(
    call: GraphCall<T>,
    request: GraphHttpRequest,
    deadline: number,
    signal: AbortSignal | undefined,
  ): Promise<GraphResult<T>> {
    const remainingMs = deadline - this.#settings.clock();
    if (remainingMs <= 0) throw this.#deadlineSpent(call);
    const timeoutMs = Math.min(this.#settings.timeoutMs, remainingMs);
    const startedAt = this.#settings.clock();
    const response = await sendOnce(this.#dispatcher, request, timeoutMs, signal, this.#redact);
    const usageValues = this.#recordUsage(response, request.safePath);
    if (this.#settings.logger?.debug) {
      const durationMs = this.#settings.clock() - startedAt;
      this.#debug({ path: request.safePath, status: response.status, durationMs }, 'Graph call');
    }

    this.#noticeServedVersion(response);
    return this.#interpret(call, response, usageValues);
  }

  /** Turns one answer into the parsed result or the matching error (no retry decision here). */
  #interpret<T>(
    call: GraphCall<T>,
    response: GraphHttpResponse,
    usageValues: UsageHeaderValues | null,
  ): GraphResult<T> {
    // Parsing usage costs more than the rest of a small read; a success defers it to its reader.
    const usage = () => this.#usageOf(usageValues);
    if (response.oversized) throw oversizedError(call, response, usage());
    if (response.status >= 300 && response.status < 400)
      throw redirectError(call, response, usage());
    // Graph (or a proxy in front of it) can send an error object with a 2xx status; it is still
    // an error, classified by its code like any other.
    if (response.status < 200 || response.status >= 300 || isGraphErrorBody(response.body)) {
      const traceHeader = headerOf(response, 'x-fb-trace-id');
      throw classifyGraphFailure(
        { status: response.status, body: response.body, usage: usage(), traceHeader },
        this.#classifyContext(call),
      );
    }
    if (response.body === undefined) {
      throw new MetaResponseError(
        `Graph answered HTTP ${response.status} for ${call.subject} with a body that is not JSON. The answer was discarded.`,
        { status: response.status, usage: usage() },
      );
    }
    try {
      return { data: call.parse(response.body, call.subject, response.status), usage };
    } catch (error) {
      // The schema check knows nothing of headers; the usage they carried still belongs here.
      const usageNow = usage();
      if (!(error instanceof MetaResponseError) || usageNow === null) throw error;
      throw new MetaResponseError(error.message, { status: error.status, usage: usageNow });
    }
  }

  #buildRequest(call: GraphCall<unknown>): GraphHttpRequest {
    const credential = call.auth === 'app' ? this.#app : this.#user;
    if (!credential) {
      throw new MetaConfigError(
        `Reading ${call.subject} needs the app token: set appId and appSecret (META_APP_ID, META_APP_SECRET).`,
        'appId',
      );
    }
    const safePath = `${this.#settings.basePath}/${this.#settings.apiVersion}${call.path}`;
    const query = [call.query, credential.proofParam].filter((part) => part !== '').join('&');
    return {
      origin: this.#settings.origin,
      path: query ? `${safePath}?${query}` : safePath,
      safePath,
      headers: credential.headers,
      subject: call.subject,
    };
  }

  /** Usage headers of the most recent answer that carried any, parsed when first read. */
  get lastUsage(): GraphUsage | null {
    return this.#usageOf(this.#lastUsageValues);
  }

  #usageOf(values: UsageHeaderValues | null): GraphUsage | null {
    return values === null ? null : this.#parseUsage(values);
  }

  // Only the raw header strings are kept here; they are parsed when something asks for them.
  #recordUsage(response: GraphHttpResponse, safePath: string): UsageHeaderValues | null {
    const values = readUsageHeaderValues(response.headers);
    if (!hasUsageValues(values)) return null;
    this.#lastUsageValues = values;
    const onUsage = this.#settings.onUsage;
    const usage = onUsage ? this.#parseUsage(values) : null;
    if (onUsage && usage) {
      try {
        onUsage(usage, { path: safePath, status: response.status });
      } catch (error) {
        // A failing observer must not cost the caller its ad details.
        this.#settings.logger?.warn({ error: String(error) }, 'onUsage callback threw; ignored');
      }
    }
    return values;
  }

  // Graph may silently serve a newer version than the one asked for (the Marketing API upgrades
  // calls on a retired version); that is worth one warning, since the next step is a hard 2635.
  #noticeServedVersion(response: GraphHttpResponse): void {
    if (this.#versionNoticed) return;
    const served = headerOf(response, 'facebook-api-version');
    const newer =
      served !== null && (compareApiVersions(served, this.#settings.apiVersion) ?? 0) > 0;
    if (!newer) return;
    this.#versionNoticed = true;
    this.#settings.logger?.warn(
      { configured: this.#settings.apiVersion, served },
      `Graph answered with API version ${served} to calls made with ${this.#settings.apiVersion}; set META_GRAPH_API_VERSION to ${served} or newer.`,
    );
  }

  #classifyContext(call: GraphCall<unknown>) {
    return {
      subject: call.subject,
      apiVersion: this.#settings.apiVersion,
      redact: this.#redact,
      throttleFallbackMs: this.#settings.throttleFallbackMs,
    };
  }

  #deadlineSpent(call: GraphCall<unknown>): MetaTimeoutError {
    return new MetaTimeoutError(
      `The call deadline ran out before Graph answered for ${call.subject}. Raise deadlineMs or META_API_TIMEOUT, or try again later.`,
    );
  }

  #debug(details: Record<string, unknown>, message: string): void {
    this.#settings.logger?.debug?.(details, message);
  }
}

function oversizedError(
  call: GraphCall<unknown>,
  response: GraphHttpResponse,
  usage: GraphUsage | null,
): MetaResponseError {
  return new MetaResponseError(
    `The answer for ${call.subject} exceeded ${MAX_BODY_BYTES} bytes and was discarded; check META_GRAPH_BASE_URL points at Graph.`,
    { status: response.status, usage },
  );
}

// Following a redirect would send the token to wherever it points, and retrying gets it again.
function redirectError(
  call: GraphCall<unknown>,
  response: GraphHttpResponse,
  usage: GraphUsage | null,
): MetaResponseError {
  return new MetaResponseError(
    `Graph answered HTTP ${response.status} (a redirect) for ${call.subject}; the client never follows redirects, which would carry the token elsewhere. The base URL redirects: set META_GRAPH_BASE_URL (baseUrl) to the address it redirects to.`,
    { status: response.status, usage },
  );
}

function isGraphErrorBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  return typeof body.error === 'object' && body.error !== null;
}

function headerOf(response: GraphHttpResponse, name: string): string | null {
  const value = response.headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

function appTokenOf(settings: ClientSettings): string | null {
  return settings.appId && settings.appSecret ? `${settings.appId}|${settings.appSecret}` : null;
}

function credentialOf(token: string, proof: string | null): Credential {
  return {
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'user-agent': USER_AGENT,
    },
    proofParam: proof ? `appsecret_proof=${proof}` : '',
  };
}
