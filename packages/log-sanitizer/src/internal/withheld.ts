/**
 * Findings one text may hold before it is withheld whole. Every finding costs a few hundred
 * nanoseconds, so a line crafted to hold hundreds of thousands of them would turn logging into a
 * denial of service; past this bound the text is replaced, never let through.
 */
export const MAX_FINDINGS_PER_TEXT = 10_000;

const REASON = `withheld: more than ${MAX_FINDINGS_PER_TEXT} secrets in one text`;

/**
 * What replaces a text with too many findings. A JSON line stays a JSON line and keeps its
 * numeric `level`, which multi-target transports route by.
 */
export function withheldText(text: string, jsonLine: boolean, censor: string): string {
  const notice = `${censor} (${REASON})`;
  if (!jsonLine) return notice;

  const level = /^\{"level":(\d{1,3})[,}]/.exec(text)?.[1];
  const head = level === undefined ? '' : `"level":${level},`;
  return `{${head}"msg":"${notice}"}${text.endsWith('\n') ? '\n' : ''}`;
}
