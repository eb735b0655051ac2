import type { LoggerOptions } from 'pino';
import { buildSanitizerCore } from '../internal/build.js';
import type { SanitizeOptions } from '../types.js';

type PinoHooks = NonNullable<LoggerOptions['hooks']>;
type PinoFormatters = NonNullable<LoggerOptions['formatters']>;

/** The part of pino's options this package fills in; spread it into `pino({ ... })`. */
export type PinoSanitizerOptions = {
  hooks: Required<Pick<PinoHooks, 'logMethod' | 'streamWrite'>>;
  formatters: Required<Pick<PinoFormatters, 'bindings'>>;
};

/**
 * Options that make a pino logger sanitize every line it writes, in two passes:
 * `hooks.logMethod` applies key rules to the merging object and every argument (values under
 * `authorization`, `password`, `accessToken`... at any depth, Errors, binary data), and
 * `hooks.streamWrite` scrubs the final serialized line (message after `%s` interpolation, child
 * bindings, serializer and mixin output, nested JSON strings, error stacks) while keeping it valid
 * JSON. Child-logger bindings also go through key rules, once, when the child is created.
 *
 * If you set your own `formatters`, spread ours into them: `formatters: { ...s.formatters, level }`.
 *
 * @example
 * import pino from 'pino';
 * import { pinoSanitizerOptions } from '@ctwa/log-sanitizer/pino';
 * const logger = pino({ level: 'info', ...pinoSanitizerOptions({ pii: true }) });
 */
export function pinoSanitizerOptions(options: SanitizeOptions = {}): PinoSanitizerOptions {
  const core = buildSanitizerCore(options);

  const logMethod: PinoHooks['logMethod'] = function logMethod(args, method) {
    let sanitized: unknown[] | null = null;
    for (let index = 0; index < args.length; index += 1) {
      const arg: unknown = args[index];
      if (typeof arg !== 'object' || arg === null) continue;
      const next = core.sanitizeStructure(arg);
      if (next === arg) continue;
      sanitized ??= [...args];
      sanitized[index] = next;
    }
    const finalArgs = (sanitized ?? args) as Parameters<typeof method>;
    return method.apply(this, finalArgs);
  };

  return {
    hooks: { logMethod, streamWrite: core.sanitizeJsonLine },
    formatters: { bindings: (bindings) => core.sanitizeStructure(bindings) as object },
  };
}
