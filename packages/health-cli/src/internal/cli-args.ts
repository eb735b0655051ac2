import { parseArgs } from 'node:util';
import { z } from 'zod';

/** A bad command line; the CLI prints the message and exits 2 (3 in Nagios format). */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export type OutputFormat = 'human' | 'json' | 'nagios';

export interface CliArgs {
  format: OutputFormat;
  strict: boolean;
  help: boolean;
  noColor: boolean;
  timeoutMs: number | null;
}

// The same ceiling as META_API_TIMEOUT, so a budget the environment accepts is accepted here too.
const MAX_TIMEOUT_SECONDS = 600;

const outputFormat = z.enum(['human', 'json', 'nagios']);

const timeoutSeconds = z.coerce
  .number()
  .refine((seconds) => Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS);

/** Parses `meta-health` arguments; throws CliUsageError naming the bad option or value. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values } = parseOrExplain(argv);
  return {
    format: formatOf(values.json === true, values.format),
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
        format: { type: 'string' },
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

function formatOf(json: boolean, raw: string | undefined): OutputFormat {
  if (raw === undefined) return json ? 'json' : 'human';
  const parsed = outputFormat.safeParse(raw);
  if (!parsed.success) {
    throw new CliUsageError(`--format expects human, json or nagios, got '${raw}'`);
  }
  if (json && parsed.data !== 'json') {
    throw new CliUsageError(`--json and --format ${parsed.data} ask for different outputs`);
  }
  return parsed.data;
}

/**
 * Whether the command line asks for Nagios output, read even when it fails to parse, so that a
 * usage error can still be reported in the plugin's terms (UNKNOWN, exit 3).
 */
export function asksForNagios(argv: readonly string[]): boolean {
  return argv.some(
    (arg, index) =>
      arg === '--format=nagios' || (arg === '--format' && argv[index + 1] === 'nagios'),
  );
}

function parseTimeoutMs(raw: string): number {
  const parsed = timeoutSeconds.safeParse(raw.trim() === '' ? Number.NaN : raw);
  if (!parsed.success) {
    throw new CliUsageError(
      `--timeout expects a number of seconds greater than 0 and at most ${MAX_TIMEOUT_SECONDS}, such as 5 or 2.5; got '${raw}'`,
    );
  }
  return Math.round(parsed.data * 1000);
}
