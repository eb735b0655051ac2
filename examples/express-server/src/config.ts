import { z } from 'zod';
import { type MetaSettings, readMetaSettings } from './meta-env.js';

/** Where the server runs; anything but `production` allows generated development credentials. */
export type Environment = 'development' | 'test' | 'production';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The server's whole configuration, parsed once from the environment by {@link loadConfig}. */
export interface ServerConfig {
  environment: Environment;
  host: string;
  port: number;
  logLevel: LogLevel;
  /** Postgres connection string; `null` means embedded PGlite under {@link pgliteDataDir}. */
  databaseUrl: string | null;
  pgliteDataDir: string;
  /** Redis connection string; `null` means an in-memory LRU ad cache. */
  redisUrl: string | null;
  /** Prepended to every Redis key, so deployments sharing a Redis keep apart: `{prefix}meta:ad:{adId}`. */
  redisKeyPrefix: string;
  /** Graph client settings, read from the META_* variables by the client's own rules. */
  meta: MetaSettings & {
    cacheTtlSeconds: number;
  };
  whatsappVerifyToken: string | null;
  adminJwtSecret: string | null;
  internalApiToken: string | null;
}

/** Thrown when the environment holds a bad value; the message lists every problem found. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

interface VariableSpec<T> {
  schema: z.ZodType<T>;
  expected: string;
  /** Secret values (and URLs that may embed a password) are never repeated in an error. */
  secret?: boolean;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const noWhitespace = z.string().regex(/^\S+$/);

function urlWithProtocols(protocols: readonly string[]) {
  return z.string().refine((value) => {
    if (!URL.canParse(value)) return false;
    return protocols.includes(new URL(value).protocol);
  });
}

const specs = {
  NODE_ENV: {
    schema: z.enum(['development', 'test', 'production']),
    expected: 'one of development, test, production',
  },
  HOST: { schema: z.string().min(1), expected: 'a host name or IP address to listen on' },
  PORT: {
    schema: z.coerce.number().int().min(0).max(65_535),
    expected: 'an integer port from 0 to 65535',
  },
  LOG_LEVEL: { schema: z.enum(logLevels), expected: `one of ${logLevels.join(', ')}` },
  DATABASE_URL: {
    schema: urlWithProtocols(['postgres:', 'postgresql:']),
    expected: 'a postgres:// or postgresql:// connection URL',
    secret: true,
  },
  PGLITE_DATA_DIR: { schema: z.string().min(1), expected: 'a directory path' },
  REDIS_URL: {
    schema: urlWithProtocols(['redis:', 'rediss:']),
    expected: 'a redis:// or rediss:// connection URL',
    secret: true,
  },
  REDIS_KEY_PREFIX: {
    schema: z.string().regex(/^[A-Za-z0-9:._-]{1,64}$/),
    expected: 'up to 64 letters, digits or : . _ - such as clinic-a:',
  },
  META_CACHE_TTL: {
    schema: z.coerce.number().int().positive(),
    expected: 'seconds an ad stays cached, a positive integer',
  },
  WHATSAPP_VERIFY_TOKEN: { schema: noWhitespace, expected: 'a token without spaces', secret: true },
  ADMIN_JWT_SECRET: {
    schema: z.string().min(32),
    expected: 'an HS256 secret of at least 32 characters',
    secret: true,
  },
  INTERNAL_API_TOKEN: {
    schema: z.string().min(16).regex(/^\S+$/),
    expected: 'a token of at least 16 characters without spaces',
    secret: true,
  },
} satisfies Record<string, VariableSpec<unknown>>;

type VariableName = keyof typeof specs;
type ParsedVariables = { [K in VariableName]: z.infer<(typeof specs)[K]['schema']> | null };

/**
 * Parses the server configuration from the environment, once, at startup.
 *
 * Unset and empty variables take their defaults. Every bad value is reported together, each
 * naming the variable, the given value (never a secret's value) and what is expected.
 *
 * @example
 * const config = loadConfig(process.env); // throws ConfigError on a bad PORT, URL, secret...
 */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const problems: string[] = [];
  const parsed = parseVariables(env, problems);
  const meta = readMetaSettings(env);
  if (!meta.ok) problems.push(...meta.problems);
  const environment = parsed.NODE_ENV ?? 'development';
  if (environment === 'production') requireProductionSecrets(env, problems);
  if (problems.length > 0 || !meta.ok) throw new ConfigError(problems);

  return {
    environment,
    host: parsed.HOST ?? '127.0.0.1',
    port: parsed.PORT ?? 3000,
    logLevel: parsed.LOG_LEVEL ?? 'info',
    databaseUrl: parsed.DATABASE_URL,
    pgliteDataDir: parsed.PGLITE_DATA_DIR ?? './data/pglite',
    redisUrl: parsed.REDIS_URL,
    redisKeyPrefix: parsed.REDIS_KEY_PREFIX ?? 'ctwa:',
    meta: { ...meta.settings, cacheTtlSeconds: parsed.META_CACHE_TTL ?? 172_800 },
    whatsappVerifyToken: parsed.WHATSAPP_VERIFY_TOKEN,
    adminJwtSecret: parsed.ADMIN_JWT_SECRET,
    internalApiToken: parsed.INTERNAL_API_TOKEN,
  };
}

function parseVariables(env: Record<string, string | undefined>, problems: string[]) {
  const parsed: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs) as [VariableName, VariableSpec<unknown>][]) {
    parsed[name] = parseVariable(name, spec, env[name], problems);
  }
  return parsed as ParsedVariables;
}

function parseVariable(
  name: string,
  spec: VariableSpec<unknown>,
  raw: string | undefined,
  problems: string[],
): unknown {
  const value = raw?.trim();
  if (value === undefined || value === '') return null;

  const result = spec.schema.safeParse(value);
  if (result.success) return result.data;

  const given = spec.secret ? `a value of ${value.length} characters` : JSON.stringify(value);
  problems.push(`${name}: got ${given}; expected ${spec.expected}.`);
  return null;
}

function requireProductionSecrets(
  env: Record<string, string | undefined>,
  problems: string[],
): void {
  for (const name of ['ADMIN_JWT_SECRET', 'INTERNAL_API_TOKEN'] as const) {
    if (!env[name]?.trim()) {
      problems.push(`${name}: not set; it is required when NODE_ENV is production.`);
    }
  }
}
