/** Fixed instants of the demo dataset: nothing in the seed depends on the wall clock. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** First day of the order history. */
export const HISTORY_START = Date.UTC(2026, 0, 5, 6);
/** The seed's "now": the last moment of the order history. */
export const SEED_NOW = Date.UTC(2026, 10, 20, 17);
/** When the first engineering revisions were released, before any order. */
export const MASTER_DATA_FROM = Date.UTC(2025, 8, 1);

/** `t` plus `n` hours (fractions allowed). */
export function addHours(t: number, n: number): number {
  return t + Math.round(n * HOUR);
}

/** `t` plus `n` days (fractions allowed). */
export function addDays(t: number, n: number): number {
  return t + Math.round(n * DAY);
}

/** The calendar date of `t` in UTC, YYYY-MM-DD. */
export function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** `YYMM` of `t`, as lot numbers carry it. */
export function yearMonth(t: number): string {
  return new Date(t).toISOString().slice(2, 7).replace('-', '');
}

/** Parses an ISO-8601 instant written in the catalog. */
export function instant(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`not an instant: ${iso}`);
  return t;
}
