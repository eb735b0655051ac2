import type { SanitizerPattern } from './types.js';

// Every pattern starts with a literal or a rare character, so the regex engine skips most of the
// text, and its repetitions are single character classes, so each character is examined a
// bounded number of times: linear time on any input. Boundary checks that a leading lookbehind
// would express run in `accept`, only where the pattern matched.

function isAlphanumeric(char: string): boolean {
  return /^[A-Za-z0-9]$/.test(char);
}

/** True after `%3D`-style escapes: `\b` sees no boundary between `%3D` and `EAA`. */
function followsPercentEscape(text: string, offset: number): boolean {
  return offset >= 3 && /^%[0-9A-Fa-f]{2}$/.test(text.slice(offset - 3, offset));
}

/**
 * True after a JSON escape (`\n`, `\t`, `\u001b`...): in a serialized line a token that starts a
 * new line of the message follows the letter `n` of `\n`, which is no part of the token.
 */
function followsJsonEscape(text: string, offset: number): boolean {
  if (
    offset >= 2 &&
    text.charAt(offset - 2) === '\\' &&
    'nrtbf'.includes(text.charAt(offset - 1))
  ) {
    return true;
  }
  return offset >= 6 && /^\\u[0-9A-Fa-f]{4}$/.test(text.slice(offset - 6, offset));
}

/** A token starts a run: nothing alphanumeric (or in `extra`) right before it, or an escape. */
function startsRun(extra: string) {
  return (text: string, offset: number): boolean => {
    const before = text.charAt(offset - 1);
    if (before === '' || (!isAlphanumeric(before) && !extra.includes(before))) return true;
    return followsPercentEscape(text, offset) || followsJsonEscape(text, offset);
  };
}

/** App access tokens are `{app-id}|{app-secret}`: at least 13 digits up to the bar. */
function followsAppId(text: string, offset: number): boolean {
  let digits = 0;
  for (let index = offset; index >= 0 && digits < 13; index -= 1) {
    const char = text.charAt(index);
    if (char < '0' || char > '9') break;
    digits += 1;
  }
  return digits >= 13;
}

/** Keeps plain words (`Basic information`) that only look like a credential after a scheme. */
function censorUnlessWord(secret: string, censor: string): string {
  return /^[A-Z]?[a-z]+$/.test(secret) ? secret : censor;
}

/** Masks every digit but the last four: `5491155500142` -> `***0142`. */
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
 * The built-in text patterns. Remove one by name with `removePatterns`. Key-name rules
 * (`access_token=...`, `"password": "..."`, `Authorization: Bearer ...`) are separate: see
 * `defaultKeyRules`.
 */
export const defaultPatterns: readonly SanitizerPattern[] = [
  {
    name: 'meta_access_token',
    regex: /EAA[A-Za-z][A-Za-z0-9]{90,}/,
    accept: startsRun(''),
  },
  {
    name: 'meta_app_token',
    regex: /(?<pre>\d\|)(?<secret>[A-Za-z0-9_-]{16,})/,
    anchor: '|',
    accept: followsAppId,
  },
  {
    name: 'meta_app_token_encoded',
    regex: /(?<pre>\d%(?:25)?7[Cc])(?<secret>[A-Za-z0-9_-]{16,})/,
    anchor: '%',
    accept: followsAppId,
  },
  {
    name: 'jwt',
    regex: /eyJ[A-Za-z0-9_-]{6,}\.eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/,
    accept: startsRun('_-'),
  },
  {
    name: 'private_key',
    regex:
      /-----BEGIN[ A-Z0-9_]{0,64}PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s:,]|\\[nrt]){16,}(?:-----END[ A-Z0-9_]{0,64}PRIVATE KEY(?: BLOCK)?-----)?/,
  },
  {
    name: 'url_password',
    regex: /(?<pre>:\/\/[^\s:/?#@"'\\]{0,128}:)(?<secret>[^\s/?#@"'\\]{1,256})(?=@)/,
  },
  // The schemes are case-insensitive (RFC 9110); they are spelled out letter by letter so that
  // these patterns join the one case-sensitive scan instead of costing a second pass.
  // The credential is the whole RFC 6750 b64token, in any case and of any length, except what
  // reads as prose: a plain word of up to seven letters (`the bearer of bad news`, `Bearer
  // tokens.`) or a run with no letter or digit. Both lookaheads stop at the first character that
  // decides them, so a text full of `bearer` words costs a few steps per word.
  {
    name: 'bearer_token',
    regex:
      /\b(?<pre>[Bb][Ee][Aa][Rr][Ee][Rr](?:[ \t]{1,4}|%20))(?<secret>(?![A-Za-z]{1,7}\.?(?![A-Za-z0-9\-._~+/=]))(?=[-._~+/=]{0,64}[A-Za-z0-9])[A-Za-z0-9\-._~+/]+=*)/,
  },
  {
    name: 'basic_credentials',
    regex:
      /\b(?<pre>[Bb][Aa][Ss][Ii][Cc](?:[ \t]{1,4}|%20))(?<secret>[A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/,
    replace: censorUnlessWord,
  },
  {
    name: 'phone_e164',
    kind: 'pii',
    regex: /(?<pre>\+|%2[Bb])(?<secret>[1-9](?:[ .-]?\d){6,14})(?!\d)/,
    accept: (text, offset) =>
      text.charAt(offset) === '%' ||
      !/[\w+]/.test(text.charAt(offset - 1)) ||
      followsPercentEscape(text, offset) ||
      followsJsonEscape(text, offset),
    replace: maskPhoneDigits,
  },
  // The local part starts a run, or follows a JSON escape (`\n`, `\u00e9`) that is kept as `pre`.
  {
    name: 'email',
    kind: 'pii',
    anchor: '@',
    regex:
      /(?:(?<pre>\\[nrtbf]|\\u[0-9A-Fa-f]{4})|(?<![A-Za-z0-9._%+\\-]))(?<secret>[A-Za-z0-9._%+-]{1,64})@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/,
    replace: () => '***',
  },
];

/**
 * Opt-in patterns for common vendor credentials (GitHub, Stripe, AWS key ids, Slack, Google API
 * keys, npm). They are not on by default because each extra pattern costs scan time on every
 * line: `createSanitizer({ extraPatterns: vendorPatterns })`.
 */
export const vendorPatterns: readonly SanitizerPattern[] = [
  {
    name: 'github_token',
    regex: /gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}/,
    accept: startsRun('_'),
  },
  { name: 'stripe_key', regex: /[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/, accept: startsRun('_') },
  {
    name: 'aws_access_key_id',
    regex: /(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/,
    accept: startsRun(''),
  },
  { name: 'slack_token', regex: /xox[abposr]-[A-Za-z0-9-]{10,}/, accept: startsRun('_') },
  {
    name: 'google_api_key',
    regex: /AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/,
    accept: startsRun('_'),
  },
  { name: 'npm_token', regex: /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/, accept: startsRun('_') },
];
