import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { maskPhone } from '../phone.js';

const phoneInPath = /(\/phone\/)([^/?]+)/;

/** The request path as logged: query dropped, and a phone path segment masked. */
export function loggablePath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.replace(phoneInPath, (_match, prefix: string, phone: string) => {
    return `${prefix}${maskPhone(safelyDecoded(phone))}`;
  });
}

// A malformed percent escape in a client's URL must not break the log line.
function safelyDecoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

interface SerializedRequest {
  id?: unknown;
  method?: unknown;
  url?: unknown;
}

/**
 * One log line per request. Only the method, the masked path and the status are logged: no
 * headers (they carry credentials), no bodies (they carry messages and phones).
 */
export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    serializers: {
      req: (req: SerializedRequest) => ({
        id: req.id,
        method: req.method,
        url: typeof req.url === 'string' ? loggablePath(req.url) : undefined,
      }),
      res: (res: { statusCode?: unknown }) => ({ statusCode: res.statusCode }),
      // pino-http invents an error for every 5xx; its stack points into pino-http and says
      // nothing. Real failures are logged with their stack by the problem handler.
      err: (error: { type?: unknown; message?: unknown }) => ({
        type: error.type,
        message: error.message,
      }),
    },
    customLogLevel: (_req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return 'info';
    },
  });
}
