import { parseArgs } from 'node:util';
import { z } from 'zod';

/** A bad command line; the CLI prints the message and exits 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export interface CliArgs {
  json: boolean;
  strict: boolean;
  help: boolean;
  noColor: boolean;
  timeoutMs: number | null;
}

const MAX_TIMEOUT_SECONDS = 300;

const timeoutSeconds = z.coerce
  .number()
  .refine((seconds) => Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS);

/** Parses `meta-health` arguments; throws CliUsageError naming the bad option or value. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values } = parseOrExplain(argv);
  return {
    json: values.json === true,
    strict: values.strict === true,
    help: values.help === true,
    noColor: values['no-color'] === true,
    timeoutMs: values.timeout === undefined ? null : parseTimeoutMs(values.timeout),
  };
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean' },
        strict: { type: 'boolean' },
        timeout: { type: 'string' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliUsageError(reason);
  }
}

function parseTimeoutMs(raw: string): number {
  const parsed = timeoutSeconds.safeParse(raw.trim() === '' ? Number.NaN : raw);
  if (!parsed.success) {
    throw new CliUsageError(
      `--timeout expects seconds between 0 and ${MAX_TIMEOUT_SECONDS} (decimals allowed), got '${raw}'`,
    );
  }
  return Math.round(parsed.data * 1000);
}
