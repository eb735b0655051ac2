import { describe, expect, it } from 'vitest';
import { createUsageReader } from './usage-parsing.js';

const BUSINESS = '{"873920156473829":[{"type":"ads_management","call_count":3}]}';

describe('createUsageReader', () => {
  it('reuses the frozen result while the header values repeat', () => {
    const read = createUsageReader();

    const first = read({ 'x-business-use-case-usage': BUSINESS });
    const second = read({ 'x-business-use-case-usage': BUSINESS });
    const changed = read({
      'x-business-use-case-usage': BUSINESS.replace('"call_count":3', '"call_count":4'),
    });

    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.businessUseCase[0])).toBe(true);
    expect(changed).not.toBe(first);
    expect(changed?.maxPercent).toBe(4);
  });

  it('returns null for a response without usage headers, even after one with them', () => {
    const read = createUsageReader();

    read({ 'x-app-usage': '{"call_count":1}' });

    expect(read({})).toBeNull();
  });
});
