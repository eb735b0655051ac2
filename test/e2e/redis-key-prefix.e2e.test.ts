import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../examples/express-server/src/config.js';
import { openRuntime, type Runtime } from '../../examples/express-server/src/runtime.js';
import { redisUrl } from './support/test-server.js';

const adId = '120214583920175512';

describe('reference server runtime with REDIS_KEY_PREFIX', () => {
  const prefix = `e2e:key_prefix:${randomBytes(4).toString('hex')}:`;
  let runtime: Runtime;
  let redis: Redis;

  beforeAll(async () => {
    const config = loadConfig({
      PGLITE_DATA_DIR: 'memory://',
      LOG_LEVEL: 'silent',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
    });
    runtime = await openRuntime(config, pino({ level: 'silent' }));
    redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  });

  afterAll(async () => {
    await redis?.del(`${prefix}meta:ad:${adId}`);
    await redis?.quit();
    await runtime?.close();
  });

  it('keeps ad cache entries under the prefix, followed by meta:ad:{adId}', async () => {
    await runtime.adCache.cache.set(adId, { adId, notFound: true }, 60);

    expect(runtime.adCache.kind).toBe('redis');
    expect(JSON.parse((await redis.get(`${prefix}meta:ad:${adId}`)) ?? 'null')).toEqual({
      adId,
      notFound: true,
    });
    expect(await runtime.adCache.cache.get(adId)).toEqual({ adId, notFound: true });
  });
});
