import { describe, expect, it } from 'vitest';
import { asksForNagios, CliUsageError, parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('defaults every flag off and leaves the timeout to the checks', () => {
    expect(parseCliArgs([])).toEqual({
      format: 'human',
      strict: false,
      help: false,
      noColor: false,
      timeoutMs: null,
    });
  });

  it('reads every option', () => {
    expect(parseCliArgs(['--json', '--strict', '--no-color', '--timeout', '2.5', '-h'])).toEqual({
      format: 'json',
      strict: true,
      help: true,
      noColor: true,
      timeoutMs: 2500,
    });
  });

  it('accepts --timeout=<s>', () => {
    expect(parseCliArgs(['--timeout=10']).timeoutMs).toBe(10_000);
  });

  it('accepts --timeout up to 600 seconds, the ceiling META_API_TIMEOUT has', () => {
    expect(parseCliArgs(['--timeout', '301']).timeoutMs).toBe(301_000);
    expect(parseCliArgs(['--timeout', '600']).timeoutMs).toBe(600_000);
  });

  it.each(['abc', '0', '-1', '', '5s', '600.5', 'Infinity'])('rejects --timeout %j', (value) => {
    expect(() => parseCliArgs([`--timeout=${value}`])).toThrow(
      new CliUsageError(
        `--timeout expects a number of seconds greater than 0 and at most 600, such as 5 or 2.5; got '${value}'`,
      ),
    );
  });

  it('rejects an unknown option, naming it', () => {
    expect(() => parseCliArgs(['--jsn'])).toThrow(/'--jsn'/);
  });

  it('rejects positional arguments', () => {
    expect(() => parseCliArgs(['status'])).toThrow(CliUsageError);
  });

  it('rejects --timeout without a value', () => {
    expect(() => parseCliArgs(['--timeout'])).toThrow(CliUsageError);
  });

  it('reads --format, and --json as --format json', () => {
    expect(parseCliArgs(['--format', 'nagios']).format).toBe('nagios');
    expect(parseCliArgs(['--format=json', '--json']).format).toBe('json');
  });

  it('rejects an unknown format and a --json that contradicts --format', () => {
    expect(() => parseCliArgs(['--format', 'xml'])).toThrow(
      new CliUsageError("--format expects human, json or nagios, got 'xml'"),
    );
    expect(() => parseCliArgs(['--json', '--format', 'nagios'])).toThrow(
      new CliUsageError('--json and --format nagios ask for different outputs'),
    );
  });
});

describe('asksForNagios', () => {
  it('spots the Nagios format in either spelling, even on a bad command line', () => {
    expect(asksForNagios(['--format', 'nagios', '--bogus'])).toBe(true);
    expect(asksForNagios(['--timeout=x', '--format=nagios'])).toBe(true);
    expect(asksForNagios(['--format', 'json'])).toBe(false);
    expect(asksForNagios(['nagios'])).toBe(false);
  });
});
