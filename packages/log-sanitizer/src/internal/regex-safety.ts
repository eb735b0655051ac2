/**
 * Static checks that keep a user pattern linear-time in a backtracking engine: no backreferences
 * and no repetition of a group that itself repeats (`(a+)+`, `(?:\w*x)*`).
 */
export function findLinearTimeViolation(source: string): string | null {
  if (/\\[1-9]|\\k</.test(source)) return 'uses a backreference';
  return hasNestedRepetition(source) ? 'repeats a group that itself repeats' : null;
}

/** A quantifier at `index` that allows more than one repetition: `*`, `+`, `{n,}`, `{n,m>1}`. */
function repeatsAt(source: string, index: number): boolean {
  const char = source.charAt(index);
  if (char === '*' || char === '+') return true;
  if (char !== '{') return false;

  const bounds = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(index));
  if (bounds === null) return false;
  if (bounds[2] === undefined) return Number(bounds[1]) > 1;
  return bounds[3] === '' || Number(bounds[3]) > 1;
}

function hasNestedRepetition(source: string): boolean {
  const groupRepeats: boolean[] = [];
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source.charAt(index);
    if (char === '\\') {
      index += 1;
      if (!inClass && repeatsAt(source, index + 1)) markRepeat(groupRepeats);
      continue;
    }
    if (inClass) {
      inClass = char !== ']';
      if (!inClass && repeatsAt(source, index + 1)) markRepeat(groupRepeats);
      continue;
    }
    if (char === '[') {
      inClass = true;
      continue;
    }
    if (char === '(') {
      groupRepeats.push(false);
      continue;
    }
    if (char === ')') {
      const innerRepeats = groupRepeats.pop() ?? false;
      const groupRepeated = repeatsAt(source, index + 1);
      if (innerRepeats && groupRepeated) return true;
      if (innerRepeats || groupRepeated) markRepeat(groupRepeats);
      continue;
    }
    if (repeatsAt(source, index + 1)) markRepeat(groupRepeats);
  }
  return false;
}

function markRepeat(groupRepeats: boolean[]): void {
  if (groupRepeats.length > 0) groupRepeats[groupRepeats.length - 1] = true;
}
