import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpProblem } from './problem.js';

/** Reads the token of an `Authorization: Bearer <token>` header, or `null`. */
export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Admits requests carrying the shared internal service token as a Bearer credential.
 * Comparing fixed-length digests in constant time leaks neither the token nor its length.
 */
export function requireInternalToken(expectedToken: string): RequestHandler {
  const expected = digest(expectedToken);
  return (req, res, next) => {
    const given = bearerToken(req.get('authorization'));
    if (given !== null && timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer');
    next(
      new HttpProblem(401, 'unauthorized', 'Send the internal service token as a Bearer token.'),
    );
  };
}
