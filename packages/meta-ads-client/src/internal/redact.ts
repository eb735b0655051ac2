const REDACTED = '[redacted]';
// A URL's query can carry access_token or appsecret_proof (Graph's paging links do); keep the path.
const URL_QUERY = /(https?:\/\/[^\s?#"']+)\?[^\s#"']*/g;

/**
 * Removes the given secrets, and every URL query, from text that may reach an error or a log.
 * Each secret is matched as given and percent-encoded (as it appears in a URL), ignoring case,
 * since a hex proof or an escape sequence may come back in either case.
 */
export function createRedactor(secrets: readonly (string | null)[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === null || secret.length < 4) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret inside a longer one (the app secret in the app token) never
  // leaves the rest of the longer one behind.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const secretPattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'gi') : null;
  return (text) => {
    const result = secretPattern ? text.replace(secretPattern, REDACTED) : text;
    return result.replace(URL_QUERY, '$1?[query removed]');
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
