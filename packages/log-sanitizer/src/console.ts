import { formatWithOptions } from 'node:util';
import { buildSanitizerCore } from './internal/build.js';
import type { SanitizeOptions } from './types.js';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
type ConsoleMethod = (typeof CONSOLE_METHODS)[number];

/** Undoes one `installConsoleSanitizer` call. */
export interface ConsoleSanitizerHandle {
  /** Puts back the console methods that were in place before `installConsoleSanitizer`. */
  uninstall(): void;
}

/**
 * Wraps `console.log`, `info`, `warn`, `error`, `debug`, `trace` and `dir` so that what they print
 * is sanitized. Objects are sanitized before formatting (so the output has no key/value split by
 * colours), then all arguments are formatted into one line the way console does (`%s`, `%o`...)
 * and the line is scrubbed, which catches a secret split over arguments:
 * `console.log('Authorization: Bearer', token)`.
 *
 * @example
 * const handle = installConsoleSanitizer({ pii: true });
 * console.log('sent to', '+5491155500142'); // sent to +***0142
 * handle.uninstall();
 */
export function installConsoleSanitizer(options: SanitizeOptions = {}): ConsoleSanitizerHandle {
  const core = buildSanitizerCore(options);
  const originals = new Map<ConsoleMethod | 'dir', unknown>();

  for (const name of CONSOLE_METHODS) {
    const original = console[name];
    originals.set(name, original);
    console[name] = (...args: unknown[]) => {
      const formatted = formatWithOptions({ colors: false }, ...args.map(core.sanitizeValue));
      original.call(console, core.scrub(formatted));
    };
  }

  const originalDir = console.dir;
  originals.set('dir', originalDir);
  console.dir = (item?: unknown, dirOptions?: Parameters<typeof console.dir>[1]) => {
    originalDir.call(console, core.sanitizeValue(item), dirOptions);
  };

  return {
    uninstall() {
      for (const [name, original] of originals) {
        Object.assign(console, { [name]: original });
      }
    },
  };
}
