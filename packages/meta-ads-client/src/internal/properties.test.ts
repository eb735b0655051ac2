import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetaApiError, MetaTransientError } from '../errors.js';
import { parseUsageHeaders } from '../usage-headers.js';
import { classifyGraphFailure } from './classify.js';
import { createRedactor } from './redact.js';
import { retryDelay } from './retry.js';

const CONTEXT = {
  subject: 'ad 1',
  apiVersion: 'v26.0',
  redact: (text: string) => text,
  throttleFallbackMs: 60_000,
};

const jsonish = fc.oneof(
  fc.jsonValue(),
  fc.record({
    error: fc.record({ code: fc.oneof(fc.integer(), fc.string()), error_subcode: fc.anything() }),
  }),
  fc.constant(undefined),
);

describe('classifyGraphFailure on any input', () => {
  it('always returns a MetaApiError whose status is the HTTP status', () => {
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 599 }), jsonish, (status, body) => {
        const error = classifyGraphFailure({ status, body, usage: null }, CONTEXT);
        expect(error).toBeInstanceOf(MetaApiError);
        expect(error.status).toBe(status);
        expect(error.message.length).toBeGreaterThan(0);
      }),
    );
  });

  it('classifies every 5xx without a known Graph code as transient', () => {
    fc.assert(
      fc.property(fc.integer({ min: 500, max: 599 }), fc.string(), (status, html) => {
        expect(classifyGraphFailure({ status, body: html, usage: null }, CONTEXT)).toBeInstanceOf(
          MetaTransientError,
        );
      }),
    );
  });
});

describe('parseUsageHeaders on any input', () => {
  it('never throws and never reports a maxPercent below a counter it parsed', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.json(), (app, adAccount, business) => {
        const usage = parseUsageHeaders({
          'x-app-usage': app,
          'x-ad-account-usage': adAccount,
          'x-business-use-case-usage': business,
        });
        for (const entry of usage?.businessUseCase ?? []) {
          if (entry.callCount !== null)
            expect(usage?.maxPercent).toBeGreaterThanOrEqual(entry.callCount);
        }
      }),
    );
  });
});

describe('createRedactor', () => {
  it('leaves no occurrence of a secret in any text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4 }), fc.array(fc.string()), (secret, parts) => {
        const redact = createRedactor([secret]);
        expect(redact(parts.join(secret) + secret)).not.toContain(secret);
      }),
    );
  });

  it('drops the query of every URL while keeping its path', () => {
    const redact = createRedactor([]);
    expect(redact('see https://graph.facebook.com/v26.0/me?access_token=EAAx&x=1 now')).toBe(
      'see https://graph.facebook.com/v26.0/me?[query removed] now',
    );
  });
});

describe('retryDelay', () => {
  it('stays within [0, min(cap, base * 2^retries)) for any random draw', () => {
    const policy = { maxRetries: 5, baseDelayMs: 250, maxDelayMs: 5_000 };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retries, draw) => {
          const delay = retryDelay(new MetaTransientError('x'), retries, policy, () => draw);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(
            Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retries),
          );
        },
      ),
    );
  });
});
