import { AttributionInputError } from './errors.js';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Turns calendar dates in a clinic's IANA time zone into the half-open instant range
 * `[from, to)` that `getMarketingStats` expects: `from` is local midnight of the first day and
 * `to` local midnight after the last day, so the last day counts whole. Days are never assumed to
 * last 86400 s: DST days are 23 or 25 hours long.
 *
 * @example
 * const range = calendarRange({ from: '2026-11-01', to: '2026-11-30', timeZone: 'America/Sao_Paulo' });
 * await getMarketingStats(store, { tenantId, ...range });
 */
export function calendarRange(input: {
  from?: string | null | undefined;
  to?: string | null | undefined;
  timeZone: string;
}): { from: Date | null; to: Date | null } {
  const timeZone = requireTimeZone(input.timeZone);
  const from = input.from == null ? null : parseDay('from', input.from);
  const to = input.to == null ? null : parseDay('to', input.to);
  if (from !== null && to !== null && from.utc > to.utc) {
    throw new AttributionInputError('from', 'from must not be later than to.');
  }

  return {
    from: from === null ? null : localMidnight(from.utc, timeZone),
    to: to === null ? null : localMidnight(to.utc + DAY_MS, timeZone),
  };
}

function parseDay(field: string, value: string): { utc: number } {
  const match = DATE_PATTERN.exec(value);
  const utc = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  const roundTrips = !Number.isNaN(utc) && new Date(utc).toISOString().slice(0, 10) === value;
  if (!roundTrips) {
    throw new AttributionInputError(
      field,
      `${field} must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value.slice(0, 32))}.`,
    );
  }
  return { utc };
}

function requireTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new AttributionInputError(
      'timeZone',
      `timeZone must be an IANA time zone such as America/Sao_Paulo, got ${JSON.stringify(timeZone)}.`,
    );
  }
}

/** A zone skips at most one whole day (Samoa and Kiribati crossing the date line). */
const MAX_DAYS_TRIED = 3;
const DAY_MS = 86_400_000;

/**
 * The first instant of the local day whose UTC midnight is `dayUtc`, or, when the zone skipped
 * that day entirely, the first instant of the next day that exists.
 */
function localMidnight(dayUtc: number, timeZone: string): Date {
  for (let tried = 0; tried < MAX_DAYS_TRIED; tried++) {
    const start = startOfDay(dayUtc + tried * DAY_MS, timeZone);
    if (start !== null) return new Date(start);
  }
  throw new AttributionInputError('timeZone', `${timeZone} has no day near the given dates.`);
}

/**
 * Each offset the zone uses around the day yields a candidate; the earliest one whose wall clock
 * shows that day wins, or `null` when none does (a skipped day). That also covers zones that
 * skip midnight (Chile springs forward at 24:00), where the day starts at 01:00.
 */
function startOfDay(dayUtc: number, timeZone: string): number | null {
  const offsets = new Set(
    [-HALF_DAY, 0, HALF_DAY].map((shift) => offsetAt(dayUtc + shift, timeZone)),
  );
  const onThatDay = [...offsets]
    .map((offset) => dayUtc - offset)
    .filter((candidate) => localDay(candidate, timeZone) === dayUtc);
  return onThatDay.length === 0 ? null : Math.min(...onThatDay);
}

const HALF_DAY = 14 * 3_600_000;

/** UTC midnight of the local calendar day `instant` falls on in `timeZone`. */
function localDay(instant: number, timeZone: string): number {
  const wallClock = instant + offsetAt(instant, timeZone);
  return wallClock - (((wallClock % DAY_MS) + DAY_MS) % DAY_MS);
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wallClock = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return wallClock - Math.floor(instant / 1000) * 1000;
}
