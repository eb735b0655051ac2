import type { SanitizerPattern } from './types.js';

// Every pattern starts where a run of its characters starts (a lookbehind or a literal), and its
// repetitions are single character classes, so each character is examined a bounded number of
// times: linear time on any input. `%XX` is accepted as a left boundary because `\b` sees no
// boundary between `%3D` and `EAA` in percent-encoded URLs.
const RUN_START = '(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f]{2}))';

/** Keeps plain words (`Basic information`) that only look like a credential after a scheme. */
function censorUnlessWord(secret: string, censor: string): string {
  return /^[A-Z]?[a-z]+$/.test(secret) ? secret : censor;
}

/** Masks every digit but the last four: `5491155500142` -> `*********0142`. */
export function maskPhoneDigits(digits: string): string {
  let seen = 0;
  let masked = '';
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    const char = digits.charAt(index);
    const isDigit = char >= '0' && char <= '9';
    if (isDigit) seen += 1;
    if (isDigit && seen > 4) continue;
    if (!isDigit && seen >= 4) continue;
    masked = char + masked;
  }
  return `***${masked}`;
}

/**
 * The built-in text patterns, in the order they are tried. Remove one by name with
 * `removePatterns`; key-name rules (`access_token=...`, `"password": "..."`) are separate, see
 * `defaultKeyRules`.
 */
export const defaultPatterns: readonly SanitizerPattern[] = [
  {
    name: 'private_key',
    regex:
      /-----BEGIN[ A-Z0-9_]{0,64}PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s:,]|\\[nrt]){16,}(?:-----END[ A-Z0-9_]{0,64}PRIVATE KEY(?: BLOCK)?-----)?/i,
  },
  {
    name: 'url_password',
    regex: /(?<pre>:\/\/[^\s:/?#@"'\\]{0,128}:)(?<secret>[^\s/?#@"'\\]{1,256})(?=@)/i,
  },
  {
    name: 'meta_access_token',
    regex: new RegExp(`${RUN_START}EAA[A-Za-z][A-Za-z0-9]{90,}`, 'i'),
  },
  {
    name: 'meta_app_token',
    regex: new RegExp(
      `${RUN_START}(?<pre>\\d{13,20}(?:\\||%7C|%257C))(?<secret>[A-Za-z0-9_-]{16,})`,
      'i',
    ),
  },
  {
    name: 'jwt',
    regex:
      /(?:(?<![A-Za-z0-9_-])|(?<=%[0-9A-Fa-f]{2}))eyJ[A-Za-z0-9_-]{6,}\.eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/i,
  },
  {
    name: 'bearer_token',
    regex: /\b(?<pre>bearer(?:[ \t]{1,4}|%20))(?<secret>[A-Za-z0-9\-._~+/]{16,}=*)/i,
  },
  {
    name: 'basic_credentials',
    regex: /\b(?<pre>basic(?:[ \t]{1,4}|%20))(?<secret>[A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/i,
    replace: censorUnlessWord,
  },
  {
    name: 'github_token',
    regex: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/i,
  },
  {
    name: 'stripe_key',
    regex: /(?<![A-Za-z0-9_])[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/i,
  },
  {
    name: 'aws_access_key_id',
    regex: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/i,
  },
  {
    name: 'slack_token',
    regex: /(?<![A-Za-z0-9_])xox[abposr]-[A-Za-z0-9-]{10,}/i,
  },
  {
    name: 'google_api_key',
    regex: /(?<![A-Za-z0-9_])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/i,
  },
  {
    name: 'npm_token',
    regex: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/i,
  },
  {
    name: 'phone_e164',
    kind: 'pii',
    regex: /(?<pre>(?<![\w+])\+|%2B)(?<secret>[1-9](?:[ .-]?\d){6,14})(?![\d])/i,
    replace: maskPhoneDigits,
  },
  {
    name: 'email',
    kind: 'pii',
    regex:
      /(?<![A-Za-z0-9._%+-])(?<secret>[A-Za-z0-9._%+-]{1,64})@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/i,
    replace: () => '***',
  },
];
