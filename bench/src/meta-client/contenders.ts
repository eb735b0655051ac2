import { MetaAdsClient } from '@ctwa/meta-ads-client';
import sdk from 'facebook-nodejs-business-sdk';
import { Agent, request } from 'undici';

export const AD_ID = '120214583920175512';
const TOKEN = 'EAAbenchTOKEN0123456789abcdef';
const FIELDS = 'id,name,effective_status,campaign{id,name},adset{id,name}';

/** One way of reading the ad: `read` resolves with the ad's campaign name, `close` frees sockets. */
export interface Contender {
  name: string;
  read(): Promise<unknown>;
  close(): Promise<void>;
}

export function rawUndici(baseUrl: string, connections: number): Contender {
  const agent = new Agent({ connections });
  const url = `${baseUrl}/v26.0/${AD_ID}?fields=${encodeURIComponent(FIELDS)}`;
  const headers = { authorization: `Bearer ${TOKEN}` };
  return {
    name: 'raw undici (request + JSON.parse)',
    async read() {
      const response = await request(url, { dispatcher: agent, headers });
      const body = (await response.body.json()) as { campaign?: { name?: string } };
      return body.campaign?.name;
    },
    close: () => agent.close(),
  };
}

/**
 * The leanest undici read: the dispatcher's handler API with the body gathered in one buffer and
 * JSON.parse, as our client does it, but with no timeout, no checks and no usage headers.
 */
export function rawUndiciDispatch(baseUrl: string, connections: number): Contender {
  const agent = new Agent({ connections });
  const path = `/v26.0/${AD_ID}?fields=${encodeURIComponent(FIELDS)}`;
  const headers = { authorization: `Bearer ${TOKEN}` };
  const read = () =>
    new Promise<unknown>((resolve, reject) => {
      const chunks: Buffer[] = [];
      agent.dispatch(
        { origin: baseUrl, path, method: 'GET', headers },
        {
          // undici recognises the handler API by these two; they have nothing to do here.
          onRequestStart: () => {},
          onResponseStart: () => {},
          onResponseData: (_controller, chunk) => {
            chunks.push(chunk);
          },
          onResponseEnd: () => {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              campaign?: { name?: string };
            };
            resolve(body.campaign?.name);
          },
          onResponseError: (_controller, error) => reject(error),
        },
      );
    });
  return { name: 'raw undici (dispatch + buffer + JSON.parse)', read, close: () => agent.close() };
}

export function ourClient(baseUrl: string, connections: number, appSecret?: string): Contender {
  const options = { accessToken: TOKEN, baseUrl, maxConnections: connections };
  const client = new MetaAdsClient(appSecret === undefined ? options : { ...options, appSecret });
  return {
    name:
      appSecret === undefined ? '@ctwa/meta-ads-client' : '@ctwa/meta-ads-client + appsecret_proof',
    read: async () => (await client.getAdDetails(AD_ID)).campaignName,
    close: () => client.close(),
  };
}

export function facebookSdk(baseUrl: string): Contender {
  // The SDK hard-codes https://graph.facebook.com in a static getter; pointing that getter at the
  // loopback server keeps every request on this machine. crash_log=false keeps its process-wide
  // crash reporter (an uncaughtException hook that posts to Meta) switched off.
  Object.defineProperty(sdk.FacebookAdsApi, 'GRAPH', { get: () => baseUrl, configurable: true });
  const api = sdk.FacebookAdsApi.init(TOKEN, 'en_US', false);
  const fields = ['id', 'name', 'effective_status', 'campaign{id,name}', 'adset{id,name}'];
  return {
    name: 'facebook-nodejs-business-sdk 24',
    async read() {
      const ad = await new sdk.Ad(AD_ID, {}, undefined, api).get(fields);
      return (ad._data.campaign as { name?: string } | undefined)?.name;
    },
    close: async () => {},
  };
}
