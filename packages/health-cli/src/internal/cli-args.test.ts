import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('defaults every flag off and leaves the timeout to the checks', () => {
    expect(parseCliArgs([])).toEqual({
      json: false,
      strict: false,
      help: false,
      noColor: false,
      timeoutMs: null,
    });
  });

  it('reads every option', () => {
    expect(parseCliArgs(['--json', '--strict', '--no-color', '--timeout', '2.5', '-h'])).toEqual({
      json: true,
      strict: true,
      help: true,
      noColor: true,
      timeoutMs: 2500,
    });
  });

  it('accepts --timeout=<s>', () => {
    expect(parseCliArgs(['--timeout=10']).timeoutMs).toBe(10_000);
  });

  it.each(['abc', '0', '-1', '', '5s', '301', 'Infinity'])('rejects --timeout %j', (value) => {
    expect(() => parseCliArgs([`--timeout=${value}`])).toThrow(
      new CliUsageError(
        `--timeout expects seconds between 0 and 300 (decimals allowed), got '${value}'`,
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
});
