import { DEFAULT_API_VERSION, readMetaEnv } from '@ctwa/meta-ads-client';
import { describeFailure, isConfigError } from './graph-errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The environment once every variable has been validated, or every problem found in it. */
export type HealthEnv =
  | { valid: true; hasToken: boolean; apiVersion: string; timeoutMs: number | null }
  | { valid: false; problems: string[] };

// Everything MetaAdsClient.fromEnv reads besides the token. A missing token is a failing check,
// not a configuration error, so it is handled apart from these.
const CLIENT_VARIABLES = [
  'META_APP_ID',
  'META_APP_SECRET',
  'META_GRAPH_API_VERSION',
  'META_GRAPH_BASE_URL',
  'META_API_TIMEOUT',
] as const;

type ClientVariable = (typeof CLIENT_VARIABLES)[number];

// Stands in for a missing token, so that the other variables can still be validated.
const TOKEN_STAND_IN = 'token-not-configured';

/**
 * Validates each variable the checks read, with the client's own rules and messages, so that
 * every bad one is reported at once (the client stops at the first). Messages name the
 * variable and what it expects, and never repeat a secret.
 */
export function readHealthEnv(env: Env): HealthEnv {
  const problems = CLIENT_VARIABLES.flatMap((variable) => problemsWith(variable, env));
  if (problems.length > 0) return { valid: false, problems };

  // The version check needs no token, so it reads the version even when none is set.
  const options = readMetaEnv({ ...env, META_ADS_TOKEN: tokenOrStandIn(env) });
  return {
    valid: true,
    hasToken: hasToken(env),
    apiVersion: options.apiVersion ?? DEFAULT_API_VERSION,
    timeoutMs: options.timeoutMs ?? null,
  };
}

function problemsWith(variable: ClientVariable, env: Env): string[] {
  // The secrets stay in, so the client still refuses to echo one pasted into the wrong variable.
  const alone = {
    META_ADS_TOKEN: tokenOrStandIn(env),
    META_APP_SECRET: env.META_APP_SECRET,
    [variable]: env[variable],
  };
  try {
    readMetaEnv(alone);
    return [];
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return [describeFailure(error)];
  }
}

function tokenOrStandIn(env: Env): string | undefined {
  return hasToken(env) ? env.META_ADS_TOKEN : TOKEN_STAND_IN;
}

function hasToken(env: Env): boolean {
  return Boolean(env.META_ADS_TOKEN?.trim());
}
