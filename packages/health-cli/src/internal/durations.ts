const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** "5 days", "1 day", "7 hours", "12 minutes": the largest whole unit, rounded down. */
export function describeDuration(ms: number): string {
  if (ms >= MS_PER_DAY) return plural(Math.floor(ms / MS_PER_DAY), 'day');
  if (ms >= MS_PER_HOUR) return plural(Math.floor(ms / MS_PER_HOUR), 'hour');
  return plural(Math.max(1, Math.ceil(ms / MS_PER_MINUTE)), 'minute');
}

/** The UTC calendar date of an instant, YYYY-MM-DD. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
