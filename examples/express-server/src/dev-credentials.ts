import { arrayan } from './host/schema.js';
import { adminSecretKey, signAdminToken } from './http/admin-auth.js';
import type { Runtime } from './runtime.js';

const rule = '='.repeat(72);

/**
 * Outside production, when credentials were generated for this run, prints ready-to-use ones
 * to stderr, framed for a human reader, so that stdout carries only the JSON log lines that a
 * collector parses: the chat token and an admin token for the first demo tenant. The admin JWT
 * secret itself is never printed.
 */
export async function printDevelopmentCredentials(runtime: Runtime, url: string): Promise<void> {
  const { generated, deps } = runtime;
  if (!generated.internalApiToken && !generated.adminJwtSecret) return;

  const lines = [
    rule,
    'Development credentials, generated for this run only',
    '(set INTERNAL_API_TOKEN and ADMIN_JWT_SECRET to choose your own):',
  ];
  if (generated.internalApiToken) {
    lines.push(`  export CTWA_CHAT_TOKEN='${deps.internalApiToken}'`);
  }
  if (generated.adminJwtSecret) {
    const key = adminSecretKey(deps.adminJwtSecret);
    const token = await signAdminToken(key, { tenantId: arrayan.id, role: 'ceo' });
    lines.push(`  export CTWA_ADMIN_TOKEN='${token}'   # role ceo, tenant ${arrayan.id}, 12 h`);
  }
  lines.push(`  export CTWA_URL='${url}'`, rule);
  process.stderr.write(`${lines.join('\n')}\n`);
}
