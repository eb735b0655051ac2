import { describe, expect, it } from 'vitest';
import { shouldUseColor, shouldUseUnicode } from './terminal.js';

const tty = { write: () => true, isTTY: true };
const pipe = { write: () => true, isTTY: false };

describe('shouldUseColor', () => {
  it('colours a terminal', () => {
    expect(shouldUseColor(tty, {}, false)).toBe(true);
  });

  it('never colours a pipe', () => {
    expect(shouldUseColor(pipe, {}, false)).toBe(false);
  });

  it('honours a non-empty NO_COLOR over everything, FORCE_COLOR included', () => {
    expect(shouldUseColor(tty, { NO_COLOR: '1', FORCE_COLOR: '1' }, false)).toBe(false);
  });

  it('ignores an empty NO_COLOR, as no-color.org specifies', () => {
    expect(shouldUseColor(tty, { NO_COLOR: '' }, false)).toBe(true);
  });

  it('honours --no-color and TERM=dumb', () => {
    expect(shouldUseColor(tty, {}, true)).toBe(false);
    expect(shouldUseColor(tty, { TERM: 'dumb' }, false)).toBe(false);
  });

  it('colours a pipe when FORCE_COLOR asks, but not when it is 0', () => {
    expect(shouldUseColor(pipe, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(shouldUseColor(pipe, { FORCE_COLOR: '0' }, false)).toBe(false);
  });
});

describe('shouldUseUnicode', () => {
  it('uses marks on a UTF-8 terminal', () => {
    expect(shouldUseUnicode(tty, { LANG: 'en_US.UTF-8' })).toBe(true);
  });

  it('falls back to ASCII without a UTF-8 locale, on a pipe, or on a dumb terminal', () => {
    expect(shouldUseUnicode(tty, { LANG: 'C' })).toBe(false);
    expect(shouldUseUnicode(pipe, { LANG: 'en_US.UTF-8' })).toBe(false);
    expect(shouldUseUnicode(tty, { LANG: 'en_US.UTF-8', TERM: 'dumb' })).toBe(false);
  });

  it('lets LC_ALL win over LANG', () => {
    expect(shouldUseUnicode(tty, { LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe(false);
  });
});
