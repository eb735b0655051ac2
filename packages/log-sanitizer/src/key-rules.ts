import type { KeyRule } from './types.js';

function secretSuffix(name: string): KeyRule {
  return { name, match: 'suffix', kind: 'secret' };
}

function secretExact(name: string): KeyRule {
  return { name, match: 'exact', kind: 'secret' };
}

function phone(name: string, match: KeyRule['match']): KeyRule {
  return { name, match, kind: 'phone' };
}

/**
 * The built-in key rules. Values under a secret key are replaced whole, at any depth, in objects,
 * Maps and class instances, and after the key in text (`access_token=...`, `"password": "..."`).
 * Phone rules mask phone-looking values only when `pii: true`. `max_tokens`, `token_type`,
 * `tokenize` and `cache_key` match none of them.
 */
export const defaultKeyRules: readonly KeyRule[] = [
  secretSuffix('token'),
  secretSuffix('secret'),
  secretSuffix('password'),
  secretSuffix('passwd'),
  secretSuffix('passphrase'),
  secretSuffix('api_key'),
  secretSuffix('private_key'),
  secretSuffix('secret_key'),
  secretSuffix('fernet_key'),
  secretSuffix('access_key'),
  secretSuffix('signing_key'),
  secretSuffix('encryption_key'),
  secretSuffix('master_key'),
  secretSuffix('auth_key'),
  secretSuffix('session_key'),
  secretSuffix('secret_proof'),
  secretSuffix('credentials'),
  secretSuffix('authorization'),
  secretSuffix('cookie'),
  secretExact('pwd'),
  secretExact('auth'),
  secretExact('credential'),
  phone('phone', 'suffix'),
  phone('phone_number', 'suffix'),
  phone('wa_id', 'suffix'),
  phone('msisdn', 'suffix'),
  phone('mobile', 'suffix'),
  phone('from', 'exact'),
  phone('to', 'exact'),
  phone('recipient_id', 'exact'),
];

/**
 * Keys that end like a secret but hold pagination cursors; their values are still scanned by the
 * text patterns.
 */
export const defaultAllowedKeys: readonly string[] = [
  'next_page_token',
  'prev_page_token',
  'previous_page_token',
  'page_token',
  'pagination_token',
];
