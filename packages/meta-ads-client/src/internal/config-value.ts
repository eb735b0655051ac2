const SHOWN_LENGTH = 80;

/**
 * Describes a rejected configuration value for an error message, the one way both the
 * constructor and `fromEnv` do it: a value holding a known secret (plain or percent-encoded) is
 * not shown at all, and a shown value loses any URL query, fragment and credentials.
 */
export function createValueDescriber(secrets: readonly unknown[]): (value: unknown) => string {
  const forms = secrets
    .filter((secret): secret is string => typeof secret === 'string' && secret.trim().length >= 4)
    .flatMap((secret) => [secret.trim(), encodeURIComponent(secret.trim())]);
  return (value) => {
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      return 'it is not set';
    }
    if (typeof value !== 'string') {
      return typeof value === 'number' || typeof value === 'boolean'
        ? `got ${String(value)}`
        : `got a value of type ${value === null ? 'null' : typeof value}`;
    }
    if (forms.some((form) => value.includes(form)) || looksLikeCredential(value)) {
      return 'the value given is not usable';
    }
    return `got "${withoutUrlSecrets(value).slice(0, SHOWN_LENGTH)}"`;
  };
}

// A secret the client was not given (an app secret pasted as the app id, with no appSecret set)
// cannot be matched, so a long single word mixing letters and digits is not echoed either.
function looksLikeCredential(text: string): boolean {
  return /^[^\s/:.]{16,}$/.test(text) && /[a-z]/i.test(text) && /\d/.test(text);
}

// Whatever follows `?` or `#` may be a token, and `user:password@` is a credential by definition.
function withoutUrlSecrets(text: string): string {
  const beforeQuery = text.split(/[?#]/, 1)[0] ?? '';
  const cut = beforeQuery.length < text.length ? `${beforeQuery}?[query removed]` : beforeQuery;
  return cut.replace(/\/\/[^/@\s]*@/, '//[credentials removed]@');
}
