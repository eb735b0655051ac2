import * as z from 'zod';
import { MetaConfigError } from './errors.js';
import { parseBaseUrl } from './internal/base-url.js';
import { createValueDescriber } from './internal/config-value.js';
import type { MetaAdsClientOptions } from './options.js';

type Env = Readonly<Record<string, string | undefined>>;

// "" counts as unset, as in most deploy tools' env files.
const blankAsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const envSchema = z.object({
  META_ADS_TOKEN: z.preprocess(blankAsUnset, z.string().trim()),
  META_APP_SECRET: z.preprocess(blankAsUnset, z.string().trim().optional()),
  META_APP_ID: z.preprocess(blankAsUnset, z.string().trim().regex(/^\d+$/).optional()),
  META_GRAPH_API_VERSION: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .regex(/^v\d+\.\d+$/)
      .optional(),
  ),
  META_GRAPH_BASE_URL: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/ }).optional()),
  // Plain decimals only: Number() would also take hex (0x10), exponents and Infinity.
  META_API_TIMEOUT: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number)
      .pipe(z.number().positive().max(600))
      .refine((seconds) => Math.round(seconds * 1000) >= 1, {
        message: 'at least 0.001 (one millisecond)',
      })
      .optional(),
  ),
});

/** What each variable must hold, for error messages. Secrets are never echoed. */
type EnvVariable = keyof z.infer<typeof envSchema>;

const EXPECTATIONS: Readonly<Record<EnvVariable, string>> = {
  META_ADS_TOKEN: 'a Graph access token (a system-user token is best)',
  META_APP_SECRET: 'the app secret from the Meta app dashboard',
  META_APP_ID: 'the numeric Meta app id',
  META_GRAPH_API_VERSION: 'a Graph API version such as v26.0',
  META_GRAPH_BASE_URL: 'an http(s) URL such as https://graph.facebook.com',
  META_API_TIMEOUT: 'a number of seconds greater than 0 and at most 600, such as 5 or 2.5',
};
const SECRET_VARIABLES = new Set(['META_ADS_TOKEN', 'META_APP_SECRET']);

/**
 * Reads the client's options from environment variables with zod.
 * Throws MetaConfigError naming the first bad variable and what it expects.
 */
export function readMetaEnv(env: Env): MetaAdsClientOptions {
  const result = envSchema.safeParse(env);
  if (!result.success) throw configErrorOf(result.error, env);

  const vars = result.data;
  const options: MetaAdsClientOptions = { accessToken: vars.META_ADS_TOKEN };
  if (vars.META_APP_SECRET !== undefined) options.appSecret = vars.META_APP_SECRET;
  if (vars.META_APP_ID !== undefined) options.appId = vars.META_APP_ID;
  if (vars.META_GRAPH_API_VERSION !== undefined) options.apiVersion = vars.META_GRAPH_API_VERSION;
  if (vars.META_GRAPH_BASE_URL !== undefined) {
    // The constructor's own check, run here so that its message names the variable.
    parseBaseUrl(vars.META_GRAPH_BASE_URL, 'META_GRAPH_BASE_URL', describerOf(env));
    options.baseUrl = vars.META_GRAPH_BASE_URL;
  }
  if (vars.META_API_TIMEOUT !== undefined)
    options.timeoutMs = Math.round(vars.META_API_TIMEOUT * 1000);
  return options;
}

/** The variables besides the token; a host may run without a token, but never with these wrong. */
const SETTING_VARIABLES = [
  'META_APP_ID',
  'META_APP_SECRET',
  'META_GRAPH_API_VERSION',
  'META_GRAPH_BASE_URL',
  'META_API_TIMEOUT',
] as const;

// Lets the other variables be checked by the same rules when no token is set.
const TOKEN_STAND_IN = 'token-not-configured';

/**
 * Checks every META_* variable the client reads and returns one MetaConfigError per bad one
 * (readMetaEnv stops at the first). A missing token is not a problem here, so hosts that run
 * without one (enrichment off, a health report) still learn about every other mistake.
 *
 * @example
 * const problems = findMetaEnvProblems(process.env);
 * if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('\n'));
 */
export function findMetaEnvProblems(env: Env): MetaConfigError[] {
  const token = env.META_ADS_TOKEN?.trim() ? env.META_ADS_TOKEN : TOKEN_STAND_IN;
  return SETTING_VARIABLES.flatMap((variable) => {
    // The app secret stays in, so a secret pasted into another variable is still never echoed.
    const alone = {
      META_ADS_TOKEN: token,
      META_APP_SECRET: env.META_APP_SECRET,
      [variable]: env[variable],
    };
    try {
      readMetaEnv(alone);
      return [];
    } catch (error) {
      if (error instanceof MetaConfigError) return [error];
      throw error;
    }
  });
}

/**
 * Reads the client's options like readMetaEnv, but with the token optional: `accessToken` is
 * null when META_ADS_TOKEN is unset. Throws MetaConfigError for the first bad variable.
 */
export function readMetaEnvWithoutToken(
  env: Env,
): Omit<MetaAdsClientOptions, 'accessToken'> & { accessToken: string | null } {
  const token = env.META_ADS_TOKEN?.trim() || null;
  const options = readMetaEnv({ ...env, META_ADS_TOKEN: token ?? TOKEN_STAND_IN });
  return { ...options, accessToken: token === null ? null : options.accessToken };
}

function configErrorOf(error: z.ZodError, env: Env): MetaConfigError {
  const issue = error.issues[0];
  const variable = variableOf(issue?.path[0]);
  const raw = env[variable];
  const expected = issue?.code === 'custom' ? issue.message : EXPECTATIONS[variable];
  return new MetaConfigError(
    `${variable} must be ${expected}; ${describeEnvValue(variable, raw, env)}.`,
    variable,
  );
}

function variableOf(key: PropertyKey | undefined): EnvVariable {
  return typeof key === 'string' && key in EXPECTATIONS ? (key as EnvVariable) : 'META_ADS_TOKEN';
}

// The constructor's describer: a secret, even pasted into the wrong variable, is never echoed.
function describeEnvValue(variable: string, raw: string | undefined, env: Env): string {
  const description = describerOf(env)(raw);
  if (SECRET_VARIABLES.has(variable) && description.startsWith('got ')) {
    return 'the value given is not usable';
  }
  return description;
}

function describerOf(env: Env): (value: unknown) => string {
  return createValueDescriber([env.META_ADS_TOKEN, env.META_APP_SECRET]);
}
