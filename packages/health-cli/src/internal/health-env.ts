import {
  DEFAULT_API_VERSION,
  findMetaEnvProblems,
  readMetaEnvWithoutToken,
} from '@ctwa/meta-ads-client';
import { describeFailure } from './graph-errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The environment once every variable has been validated, or every problem found in it. */
export type HealthEnv =
  | { valid: true; hasToken: boolean; apiVersion: string; timeoutMs: number | null }
  | { valid: false; problems: string[] };

/**
 * Validates each variable the checks read, with the client's own rules and messages, so that
 * every bad one is reported at once. A missing token is a failing check, not a configuration
 * error, so it is left to the checks. Messages never repeat a secret.
 */
export function readHealthEnv(env: Env): HealthEnv {
  const problems = findMetaEnvProblems(env).map(describeFailure);
  if (problems.length > 0) return { valid: false, problems };

  // The version check needs no token, so the version is read even when none is set.
  const options = readMetaEnvWithoutToken(env);
  return {
    valid: true,
    hasToken: options.accessToken !== null,
    apiVersion: options.apiVersion ?? DEFAULT_API_VERSION,
    timeoutMs: options.timeoutMs ?? null,
  };
}
