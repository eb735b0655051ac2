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
