import type { Request, RequestHandler } from 'express';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { bearerToken } from './internal-auth.js';
import { HttpProblem } from './problem.js';

/** Clinic staff roles that admin tokens carry. */
export const adminRoles = ['ceo', 'secretary', 'professional'] as const;
export type AdminRole = (typeof adminRoles)[number];

/** Who is calling an admin route; the tenant always comes from the token, never the request. */
export interface AdminPrincipal {
  tenantId: string;
  role: string;
}

const adminClaims = z.object({ tenant_id: z.string().min(1), role: z.string().min(1) });
const principals = new WeakMap<Request, AdminPrincipal>();

/** Encodes an HS256 secret for jose. */
export function adminSecretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/**
 * Signs an admin JWT (HS256) carrying `tenant_id` and `role`.
 *
 * @example
 * const token = await signAdminToken(key, { tenantId: 'arrayan', role: 'ceo' });
 */
export async function signAdminToken(
  key: Uint8Array,
  claims: { tenantId: string; role: AdminRole },
  options: { expiresIn?: string; now?: Date } = {},
): Promise<string> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ tenant_id: claims.tenantId, role: claims.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(issuedAt)
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(key);
}

/**
 * Admits requests with a valid, unexpired admin JWT whose role is one of `roles`:
 * 401 without a valid token, 403 for a valid token with another role.
 */
export function requireAdmin(key: Uint8Array, roles: readonly AdminRole[]): RequestHandler {
  const allowed: readonly string[] = roles;
  return async (req, res, next) => {
    const principal = await verifyAdminToken(key, bearerToken(req.get('authorization')));
    if (principal === null) {
      res.set('WWW-Authenticate', 'Bearer');
      throw new HttpProblem(401, 'unauthorized', 'Send a valid admin token as a Bearer token.');
    }
    if (!allowed.includes(principal.role)) {
      throw new HttpProblem(
        403,
        'forbidden',
        `This route needs one of the roles: ${roles.join(', ')}.`,
      );
    }

    principals.set(req, principal);
    next();
  };
}

/** The verified caller of an admin route (set by {@link requireAdmin}). */
export function adminPrincipal(req: Request): AdminPrincipal {
  const principal = principals.get(req);
  if (!principal) throw new Error('adminPrincipal() called on a route without requireAdmin()');
  return principal;
}

async function verifyAdminToken(
  key: Uint8Array,
  token: string | null,
): Promise<AdminPrincipal | null> {
  if (token === null) return null;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    const claims = adminClaims.safeParse(payload);
    return claims.success ? { tenantId: claims.data.tenant_id, role: claims.data.role } : null;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}
