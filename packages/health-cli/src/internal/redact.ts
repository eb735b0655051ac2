import type { CliOutput } from './terminal.js';

const SECRET_VARIABLES = ['META_ADS_TOKEN', 'META_APP_SECRET'] as const;
const REDACTED = '[redacted]';

/** The configured secret values, as they could appear in text: raw and percent-encoded. */
export function secretValuesFrom(env: Record<string, string | undefined>): string[] {
  const secrets = new Set<string>();
  for (const name of SECRET_VARIABLES) {
    const value = env[name]?.trim();
    // Very short values would redact ordinary words; they are not credentials anyway.
    if (value === undefined || value.length < 8) continue;
    secrets.add(value);
    secrets.add(encodeURIComponent(value));
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/**
 * Wraps an output so no configured secret ever leaves the process, whatever a message from a
 * dependency contains: a last line of defence, not the only one.
 */
export function redactingOutput(output: CliOutput, secrets: readonly string[]): CliOutput {
  const redacting: CliOutput = {
    write: (chunk: string) => output.write(redactSecrets(chunk, secrets)),
  };
  if (output.isTTY !== undefined) redacting.isTTY = output.isTTY;
  return redacting;
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) redacted = redacted.replaceAll(secret, REDACTED);
  return redacted;
}
