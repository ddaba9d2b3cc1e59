// Every timestamp of the demo data derives from this fixed instant, never from the wall clock:
// the seed must produce the same rows on every run.

/** 2025-06-01T00:00:00Z, "now" for the demo world. */
export const SEED_NOW_MS = Date.UTC(2025, 5, 1, 0, 0, 0);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const at = (ms: number): Date => new Date(ms);

/** `days` (fractional allowed) before the demo "now", rounded to the second. */
export const daysAgo = (days: number): Date => new Date(Math.round((SEED_NOW_MS - days * DAY) / 1000) * 1000);

export const daysAfter = (base: Date, days: number): Date => new Date(base.getTime() + Math.round(days * DAY));

export const minutesAfter = (base: Date, minutes: number): Date => new Date(base.getTime() + Math.round(minutes * MINUTE));

/** `YYYY-MM-DD` of a date (UTC), for `date` columns. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

export { DAY, HOUR, MINUTE };
