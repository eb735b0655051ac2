import { Agent, type Dispatcher } from 'undici';
import {
  MetaApiError,
  MetaClientClosedError,
  MetaInvalidRequestError,
  MetaNotFoundError,
} from './errors.js';
import { readMetaEnv } from './from-env.js';
import { type AdOutcome, readAdsInChunks } from './internal/ads-batch.js';
import { GraphRequester } from './internal/graph-requester.js';
import {
  AD_FIELDS,
  parseAdWithId,
  parseDebugToken,
  parseIdsEnvelope,
  parseMe,
} from './internal/schemas.js';
import { type ClientSettings, resolveSettings } from './internal/settings.js';
import type { CallOptions, MetaAdsClientOptions } from './options.js';
import type { AdDetails, GraphMe, TokenDebugInfo } from './types.js';
import type { GraphUsage } from './usage-headers.js';
import { apiVersionStatus } from './versions.js';

const ENCODED_AD_FIELDS = encodeURIComponent(AD_FIELDS);
const AD_ID_PATTERN = /^\d{1,32}$/;

/**
 * Reads ad details from the Meta Graph (Marketing) API with typed errors, retries, a throttle
 * gate, usage reporting and a keep-alive pool. The token travels only in the Authorization header.
 *
 * @example
 * const client = MetaAdsClient.fromEnv();
 * const ad = await client.getAdDetails('120214583920175512');
 * console.log(ad.campaignName);
 * await client.close();
 */
export class MetaAdsClient {
  readonly apiVersion: string;
  readonly #settings: ClientSettings;
  readonly #requester: GraphRequester;
  readonly #ownedAgent: Agent | null;
  #closing: Promise<void> | null = null;

  constructor(options: MetaAdsClientOptions) {
    this.#settings = resolveSettings(options);
    this.apiVersion = this.#settings.apiVersion;
    let dispatcher: Dispatcher;
    if (options.dispatcher) {
      dispatcher = options.dispatcher;
      this.#ownedAgent = null;
    } else {
      const agent = createAgent(this.#settings);
      dispatcher = agent;
      this.#ownedAgent = agent;
    }
    this.#requester = new GraphRequester(this.#settings, dispatcher);
    this.#warnAboutVersion();
  }

  /**
   * Builds a client from environment variables: META_ADS_TOKEN (required), META_APP_SECRET,
   * META_APP_ID, META_GRAPH_API_VERSION, META_GRAPH_BASE_URL, META_API_TIMEOUT (seconds).
   * Throws MetaConfigError naming the variable when one is missing or malformed.
   */
  static fromEnv(
    env: Readonly<Record<string, string | undefined>> = process.env,
    overrides: Partial<MetaAdsClientOptions> = {},
  ): MetaAdsClient {
    return new MetaAdsClient({ ...readMetaEnv(env), ...overrides });
  }

  /** Usage headers of the most recent Graph response that carried any; `null` before that. */
  get lastUsage(): GraphUsage | null {
    return this.#requester.lastUsage;
  }

  /** Milliseconds until the throttle gate lets calls through again; 0 when it is open. */
  get throttledForMs(): number {
    return this.#requester.gate.remainingMs(this.#settings.clock());
  }

  /**
   * Reads one ad with its campaign and adset names. Rejects with a MetaApiError subclass:
   * MetaNotFoundError for an unknown or invisible ad, MetaAuthError for a dead token, and so on.
   */
  async getAdDetails(adId: string, options: CallOptions = {}): Promise<AdDetails> {
    this.#assertOpen(`ad ${String(adId).slice(0, 40)}`);
    assertAdId(adId);
    const { data } = await this.#requester.get(
      {
        path: `/${adId}`,
        query: `fields=${ENCODED_AD_FIELDS}`,
        subject: `ad ${adId}`,
        auth: 'user',
        parse: (body, subject, status) => parseAdWithId(adId, body, subject, status),
      },
      options,
    );
    return data;
  }

  /**
   * Reads many ads with `?ids=` requests of up to 50 ids, and never rejects for Graph errors:
   * each requested id maps to its AdDetails or to the MetaApiError that concerns it. `deadlineMs`
   * bounds the whole call: ids not read in time map to MetaTimeoutError.
   */
  async getAdsDetails(
    adIds: readonly string[],
    options: CallOptions = {},
  ): Promise<Map<string, AdDetails | MetaApiError>> {
    this.#assertOpen('ads');
    assertIdList(adIds);
    const unique = [...new Set(adIds)];
    const valid = unique.filter(isAdId);
    // One budget for the whole call: a chunk that starts after it, fallback included, times out.
    const deadline = this.#requester.deadlineOf(options);
    const read = await readAdsInChunks(
      valid,
      (chunk) => this.#readChunk(chunk, options, deadline),
      this.#settings.batchConcurrency,
    );

    // Answers come back in completion order; the map follows the caller's order instead.
    const results = new Map<string, AdOutcome>();
    for (const adId of unique) {
      results.set(adId, read.get(adId) ?? invalidAdIdError(adId));
    }
    return results;
  }

  /** Cheap liveness call (`GET /me`): proves the token works and returns current usage. */
  async getMe(options: CallOptions = {}): Promise<GraphMe> {
    this.#assertOpen('the token owner (me)');
    const { data, usage } = await this.#requester.get(
      {
        path: '/me',
        query: 'fields=id%2Cname',
        subject: 'the token owner (me)',
        auth: 'user',
        parse: parseMe,
      },
      options,
    );
    return { ...data, usage: usage() };
  }

  /**
   * Asks `debug_token` about the configured token: validity, type, expiry, scopes. Needs appId and
   * appSecret, because Graph only answers it for the app token `{appId}|{appSecret}`.
   */
  async debugToken(options: CallOptions = {}): Promise<TokenDebugInfo> {
    this.#assertOpen('the access token (debug_token)');
    const inputToken = encodeURIComponent(this.#settings.accessToken);
    const { data } = await this.#requester.get(
      {
        path: '/debug_token',
        query: `input_token=${inputToken}`,
        subject: 'the access token (debug_token)',
        auth: 'app',
        parse: parseDebugToken,
      },
      options,
    );
    return data;
  }

  /**
   * Closes the client's own connection pool, letting calls in flight finish; an injected
   * dispatcher is left open. Later calls reject with MetaClientClosedError. Calling it again is
   * harmless and resolves when the first close does.
   */
  close(): Promise<void> {
    this.#closing ??= this.#ownedAgent
      ? this.#ownedAgent.close().then(() => {})
      : Promise.resolve();
    return this.#closing;
  }

  #assertOpen(subject: string): void {
    if (this.#closing === null) return;
    throw new MetaClientClosedError(
      `Not sent: this MetaAdsClient was closed, so ${subject} was not read. Create a new client after close().`,
    );
  }

  async #readChunk(
    adIds: readonly string[],
    options: CallOptions,
    deadline: number,
  ): Promise<Map<string, AdOutcome>> {
    const subject = adIds.length === 1 ? `ad ${adIds[0]}` : `${adIds.length} ads`;
    const { data } = await this.#requester.get(
      {
        path: '/',
        query: `ids=${adIds.join(',')}&fields=${ENCODED_AD_FIELDS}`,
        subject,
        auth: 'user',
        parse: parseIdsEnvelope,
      },
      options,
      deadline,
    );
    const outcomes = new Map<string, AdOutcome>();
    for (const adId of adIds) outcomes.set(adId, outcomeOf(adId, data[adId]));
    return outcomes;
  }

  #warnAboutVersion(): void {
    const logger = this.#settings.logger;
    if (!logger) return;
    const status = apiVersionStatus(this.apiVersion, new Date(this.#settings.clock()));
    if (status.status !== 'expired' && status.status !== 'expiring_soon') return;
    logger.warn(
      {
        apiVersion: this.apiVersion,
        status: status.status,
        expiresAt: status.expiresAt?.toISOString() ?? null,
      },
      `Graph API version ${this.apiVersion} is ${status.status === 'expired' ? 'retired' : 'about to be retired'} for ad reads; set META_GRAPH_API_VERSION to a current version.`,
    );
  }
}

function createAgent(settings: ClientSettings): Agent {
  return new Agent({
    connections: settings.maxConnections,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    connect: { timeout: settings.timeoutMs },
  });
}

function outcomeOf(adId: string, entry: unknown): AdOutcome {
  if (entry === undefined) {
    return new MetaNotFoundError(
      `Graph's ?ids= answer left out ad ${adId}: it was not found or this token cannot see it. Check the id and that the token's business owns the ad account.`,
      { status: 200 },
    );
  }
  try {
    return parseAdWithId(adId, entry, `ad ${adId}`, 200);
  } catch (error) {
    if (error instanceof MetaApiError) return error;
    throw error;
  }
}

function isAdId(adId: unknown): adId is string {
  return typeof adId === 'string' && AD_ID_PATTERN.test(adId);
}

function assertAdId(adId: unknown): asserts adId is string {
  if (!isAdId(adId)) throw invalidAdIdError(adId);
}

// A lone string is iterable too, and would be read as one id per distinct digit.
function assertIdList(adIds: unknown): asserts adIds is readonly string[] {
  if (Array.isArray(adIds)) return;
  const given = typeof adIds === 'string' ? 'a string' : typeof adIds;
  throw new MetaInvalidRequestError(
    `getAdsDetails expects an array of ad ids; got ${given}. Wrap a single id in an array: getAdsDetails([adId]).`,
  );
}

function invalidAdIdError(adId: unknown): MetaInvalidRequestError {
  const shown = typeof adId === 'string' ? `"${adId.slice(0, 40)}"` : typeof adId;
  return new MetaInvalidRequestError(
    `Ad id ${shown} is not a Graph id: pass the ad id as a string of digits (never a Number, which loses digits past 2^53).`,
  );
}
