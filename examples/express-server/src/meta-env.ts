import { DEFAULT_API_VERSION, isMetaConfigError, readMetaEnv } from '@ctwa/meta-ads-client';

/** The Graph client settings the server reads from the META_* variables. */
export interface MetaSettings {
  /** `null` turns enrichment off. */
  accessToken: string | null;
  appSecret: string | null;
  appId: string | null;
  apiVersion: string;
  baseUrl: string;
  timeoutMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Every variable MetaAdsClient.fromEnv reads besides the token, which may be left unset. */
const clientVariables = [
  'META_APP_ID',
  'META_APP_SECRET',
  'META_GRAPH_API_VERSION',
  'META_GRAPH_BASE_URL',
  'META_API_TIMEOUT',
] as const;

// readMetaEnv requires a token, but the server runs without one (enrichment off); this stands in
// for it so that the other variables are still checked by the client's own rules.
const tokenStandIn = 'token-not-configured';
const defaultBaseUrl = 'https://graph.facebook.com';
const defaultTimeoutMs = 5_000;

/**
 * Reads the META_* variables with the Graph client's own rules and messages, so the server
 * accepts exactly what MetaAdsClient.fromEnv and the health CLI accept. Every bad variable is
 * reported (readMetaEnv alone stops at the first); a secret's value is never repeated.
 *
 * @example
 * const read = readMetaSettings(process.env);
 * if (!read.ok) throw new Error(read.problems.join('\n'));
 */
export function readMetaSettings(
  env: Env,
): { ok: true; settings: MetaSettings } | { ok: false; problems: string[] } {
  const token = env.META_ADS_TOKEN?.trim() || null;
  const problems = clientVariables.flatMap((variable) => problemsWith(variable, env, token));
  if (problems.length > 0) return { ok: false, problems };

  const options = readMetaEnv({
    ...pickClientVariables(env),
    META_ADS_TOKEN: token ?? tokenStandIn,
  });
  return {
    ok: true,
    settings: {
      accessToken: token,
      appSecret: options.appSecret ?? null,
      appId: options.appId ?? null,
      apiVersion: options.apiVersion ?? DEFAULT_API_VERSION,
      baseUrl: options.baseUrl ?? defaultBaseUrl,
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    },
  };
}

function problemsWith(
  variable: (typeof clientVariables)[number],
  env: Env,
  token: string | null,
): string[] {
  // Both secrets stay in, so the client still refuses to echo one pasted into another variable.
  const alone = {
    META_ADS_TOKEN: token ?? tokenStandIn,
    META_APP_SECRET: env.META_APP_SECRET,
    [variable]: env[variable],
  };
  try {
    readMetaEnv(alone);
    return [];
  } catch (error) {
    if (!isMetaConfigError(error)) throw error;
    return [error.message];
  }
}

function pickClientVariables(env: Env): Record<string, string | undefined> {
  return Object.fromEntries(clientVariables.map((variable) => [variable, env[variable]]));
}
