import type { Clock, Logger } from '../ports.js';

const ignore = () => undefined;

/** The default logger: a library stays silent unless the host hands it a logger. */
export const noopLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** The default clock. */
export const systemClock: Clock = { now: () => new Date() };
