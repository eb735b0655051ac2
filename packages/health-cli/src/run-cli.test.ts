import { MetaAdsClient } from '@ctwa/meta-ads-client';
import { createGraphDispatcher } from '@ctwa/meta-ads-client/testing';
import { describe, expect, it } from 'vitest';
import {
  FAKE_GRAPH_BASE_URL,
  type FakeGraphAnswers,
  fakeGraphHandlers,
  loadGraphFixture,
  meNearLimit,
  TEST_APP_ID,
  TEST_APP_SECRET,
  TEST_TOKEN,
} from '../test/fake-graph.js';
import type { HealthReport } from './health-report.js';
import { type CliClientFactory, runCli } from './run-cli.js';

const NOW = new Date('2026-12-04T15:00:00.000Z');

const ENV = {
  META_ADS_TOKEN: TEST_TOKEN,
  META_APP_ID: TEST_APP_ID,
  META_APP_SECRET: TEST_APP_SECRET,
  META_GRAPH_BASE_URL: FAKE_GRAPH_BASE_URL,
};

function capture(isTTY = false) {
  const chunks: string[] = [];
  return { isTTY, write: (chunk: string) => chunks.push(chunk), text: () => chunks.join('') };
}

function inProcessGraph(answers: FakeGraphAnswers = {}): CliClientFactory {
  const { handlers } = fakeGraphHandlers(answers);
  return (env, overrides) =>
    MetaAdsClient.fromEnv(env, { ...overrides, dispatcher: createGraphDispatcher(handlers) });
}

async function run(
  argv: string[],
  options: {
    answers?: FakeGraphAnswers;
    env?: Record<string, string | undefined>;
    tty?: boolean;
  } = {},
) {
  const stdout = capture(options.tty);
  const stderr = capture(options.tty);
  const exitCode = await runCli(argv, {
    env: options.env ?? ENV,
    stdout,
    stderr,
    clientFactory: inProcessGraph(options.answers),
    now: NOW,
  });
  return { exitCode, stdout: stdout.text(), stderr: stderr.text() };
}

describe('runCli', () => {
  it('exits 0 on a healthy integration and prints the human table on stdout', async () => {
    const result = await run([]);

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      '  OK   token        valid SYSTEM_USER token, never expires, ads permission granted\n',
    );
    expect(result.stdout.endsWith('0 warnings, 0 failures - exit 0\n')).toBe(true);
  });

  it('prints exactly the health document with --json, and nothing else', async () => {
    const result = await run(['--json']);

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as HealthReport;
    expect(report.status).toBe('pass');
    expect(Object.keys(report.checks)).toEqual([
      'meta-token:validity',
      'meta-graph:responseTime',
      'meta-ratelimit:utilization',
      'meta-api:version',
    ]);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('exits 1 when a check fails', async () => {
    const result = await run(['--json'], {
      answers: { debugToken: loadGraphFixture('debug-token-invalid') },
    });

    expect(result.exitCode).toBe(1);
    expect((JSON.parse(result.stdout) as HealthReport).status).toBe('fail');
  });

  it('exits 0 on a warning, and 1 with --strict', async () => {
    const answers = { me: meNearLimit() };

    const lenient = await run([], { answers });
    const strict = await run(['--strict'], { answers });

    expect(lenient.exitCode).toBe(0);
    expect(lenient.stdout).toContain(
      '1 warning, 0 failures - exit 0 (use --strict to fail on warnings)',
    );
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toContain('1 warning, 0 failures - exit 1\n');
  });

  it('exits 1 with a hint when META_ADS_TOKEN is not set', async () => {
    const result = await run(['--json'], { env: { META_GRAPH_BASE_URL: FAKE_GRAPH_BASE_URL } });

    expect(result.exitCode).toBe(1);
    expect((JSON.parse(result.stdout) as HealthReport).output).toMatch(
      /^meta-token:validity: META_ADS_TOKEN is not set/,
    );
  });

  it('checks the configured API version even when META_ADS_TOKEN is not set', async () => {
    const result = await run(['--json'], { env: { META_GRAPH_API_VERSION: 'v25.0' } });

    const report = JSON.parse(result.stdout) as HealthReport;
    expect(result.exitCode).toBe(1);
    expect(report.checks['meta-api:version'][0]).toMatchObject({
      status: 'warn',
      observedValue: 'v25.0',
      availableUntil: '2027-02-23',
    });
  });

  it('exits 2 naming the variable when the environment holds a bad value', async () => {
    const result = await run(['--json'], { env: { ...ENV, META_GRAPH_API_VERSION: '26' } });

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'meta-health: META_GRAPH_API_VERSION must be a Graph API version such as v26.0; got "26".\nRun meta-health --help for usage.\n',
    );
  });

  it('exits 2 listing every malformed variable before looking for META_ADS_TOKEN', async () => {
    const env = { META_API_TIMEOUT: 'abc', META_APP_ID: 'app-1' };

    const human = await run([], { env });
    const json = await run(['--json'], { env });

    for (const result of [human, json]) {
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'meta-health: META_APP_ID must be the numeric Meta app id; got "app-1".\n' +
          'meta-health: META_API_TIMEOUT must be a number of seconds greater than 0 and at most 600, such as 5 or 2.5; got "abc".\n' +
          'Run meta-health --help for usage.\n',
      );
    }
  });

  it('exits 2 on an unknown option or a bad --timeout', async () => {
    const unknown = await run(['--verbose']);
    const timeout = await run(['--timeout', 'soon']);

    expect(unknown.exitCode).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^meta-health: .*'--verbose'/);
    expect(timeout.exitCode).toBe(2);
    expect(timeout.stderr).toContain(
      "--timeout expects a number of seconds greater than 0 and at most 600, such as 5 or 2.5; got 'soon'",
    );
  });

  it('documents the exit codes in --help and exits 0', async () => {
    const result = await run(['--help']);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Exit codes:\n  0  every check passed');
    expect(result.stdout).toContain('  2  usage or configuration error');
  });

  it('gives each Graph call the --timeout budget', async () => {
    const result = await run(['--json', '--timeout', '0.03'], { answers: { me: 'hang' } });

    const report = JSON.parse(result.stdout) as HealthReport;
    expect(result.exitCode).toBe(1);
    expect(report.checks['meta-graph:responseTime'][0].output).toBe(
      'GET /me timed out (no answer within 30 ms)',
    );
  });

  it('gives each Graph call the META_API_TIMEOUT budget when --timeout is not given', async () => {
    const result = await run(['--json'], {
      env: { ...ENV, META_API_TIMEOUT: '0.03' },
      answers: { me: 'hang' },
    });

    const report = JSON.parse(result.stdout) as HealthReport;
    expect(result.exitCode).toBe(1);
    expect(report.checks['meta-graph:responseTime'][0].output).toBe(
      'GET /me timed out (no answer within 30 ms)',
    );
  });

  it('colours a terminal, but not with NO_COLOR, and never the JSON', async () => {
    const coloured = await run([], { tty: true, env: { ...ENV, LANG: 'C' } });
    const plain = await run([], { tty: true, env: { ...ENV, NO_COLOR: '1' } });
    const json = await run(['--json'], { tty: true });

    expect(coloured.stdout).toContain('\u001b[32mOK  \u001b[0m token');
    expect(plain.stdout).not.toContain('\u001b[');
    expect(json.stdout).not.toContain('\u001b[');
  });

  it('never prints the token or app secret, even from an unexpected error', async () => {
    const stdout = capture();
    const stderr = capture();
    const exitCode = await runCli([], {
      env: ENV,
      stdout,
      stderr,
      clientFactory: () => {
        throw new Error(`socket closed while sending ${TEST_TOKEN} and ${TEST_APP_SECRET}`);
      },
    });

    expect(exitCode).toBe(1);
    expect(stderr.text()).toBe(
      'meta-health: unexpected error: socket closed while sending [redacted] and [redacted]\n',
    );
  });

  describe('--format nagios', () => {
    it('prints one plugin line and exits 0, 1 or 2 for OK, WARNING and CRITICAL', async () => {
      const ok = await run(['--format', 'nagios']);
      const warning = await run(['--format', 'nagios'], { answers: { me: meNearLimit() } });
      const critical = await run(['--format=nagios'], {
        answers: { debugToken: loadGraphFixture('debug-token-invalid') },
      });

      expect(ok.exitCode).toBe(0);
      expect(ok.stdout).toMatch(
        /^META-HEALTH OK - every Meta check passes \| graph_me=\d+ms;;;0 ratelimit_usage=12%;80;100;0;100\n$/,
      );
      expect(warning.exitCode).toBe(1);
      expect(warning.stdout).toMatch(
        /^META-HEALTH WARNING - meta-ratelimit:utilization: usage is at 85%/,
      );
      expect(critical.exitCode).toBe(2);
      expect(critical.stdout).toMatch(
        /^META-HEALTH CRITICAL - meta-token:validity: debug_token reports/,
      );
      expect(`${ok.stderr}${warning.stderr}${critical.stderr}`).toBe('');
    });

    it('reports usage and configuration errors as UNKNOWN on stdout, exit 3', async () => {
      const badOption = await run(['--format', 'nagios', '--bogus']);
      const badEnv = await run(['--format', 'nagios'], {
        env: { ...ENV, META_API_TIMEOUT: 'soon' },
      });

      expect(badOption.exitCode).toBe(3);
      expect(badOption.stdout).toMatch(/^META-HEALTH UNKNOWN - .*'--bogus'/);
      expect(badEnv.exitCode).toBe(3);
      expect(badEnv.stdout).toBe(
        'META-HEALTH UNKNOWN - META_API_TIMEOUT must be a number of seconds greater than 0 and at most 600, such as 5 or 2.5; got "soon".\n',
      );
      expect(`${badOption.stderr}${badEnv.stderr}`).toBe('');
    });

    it('reports a malformed variable as UNKNOWN, exit 3, even without META_ADS_TOKEN', async () => {
      const result = await run(['--format', 'nagios'], {
        env: { META_API_TIMEOUT: 'abc', META_GRAPH_API_VERSION: '26' },
      });

      expect(result.exitCode).toBe(3);
      expect(result.stdout).toBe(
        'META-HEALTH UNKNOWN - META_GRAPH_API_VERSION must be a Graph API version such as v26.0; got "26". META_API_TIMEOUT must be a number of seconds greater than 0 and at most 600, such as 5 or 2.5; got "abc".\n',
      );
      expect(result.stderr).toBe('');
    });
  });
});
