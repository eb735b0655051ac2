import type { Logger } from 'pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { printDevelopmentCredentials } from './dev-credentials.js';
import { createLogger } from './logger.js';
import { openRuntime, type Runtime } from './runtime.js';
import { listen, type RunningServer } from './server.js';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  if (config === null) return;
  const logger = createLogger(config.logLevel);

  const runtime = await openRuntime(config, logger);
  logger.info({ storage: runtime.database.description }, 'storage ready');
  logger.info({ cache: runtime.adCache.kind }, 'ad cache ready');
  if (runtime.metaClient === null) {
    logger.warn('META_ADS_TOKEN is not set: enrichment is off; attributions stay pending');
  }

  const running = await listenOrClose(runtime, config);
  logger.info({ url: running.url, environment: config.environment }, 'ctwa-kit server listening');
  // pino writes asynchronously; flushing first keeps the credentials below the startup lines.
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
  await printDevelopmentCredentials(runtime, running.url);
  stopOnSignals(running, runtime, logger);
}

// A failed listen (a port in use) must not leave the opened database, Redis connection and
// sweeper keeping the process alive: close them, then let main's caller exit.
async function listenOrClose(runtime: Runtime, config: ServerConfig): Promise<RunningServer> {
  try {
    return await listen(createApp(runtime.deps), config.port, config.host);
  } catch (error) {
    await runtime.close().catch(() => undefined);
    throw error;
  }
}

function readConfigOrExit(): ServerConfig | null {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
    return null;
  }
}

function stopOnSignals(running: RunningServer, runtime: Runtime, logger: Logger): void {
  const stop = async (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    // A stuck dependency must not keep a stopping process alive forever.
    setTimeout(() => process.exit(1), 15_000).unref();
    // Graph calls stop first: a hanging Graph must not hold the shutdown, and no retry may
    // start after the signal. Unfinished enrichments stay pending for the next sweeper.
    runtime.stopEnrichment();
    await running.close(5_000);
    await runtime.close();
    logger.info('stopped');
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stop(signal).catch((error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`ctwa-kit server failed to start: ${message}\n`);
  // Exits at once: a handle that outlives a failed start (a reconnecting client, a pool timer)
  // must not keep a dead server's process around.
  process.exit(1);
});
