import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsxCli = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

// A loopback stand-in for Graph that accepts every request and never answers. With the longest
// per-call timeout, a shutdown that waited for Graph would end only at the forced exit (code 1).
describe('server process (src/main.ts) on SIGTERM while Graph hangs', () => {
  const graphPaths: string[] = [];
  const chatToken = randomBytes(24).toString('base64url');
  let graph: Server;
  let child: ChildProcess;
  let stdout = '';
  let baseUrl = '';

  beforeAll(async () => {
    graph = createServer((request) => {
      graphPaths.push(request.url ?? '');
    });
    graph.listen(0, '127.0.0.1');
    await once(graph, 'listening');
    const address = graph.address();
    const graphPort = typeof address === 'object' && address !== null ? address.port : 0;

    child = spawn(process.execPath, [tsxCli, 'examples/express-server/src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        PGLITE_DATA_DIR: 'memory://',
        LOG_LEVEL: 'info',
        META_ADS_TOKEN: 'test-token',
        META_GRAPH_BASE_URL: `http://127.0.0.1:${graphPort}`,
        META_API_TIMEOUT: '600',
        INTERNAL_API_TOKEN: chatToken,
        ADMIN_JWT_SECRET: randomBytes(32).toString('base64url'),
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
    });
    baseUrl = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', () => {
        const match = stdout.match(/"url":"([^"]+)"[^\n]*"msg":"ctwa-kit server listening"/);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${stdout}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    graph.closeAllConnections();
    await new Promise((resolve) => graph.close(resolve));
  });

  it('aborts the hanging call, sends no retry, and stops with exit code 0', async () => {
    const chat = await fetch(`${baseUrl}/chat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chatToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        tenant_id: 'arrayan',
        phone: '+5491155500185',
        message: 'Hola',
        referral: { source_type: 'ad', source_id: '120214583920175512' },
      }),
    });
    expect(chat.status).toBe(200);
    await vi.waitFor(() => expect(graphPaths).toHaveLength(1), { timeout: 10_000 });

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;

    expect(code).toBe(0);
    expect(graphPaths).toHaveLength(1);
    expect(stdout).toContain(
      '"msg":"enrichment interrupted by shutdown; the row stays pending for the sweeper"',
    );
    expect(stdout).toContain('"msg":"stopped"');
  }, 60_000);
});
