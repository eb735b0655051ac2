import { createHmac } from 'node:crypto';

/** Graph's `appsecret_proof`: hex HMAC-SHA256 of the exact access token, keyed by the app secret. */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}
