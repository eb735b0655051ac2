import { describe, expect, it } from 'vitest';
import { META_TOKEN } from '../test/secrets.js';
import { createSanitizer, sanitize } from './create-sanitizer.js';
import { isSanitizerConfigError, SanitizerConfigError } from './errors.js';
import { vendorPatterns } from './patterns.js';

describe('createSanitizer options', () => {
  it('masks phones and e-mails only with pii: true', () => {
    const input = { phone: '+5491155500142', note: 'mail lucia@example.com' };

    expect(createSanitizer().sanitize(input)).toEqual(input);
    expect(createSanitizer({ pii: true }).sanitize(input)).toEqual({
      phone: '+***0142',
      note: 'mail ***@example.com',
    });
  });

  it('runs an anchored extra pattern only where its anchor occurs, with its accept check', () => {
    const sanitizer = createSanitizer({
      extraPatterns: [
        {
          name: 'ticket',
          regex: /T-[0-9]{6}/,
          anchor: 'T-',
          accept: (text, offset) => text.slice(0, offset).endsWith('ref '),
        },
      ],
    });
    expect(sanitizer.sanitizeString('ref T-123456 and T-654321')).toBe(
      'ref [REDACTED] and T-654321',
    );
  });

  it('runs extraPatterns and keeps their pre group', () => {
    const sanitizer = createSanitizer({
      extraPatterns: [{ name: 'clinic_pin', regex: /(?<pre>PIN )(?<secret>\d{4,8})/ }],
    });
    expect(sanitizer.sanitizeString('door PIN 482913 opened')).toBe('door PIN [REDACTED] opened');
  });

  it('turns built-in patterns off with removePatterns', () => {
    const line = `using ${META_TOKEN} now`;
    expect(createSanitizer({ removePatterns: ['meta_access_token'] }).sanitizeString(line)).toBe(
      line,
    );
  });

  it('adds exact, suffix and RegExp keys with extraKeys', () => {
    const sanitizer = createSanitizer({ extraKeys: ['patient_notes', '*_pin', /^x-clinic-/i] });
    expect(
      sanitizer.sanitize({
        patientNotes: 'allergic',
        door_pin: 4821,
        'X-Clinic-Sig': 'abc',
        pinned: 1,
      }),
    ).toEqual({
      patientNotes: '[REDACTED]',
      door_pin: '[REDACTED]',
      'X-Clinic-Sig': '[REDACTED]',
      pinned: 1,
    });
    expect(sanitizer.sanitizeString('patient-notes=allergic door_pin=4821')).toBe(
      'patient-notes=[REDACTED] door_pin=[REDACTED]',
    );
  });

  it('turns built-in key rules off with removeKeys', () => {
    const sanitizer = createSanitizer({ removeKeys: ['cookie'] });
    expect(sanitizer.sanitize({ cookie: 'theme=dark', token: 'abc' })).toEqual({
      cookie: 'theme=dark',
      token: '[REDACTED]',
    });
  });

  it('never hides values under allowKeys for their name, but still scans them', () => {
    const sanitizer = createSanitizer({ allowKeys: ['csrf_token'] });
    expect(sanitizer.sanitize({ csrfToken: 'abc123', refreshToken: 'def456' })).toEqual({
      csrfToken: 'abc123',
      refreshToken: '[REDACTED]',
    });
    expect(sanitizer.sanitize({ csrfToken: META_TOKEN })).toEqual({ csrfToken: '[REDACTED]' });
  });

  it('uses the censor text given', () => {
    expect(createSanitizer({ censor: '***' }).sanitize({ password: 'hunter2' })).toEqual({
      password: '***',
    });
  });

  it('truncates objects deeper than maxDepth', () => {
    expect(createSanitizer({ maxDepth: 2 }).sanitize({ a: { b: { c: 1 } } })).toEqual({
      a: { b: '[Truncated]' },
    });
  });

  it('catches vendor credentials when vendorPatterns are added', () => {
    const sanitizer = createSanitizer({ extraPatterns: vendorPatterns });
    const github = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
    expect(sanitizer.sanitizeString(`cloning with ${github} and AKIAABCDEFGHIJKLMNOP`)).toBe(
      'cloning with [REDACTED] and [REDACTED]',
    );
  });
});

describe('createSanitizer configuration errors', () => {
  it.each([
    [
      { removePatterns: ['meta_token'] },
      'removePatterns names "meta_token", which is not a built-in pattern',
    ],
    [{ removeKeys: ['tokens'] }, 'removeKeys names "tokens", which is not a built-in key rule'],
    [{ extraKeys: ['--'] }, 'extraKeys contains "--", which has no letters or digits'],
    [{ extraKeys: [/token/g] }, 'extraKeys contains /token/g with the g or y flag'],
    [{ censor: 'say "no"' }, 'censor must be a non-empty string without quotes'],
    [{ maxDepth: 0 }, 'maxDepth must be a positive integer; got 0'],
    [
      { extraPatterns: [{ name: 'nested', regex: /(a+)+b/ }] },
      'extraPatterns entry "nested" repeats a group that itself repeats',
    ],
    [
      { extraPatterns: [{ name: 'backref', regex: /(a)\1/ }] },
      'extraPatterns entry "backref" uses a backreference',
    ],
    [
      { extraPatterns: [{ name: 'empty', regex: /x*/ }] },
      'extraPatterns entry "empty" matches the empty string',
    ],
    [{ extraPatterns: [{ name: 'jwt', regex: /jwt/ }] }, 'Two patterns are named "jwt"'],
    [
      { extraPatterns: [{ name: 'anchored', regex: /pin-\d{4}/, anchor: '' }] },
      'extraPatterns entry "anchored" has anchor ""; use a non-empty literal.',
    ],
  ])('rejects %j', (options, message) => {
    expect(() => createSanitizer(options)).toThrow(SanitizerConfigError);
    expect(() => createSanitizer(options)).toThrow(message);
  });

  it('lets a removed built-in be replaced under the same name', () => {
    const sanitizer = createSanitizer({
      removePatterns: ['jwt'],
      extraPatterns: [{ name: 'jwt', regex: /jwt-[a-z0-9]{8}/ }],
    });
    expect(sanitizer.sanitizeString('got jwt-abcd1234')).toBe('got [REDACTED]');
  });

  it('recognises its errors across copies by name', () => {
    const error = new SanitizerConfigError('bad');
    expect(isSanitizerConfigError(error)).toBe(true);
    expect(isSanitizerConfigError(new Error('bad'))).toBe(false);
    expect(error.code).toBe('SANITIZER_CONFIG');
  });
});

describe('sanitize', () => {
  it('compiles a given options object once and reuses it', () => {
    const options = { pii: true };
    expect(sanitize('call +5491155500142', options)).toBe('call +***0142');
    expect(sanitize('call +5491155500143', options)).toBe('call +***0143');
  });

  it('returns numbers, booleans, null and undefined as they are', () => {
    expect(sanitize(42)).toBe(42);
    expect(sanitize(true)).toBe(true);
    expect(sanitize(null)).toBe(null);
    expect(sanitize(undefined)).toBe(undefined);
  });
});
