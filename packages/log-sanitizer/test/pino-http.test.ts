import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoSanitizerOptions } from '@ctwa/log-sanitizer/pino';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { afterEach, describe, expect, it } from 'vitest';
import { META_TOKEN, OPAQUE } from './secrets.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A loopback server that logs each request with pino-http into `lines`. */
async function startLoggedServer(lines: string[]): Promise<string> {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logRequest = pinoHttp({ logger: pino(pinoSanitizerOptions({ pii: true }), destination) });
  server = createServer((request, response) => {
    logRequest(request, response);
    response.end('ok');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('pinoSanitizerOptions with pino-http', () => {
  it('hides the Authorization header and a token in the URL that the req serializer copies', async () => {
    const lines: string[] = [];
    const baseUrl = await startLoggedServer(lines);

    await fetch(`${baseUrl}/chat?tenant=t1&access_token=${META_TOKEN}`, {
      headers: { Authorization: `Bearer ${OPAQUE}`, 'X-Wa-Id': '5491155500142' },
    });

    const text = lines.join('');
    expect(text).not.toContain(META_TOKEN);
    expect(text).not.toContain(OPAQUE);
    const record = JSON.parse(lines[0] ?? '{}') as {
      req: { method: string; url: string; headers: Record<string, string> };
      res: { statusCode: number };
    };
    expect(record.req.method).toBe('GET');
    expect(record.req.url).toBe('/chat?tenant=t1&access_token=[REDACTED]');
    expect(record.req.headers.authorization).toBe('Bearer [REDACTED]');
    expect(record.req.headers['x-wa-id']).toBe('***0142');
    expect(record.res.statusCode).toBe(200);
  });
});
