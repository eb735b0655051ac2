import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarRange } from './calendar-range.js';

describe('calendarRange', () => {
  it('covers whole local days in a zone without DST', () => {
    expect(
      calendarRange({ from: '2026-11-01', to: '2026-11-30', timeZone: 'America/Sao_Paulo' }),
    ).toEqual({
      from: new Date('2026-11-01T03:00:00.000Z'),
      to: new Date('2026-12-01T03:00:00.000Z'),
    });
  });

  it('follows a DST change inside the range (New York, November 2026)', () => {
    expect(
      calendarRange({ from: '2026-10-31', to: '2026-11-01', timeZone: 'America/New_York' }),
    ).toEqual({
      from: new Date('2026-10-31T04:00:00.000Z'),
      to: new Date('2026-11-02T05:00:00.000Z'),
    });
  });

  it('starts a spring-forward day at its real midnight (New York, March 2026)', () => {
    const { from, to } = calendarRange({
      from: '2026-03-08',
      to: '2026-03-08',
      timeZone: 'America/New_York',
    });
    expect(from).toEqual(new Date('2026-03-08T05:00:00.000Z'));
    expect(to).toEqual(new Date('2026-03-09T04:00:00.000Z'));
    expect((to?.getTime() ?? 0) - (from?.getTime() ?? 0)).toBe(23 * 3_600_000);
  });

  it('handles zones east of UTC and UTC itself', () => {
    expect(calendarRange({ from: '2026-12-04', timeZone: 'Asia/Kolkata' }).from).toEqual(
      new Date('2026-12-03T18:30:00.000Z'),
    );
    expect(calendarRange({ to: '2026-12-04', timeZone: 'UTC' })).toEqual({
      from: null,
      to: new Date('2026-12-05T00:00:00.000Z'),
    });
  });

  it('names the bad field', () => {
    expect(() => calendarRange({ from: '2026-02-30', timeZone: 'UTC' })).toThrow(
      'from must be a calendar date written YYYY-MM-DD, got "2026-02-30".',
    );
    expect(() => calendarRange({ to: '04/12/2026', timeZone: 'UTC' })).toThrow(/^to must be/);
    expect(() => calendarRange({ from: '2026-12-01', timeZone: 'Mars/Olympus' })).toThrow(
      'timeZone must be an IANA time zone such as America/Sao_Paulo, got "Mars/Olympus".',
    );
    expect(() => calendarRange({ from: '2026-12-02', to: '2026-12-01', timeZone: 'UTC' })).toThrow(
      'from must not be later than to.',
    );
  });

  it('starts a day whose midnight does not exist at the first real instant (Chile, September 2026)', () => {
    expect(
      calendarRange({ from: '2026-09-05', to: '2026-09-06', timeZone: 'America/Santiago' }),
    ).toEqual({
      from: new Date('2026-09-05T04:00:00.000Z'),
      to: new Date('2026-09-07T03:00:00.000Z'),
    });
    expect(calendarRange({ to: '2026-09-05', timeZone: 'America/Santiago' }).to).toEqual(
      new Date('2026-09-06T04:00:00.000Z'),
    );
  });

  it('gives every single day 23 to 25 hours that start on that local date, in any zone', () => {
    const zones = [
      'America/Sao_Paulo',
      'America/Argentina/Buenos_Aires',
      'America/Mexico_City',
      'America/New_York',
      'America/Santiago',
      'Europe/London',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Asia/Kathmandu',
    ];
    const day = fc
      .date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.constantFrom(...zones), (date, timeZone) => {
        const { from, to } = calendarRange({ from: date, to: date, timeZone });
        const hours = ((to?.getTime() ?? 0) - (from?.getTime() ?? 0)) / 3_600_000;
        const localDate = new Intl.DateTimeFormat('en-CA', { timeZone }).format(from ?? undefined);
        return hours >= 23 && hours <= 25 && localDate === date;
      }),
      { numRuns: 300 },
    );
  });

  it('ends the last day at the next midnight that exists when the zone skipped the day after', () => {
    expect(
      calendarRange({ from: '2011-12-29', to: '2011-12-29', timeZone: 'Pacific/Apia' }),
    ).toEqual({
      from: new Date('2011-12-29T10:00:00.000Z'),
      to: new Date('2011-12-30T10:00:00.000Z'),
    });
  });

  it('turns a day the zone skipped into an empty range at the next midnight that exists', () => {
    const range = calendarRange({
      from: '1994-12-31',
      to: '1994-12-31',
      timeZone: 'Pacific/Kiritimati',
    });
    expect(range).toEqual({
      from: new Date('1994-12-31T10:00:00.000Z'),
      to: new Date('1994-12-31T10:00:00.000Z'),
    });
  });
});
