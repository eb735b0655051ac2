import { pinoSanitizerOptions } from '@ctwa/log-sanitizer/pino';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';

/**
 * The server's pino logger. Every line passes through the ctwa-kit sanitizer with PII masking
 * on, so a token, secret or phone number that slips into a message or an error never reaches
 * the log.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, ...pinoSanitizerOptions({ pii: true }) };
  return destination ? pino(options, destination) : pino(options);
}
