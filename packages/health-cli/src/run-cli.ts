import { MetaAdsClient, type MetaAdsClientOptions } from '@ctwa/meta-ads-client';
import {
  checkMetaHealth,
  DEFAULT_HEALTH_THRESHOLDS,
  type MetaHealthClient,
} from './check-meta-health.js';
import type { HealthReport, HealthStatus } from './health-report.js';
import { asksForNagios, type CliArgs, CliUsageError, parseCliArgs } from './internal/cli-args.js';
import { describeFailure, isConfigError } from './internal/graph-errors.js';
import { readHealthEnv } from './internal/health-env.js';
import { HELP_TEXT } from './internal/help-text.js';
import { redactingOutput, secretValuesFrom } from './internal/redact.js';
import {
  NAGIOS_EXIT_CODES,
  NAGIOS_UNKNOWN_EXIT_CODE,
  renderNagios,
  renderNagiosUnknown,
} from './internal/render-nagios.js';
import { renderText } from './internal/render-text.js';
import { type CliOutput, shouldUseColor, shouldUseUnicode } from './internal/terminal.js';

export type { CliOutput } from './internal/terminal.js';

/** Builds the client the CLI checks with; tests swap in one answered by in-process handlers. */
export type CliClientFactory = (
  env: Record<string, string | undefined>,
  overrides: Partial<MetaAdsClientOptions>,
) => MetaHealthClient & { close(): Promise<void> };

export interface RunCliOptions {
  env: Record<string, string | undefined>;
  stdout: CliOutput;
  stderr: CliOutput;
  /** Default: MetaAdsClient.fromEnv. */
  clientFactory?: CliClientFactory;
  /** The instant to report on. Default: the current time. */
  now?: Date;
}

/** Exit codes of `meta-health`. */
export const EXIT_CODES = { healthy: 0, unhealthy: 1, usage: 2 } as const;

/**
 * Runs `meta-health` with the given arguments and streams, and resolves to its exit code
 * (0 pass or warn, 1 fail, 2 usage or configuration error; with `--format nagios`, 0 OK,
 * 1 WARNING, 2 CRITICAL, 3 UNKNOWN). The bin only wires process in.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), {
 *   env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
export async function runCli(argv: readonly string[], options: RunCliOptions): Promise<number> {
  const secrets = secretValuesFrom(options.env);
  const stdout = redactingOutput(options.stdout, secrets);
  const stderr = redactingOutput(options.stderr, secrets);
  try {
    return await runCommand(argv, options, stdout, stderr);
  } catch (error) {
    const message = `unexpected error: ${describeFailure(error)}`;
    if (asksForNagios(argv)) {
      stdout.write(renderNagiosUnknown(message));
      return NAGIOS_UNKNOWN_EXIT_CODE;
    }
    stderr.write(`meta-health: ${message}\n`);
    return EXIT_CODES.unhealthy;
  }
}

async function runCommand(
  argv: readonly string[],
  options: RunCliOptions,
  stdout: CliOutput,
  stderr: CliOutput,
): Promise<number> {
  const args = parseOrReport(argv, stdout, stderr);
  if (args === null) return asksForNagios(argv) ? NAGIOS_UNKNOWN_EXIT_CODE : EXIT_CODES.usage;
  if (args.help) {
    stdout.write(HELP_TEXT);
    return EXIT_CODES.healthy;
  }

  // Every variable is validated before the token is looked at: a malformed one is a usage error
  // (exit 2) whether or not a token is set, and the operator sees all of them at once.
  const environment = readHealthEnv(options.env);
  if (!environment.valid) return reportUsageError(environment.problems, args, stdout, stderr);

  // Without --timeout, the budget is META_API_TIMEOUT's, so raising it is never cut short.
  const timeoutMs = args.timeoutMs ?? environment.timeoutMs;
  const opened = openClient(options, environment.hasToken, timeoutMs);
  if ('configError' in opened) return reportUsageError([opened.configError], args, stdout, stderr);

  const report = await checkWith(opened.client, timeoutMs, options);
  const exitCode = exitCodeFor(report.status, args);
  stdout.write(render(report, args, exitCode, options));
  return exitCode;
}

function parseOrReport(
  argv: readonly string[],
  stdout: CliOutput,
  stderr: CliOutput,
): CliArgs | null {
  try {
    return parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    if (asksForNagios(argv)) stdout.write(renderNagiosUnknown(error.message));
    else stderr.write(`meta-health: ${error.message}\nRun meta-health --help for usage.\n`);
    return null;
  }
}

function reportUsageError(
  problems: readonly string[],
  args: CliArgs,
  stdout: CliOutput,
  stderr: CliOutput,
): number {
  // A Nagios plugin reports everything on one line of stdout, and a broken setup as UNKNOWN.
  if (args.format === 'nagios') {
    stdout.write(renderNagiosUnknown(problems.join(' ')));
    return NAGIOS_UNKNOWN_EXIT_CODE;
  }
  const lines = problems.map((problem) => `meta-health: ${problem}\n`).join('');
  stderr.write(`${lines}Run meta-health --help for usage.\n`);
  return EXIT_CODES.usage;
}

type OpenedClient =
  | { client: (MetaHealthClient & { close(): Promise<void> }) | null }
  | { configError: string };

function openClient(
  options: RunCliOptions,
  hasToken: boolean,
  timeoutMs: number | null,
): OpenedClient {
  // A missing token is a failing check with a hint, not a usage error: the integration is down.
  if (!hasToken) return { client: null };

  const factory: CliClientFactory =
    options.clientFactory ?? ((env, overrides) => MetaAdsClient.fromEnv(env, overrides));
  try {
    return { client: factory(options.env, clientOverrides(timeoutMs)) };
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return { configError: describeFailure(error) };
  }
}

// The check's own deadline fires first, so a timeout names the budget the operator set.
const CLIENT_TIMEOUT_GRACE_MS = 250;

function clientOverrides(timeoutMs: number | null): Partial<MetaAdsClientOptions> {
  // A health check reports what one call sees; retries would hide flapping and blow the budget.
  // The client's own timer must not cut the budget short.
  if (timeoutMs === null) return { maxRetries: 0 };
  return { maxRetries: 0, timeoutMs: timeoutMs + CLIENT_TIMEOUT_GRACE_MS };
}

async function checkWith(
  client: (MetaHealthClient & { close(): Promise<void> }) | null,
  timeoutMs: number | null,
  options: RunCliOptions,
): Promise<HealthReport> {
  try {
    // Without a client, the version check reads META_GRAPH_API_VERSION from this environment.
    return await checkMetaHealth({
      client,
      env: options.env,
      ...(timeoutMs === null ? {} : { timeoutMs }),
      ...(options.now === undefined ? {} : { now: options.now }),
    });
  } finally {
    await client?.close();
  }
}

function exitCodeFor(status: HealthStatus, args: CliArgs): number {
  if (args.format === 'nagios') return NAGIOS_EXIT_CODES[status];
  if (status === 'fail' || (args.strict && status === 'warn')) return EXIT_CODES.unhealthy;
  return EXIT_CODES.healthy;
}

function render(
  report: HealthReport,
  args: CliArgs,
  exitCode: number,
  options: RunCliOptions,
): string {
  if (args.format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (args.format === 'nagios') return renderNagios(report, DEFAULT_HEALTH_THRESHOLDS);
  return renderText(report, {
    color: shouldUseColor(options.stdout, options.env, args.noColor),
    unicode: shouldUseUnicode(options.stdout, options.env),
    strict: args.strict,
    exitCode,
  });
}
