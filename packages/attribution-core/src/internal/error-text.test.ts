import { describe, expect, it } from 'vitest';
import { describeError } from './error-text.js';

describe('describeError', () => {
  it('names the error class and keeps the message', () => {
    const error = new TypeError('bad shape');
    expect(describeError(error)).toBe('TypeError: bad shape');
  });

  it('removes credentials an upstream message might leak', () => {
    const error = new Error(
      'GET /v26.0/1?access_token=EAAB123secret&fields=id failed; Authorization: Bearer abc.def/+=',
    );
    const text = describeError(error);
    expect(text).toBe(
      'Error: GET /v26.0/1?access_token=[redacted]&fields=id failed; Authorization: Bearer [redacted]',
    );
  });

  it('removes a bare EAA token', () => {
    expect(describeError(new Error(`token EAA${'x'.repeat(30)} rejected`))).toBe(
      'Error: token [redacted] rejected',
    );
  });

  it('truncates long messages to 500 characters', () => {
    const text = describeError(new Error('y'.repeat(2_000)));
    expect(text).toHaveLength(500);
    expect(text.endsWith('…')).toBe(true);
  });

  it('describes non-Error values', () => {
    expect(describeError('socket hang up')).toBe('Unknown error: socket hang up');
  });
});
