/** Where CLI text goes: process.stdout and process.stderr fit, and so does a test buffer. */
export interface CliOutput {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

type Env = Record<string, string | undefined>;

/**
 * Colour only on a terminal, never when NO_COLOR is set to a non-empty value (no-color.org),
 * --no-color is passed or TERM is dumb; FORCE_COLOR turns it on elsewhere.
 */
export function shouldUseColor(output: CliOutput, env: Env, noColorFlag: boolean): boolean {
  if (noColorFlag || (env.NO_COLOR ?? '') !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (env.TERM === 'dumb') return false;
  return output.isTTY === true;
}

/** Marks such as ✓ only on a terminal whose locale says UTF-8; plain ASCII otherwise. */
export function shouldUseUnicode(output: CliOutput, env: Env): boolean {
  if (output.isTTY !== true || env.TERM === 'dumb') return false;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}
