import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl } from './support/test-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsxCli = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

describe('server process (src/main.ts) when its port is taken', () => {
  let blocker: Server;
  let takenPort = 0;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const address = blocker.address();
    takenPort = typeof address === 'object' && address !== null ? address.port : 0;
  });

  afterAll(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    await new Promise((resolve) => blocker.close(resolve));
  });

  // Before the listen failure closed the runtime, the open Redis connection kept the process
  // alive forever, so this test would time out instead of seeing the exit.
  it('closes the Redis connection and the database and exits with code 1', async () => {
    child = spawn(process.execPath, [tsxCli, 'examples/express-server/src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        PORT: String(takenPort),
        PGLITE_DATA_DIR: 'memory://',
        REDIS_URL: redisUrl,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const [code] = await once(child, 'exit');

    expect(code).toBe(1);
    expect(stderr).toContain(
      `ctwa-kit server failed to start: listen EADDRINUSE: address already in use 127.0.0.1:${takenPort}`,
    );
  }, 60_000);
});
