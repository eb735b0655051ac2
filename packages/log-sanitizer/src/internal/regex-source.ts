/**
 * Rewrites a regex source so that every capturing group, named or not, becomes non-capturing.
 * A combined scan regex only has to find where something matches; captures there cost time on
 * every line, so they are read afterwards, on the rare match, from the pattern's own regex.
 */
export function withoutCaptures(source: string): string {
  let result = '';
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source.charAt(index);
    if (char === '\\') {
      result += source.slice(index, index + 2);
      index += 1;
      continue;
    }
    if (inClass || char === '[') {
      inClass = char === '[' || (inClass && char !== ']');
      result += char;
      continue;
    }
    if (char !== '(') {
      result += char;
      continue;
    }
    const named = /^\(\?<([A-Za-z_$][\w$]*)>/.exec(source.slice(index));
    if (named !== null) {
      result += '(?:';
      index += named[0].length - 1;
    } else {
      result += source.charAt(index + 1) === '?' ? '(' : '(?:';
    }
  }
  return result;
}
