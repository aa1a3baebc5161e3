/**
 * The position of a row in a newest-first listing: its timestamp at PostgreSQL's microsecond
 * precision (a JavaScript Date would round it to milliseconds and skip rows that share one) and
 * its id, which breaks ties.
 */
export interface TimeCursor {
  /** UTC, ISO-8601 with six fractional digits, as `utcMicros` renders it in SQL. */
  readonly at: string;
  readonly id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The sort key a page cursor carries for the row at `at` with `id`. */
export function timeCursorKey(cursor: TimeCursor): string {
  return `${cursor.at}|${cursor.id}`;
}

/** Reads a sort key back; null when it is not one `timeCursorKey` wrote. */
export function parseTimeCursorKey(key: string): TimeCursor | null {
  const separator = key.indexOf('|');
  if (separator < 0) return null;
  const at = key.slice(0, separator);
  const id = key.slice(separator + 1);
  if (!AT.test(at) || id === '') return null;
  // Rejects dates the pattern admits but the calendar does not (2026-02-30), which PostgreSQL would refuse.
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 23) !== at.slice(0, 23))
    return null;
  return { at, id };
}
