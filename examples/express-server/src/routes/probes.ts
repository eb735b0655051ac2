import { Router } from 'express';
import { runProbe } from './probe.js';

/** What the liveness and readiness probes need. */
export interface ProbeRouteDeps {
  probeDatabase: () => Promise<unknown>;
}

const healthJson = 'application/health+json';

/**
 * GET /healthz answers while the process can serve (no dependency I/O, so a slow database never
 * restarts every instance at once). GET /readyz answers 200 only while the database responds.
 */
export function probesRouter(deps: ProbeRouteDeps): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .type(healthJson)
      .send(JSON.stringify({ status: 'pass' }));
  });

  router.get('/readyz', async (_req, res) => {
    const database = await runProbe(deps.probeDatabase, 2_000);
    const body = database.ok
      ? { status: 'pass' }
      : { status: 'fail', output: 'database unreachable' };
    res
      .status(database.ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .type(healthJson)
      .send(JSON.stringify(body));
  });
  return router;
}
