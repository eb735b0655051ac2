import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsxCli = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

// `npm start` runs the built dist/main.js; tsx runs the same source without a build, so this
// test works on a fresh clone. The process gets a minimal environment: no Meta token, no
// database or Redis URL, nothing inherited that could point it elsewhere.
describe('server process (src/main.ts)', () => {
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let baseUrl = '';

  beforeAll(async () => {
    child = spawn(process.execPath, [tsxCli, 'examples/express-server/src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: '0', PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    // stdout and stderr are separate pipes, so either may arrive first.
    baseUrl = await new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = stderr.match(/export CTWA_URL='([^']+)'\n={72}\n/);
        if (match?.[1] && stdout.includes('"msg":"ctwa-kit server listening"')) resolve(match[1]);
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${stderr}`)));
    });
  }, 60_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('says at startup that enrichment is off and where the data lives', () => {
    expect(stdout).toContain('"storage":"embedded PGlite in memory"');
    expect(stdout).toContain('META_ADS_TOKEN is not set: enrichment is off');
  });

  it('prints working development credentials to stderr without printing the JWT secret', async () => {
    const chatToken = stderr.match(/export CTWA_CHAT_TOKEN='([^']+)'/)?.[1] ?? '';
    const adminToken = stderr.match(/export CTWA_ADMIN_TOKEN='([^']+)'/)?.[1] ?? '';
    const chat = await fetch(`${baseUrl}/chat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chatToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tenant_id: 'arrayan', phone: '5491155500142', message: 'Hola' }),
    });
    const stats = await fetch(`${baseUrl}/admin/marketing/stats`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });

    expect([chat.status, stats.status]).toEqual([200, 200]);
    expect(`${stdout}${stderr}`).not.toMatch(/ADMIN_JWT_SECRET=|"adminJwtSecret"/);
    expect(stderr).toMatch(/={72}\nDevelopment credentials, generated for this run only\n/);
  });

  it('writes only JSON log lines to stdout, none of them a credential', () => {
    const lines = stdout.split('\n').filter(Boolean);
    const notJson = lines.filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });

    expect(lines.length).toBeGreaterThan(0);
    expect(notJson).toEqual([]);
    expect(stdout).not.toContain('CTWA_CHAT_TOKEN');
    expect(stdout).not.toContain('CTWA_ADMIN_TOKEN');
  });

  it('stops gracefully on SIGTERM with exit code 0', async () => {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;

    expect(code).toBe(0);
    expect(stdout).toContain('"msg":"stopped"');
  });
});
