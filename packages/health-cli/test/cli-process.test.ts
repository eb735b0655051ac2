import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReport } from '../src/health-report.js';
import {
  type GraphFixture,
  loadGraphFixture,
  ME_OK,
  TEST_APP_ID,
  TEST_APP_SECRET,
} from './fake-graph.js';

const GOOD_TOKEN = 'EAAGgoodprocesstesttoken0123456789';
const DEAD_TOKEN = 'EAAGdeadprocesstesttoken9876543210';
const SILENT_TOKEN = 'EAAGsilentprocesstesttoken55555555';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tsxBin = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const cliSource = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/**
 * A tiny Graph on loopback: the good token is valid, any other is expired. Its error messages
 * echo the token it was given, to prove the command never repeats it.
 */
function answerLikeGraph(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const bearer = (request.headers.authorization ?? '').replace(/^Bearer /, '');
  // Graph that accepted the connection and then went quiet: only a timeout ends this request.
  if (bearer === SILENT_TOKEN) return;
  const fixture = pickFixture(url, bearer);
  const body = typeof fixture.body === 'string' ? fixture.body : JSON.stringify(fixture.body);
  response.writeHead(fixture.status, fixture.headers).end(body);
}

function pickFixture(url: URL, bearer: string): GraphFixture {
  if (url.pathname === '/v26.0/debug_token') {
    const inputToken = url.searchParams.get('input_token');
    return inputToken === GOOD_TOKEN
      ? loadGraphFixture('debug-token-valid-system-user')
      : echoToken(loadGraphFixture('debug-token-invalid'), inputToken ?? '');
  }
  if (url.pathname === '/v26.0/me') {
    return bearer === GOOD_TOKEN
      ? ME_OK
      : echoToken(loadGraphFixture('error-expired-token'), bearer);
  }
  return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'unknown path' };
}

function echoToken(fixture: GraphFixture, token: string): GraphFixture {
  return {
    ...fixture,
    body: JSON.parse(
      JSON.stringify(fixture.body).replace('Session expired', `Token ${token} expired`),
    ),
  };
}

interface ProcessResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

function runMetaHealth(args: string[], env: Record<string, string>): Promise<ProcessResult> {
  return new Promise((resolve) => {
    // Only what the command needs: the caller's own META_* variables must never leak in.
    const childEnv = { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env };
    execFile(
      tsxBin,
      ['--tsconfig', `${repoRoot}tsconfig.json`, cliSource, ...args],
      { cwd: repoRoot, env: childEnv, timeout: 15_000 },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}

describe('meta-health as a process', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer(answerLikeGraph);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function envWith(token: string): Record<string, string> {
    return {
      META_ADS_TOKEN: token,
      META_APP_ID: TEST_APP_ID,
      META_APP_SECRET: TEST_APP_SECRET,
      META_GRAPH_BASE_URL: baseUrl,
    };
  }

  it('exits 0 and prints the pass document for a valid token', async () => {
    const result = await runMetaHealth(['--json'], envWith(GOOD_TOKEN));

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as HealthReport;
    expect(report.status).toBe('pass');
    expect(result.stdout).not.toContain(GOOD_TOKEN);
    expect(result.stdout).not.toContain(TEST_APP_SECRET);
  });

  it('exits 1 for an expired token without printing it', async () => {
    const result = await runMetaHealth([], envWith(DEAD_TOKEN));

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('  FAIL token        debug_token reports the token invalid');
    expect(`${result.stdout}${result.stderr}`).not.toContain(DEAD_TOKEN);
    expect(`${result.stdout}${result.stderr}`).not.toContain(TEST_APP_SECRET);
  });

  it('exits 1 for an expired token checked through GET /me alone', async () => {
    const result = await runMetaHealth(['--json'], {
      META_ADS_TOKEN: DEAD_TOKEN,
      META_GRAPH_BASE_URL: baseUrl,
    });

    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'fail' });
    expect(`${result.stdout}${result.stderr}`).not.toContain(DEAD_TOKEN);
  });

  it('exits 1 on its own when Graph never answers, once --timeout runs out', async () => {
    const result = await runMetaHealth(['--json', '--timeout', '0.3'], {
      META_ADS_TOKEN: SILENT_TOKEN,
      META_GRAPH_BASE_URL: baseUrl,
    });

    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as HealthReport;
    expect(report.checks['meta-graph:responseTime'][0].output).toBe(
      'GET /me timed out (no answer within 300 ms)',
    );
  });

  it('exits 2 on a bad environment variable', async () => {
    const result = await runMetaHealth([], { ...envWith(GOOD_TOKEN), META_API_TIMEOUT: '-3' });

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('META_API_TIMEOUT must be');
  });
});
