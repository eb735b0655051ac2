const REDACTED = '[redacted]';
// A URL's query can carry access_token or appsecret_proof (Graph's paging links do); keep the path.
const URL_QUERY = /(https?:\/\/[^\s?#"']+)\?[^\s#"']*/g;

/** Removes the given secrets, and every URL query, from text that may reach an error or a log. */
export function createRedactor(secrets: readonly (string | null)[]): (text: string) => string {
  const present = secrets.filter(
    (secret): secret is string => secret !== null && secret.length >= 4,
  );
  return (text) => {
    let result = text;
    for (const secret of present) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    return result.replace(URL_QUERY, '$1?[query removed]');
  };
}
