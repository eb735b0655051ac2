import {
  DEFAULT_API_VERSION,
  findMetaEnvProblems,
  readMetaEnvWithoutToken,
} from '@ctwa/meta-ads-client';

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

const defaultBaseUrl = 'https://graph.facebook.com';
const defaultTimeoutMs = 5_000;

/**
 * Reads the META_* variables with the Graph client's own rules and messages, so the server
 * accepts exactly what MetaAdsClient.fromEnv and the health CLI accept. Every bad variable is
 * reported; a secret's value is never repeated.
 *
 * @example
 * const read = readMetaSettings(process.env);
 * if (!read.ok) throw new Error(read.problems.join('\n'));
 */
export function readMetaSettings(
  env: Env,
): { ok: true; settings: MetaSettings } | { ok: false; problems: string[] } {
  const problems = findMetaEnvProblems(env).map((problem) => problem.message);
  if (problems.length > 0) return { ok: false, problems };

  const options = readMetaEnvWithoutToken(env);
  return {
    ok: true,
    settings: {
      accessToken: options.accessToken,
      appSecret: options.appSecret ?? null,
      appId: options.appId ?? null,
      apiVersion: options.apiVersion ?? DEFAULT_API_VERSION,
      baseUrl: options.baseUrl ?? defaultBaseUrl,
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    },
  };
}
