import { sql, type RawBuilder } from 'kysely';
import type { TimeCursor } from '../../domain/time-cursor.ts';

/** `column` as UTC ISO-8601 text with all six fractional digits PostgreSQL keeps. */
export function utcMicros(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Rows after `cursor` in a (`column` desc, id desc) listing. */
export function olderThan(column: string, cursor: TimeCursor): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(column)}, ${sql.ref('id')}) < (cast(${cursor.at} as timestamptz), ${cursor.id})`;
}
