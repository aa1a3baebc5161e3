import { sql } from 'kysely';
import { QUALITY_SCHEMA } from '../database.ts';
import type { QualityDb } from '../quality-db.ts';
import type { NewNonconformanceRow, NonconformanceRow } from '../tables/nonconformance.ts';

/** The next number for a nonconformance quality raises. */
export async function nextNonconformanceNumber(db: QualityDb): Promise<string> {
  // Raw SQL is not scoped by withSchema: the sequence is named with its schema.
  const { rows } = await sql<{
    n: string;
  }>`select nextval(${sql.lit(`${QUALITY_SCHEMA}.nonconformance_number_seq`)}::regclass)::text as n`.execute(
    db,
  );
  return `NC-${rows[0]?.n ?? ''}`;
}

export function insertNonconformance(
  db: QualityDb,
  row: NewNonconformanceRow,
): Promise<NonconformanceRow> {
  return db.insertInto('nonconformance').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The nonconformance with this number, locked until the transaction ends. */
export function lockNonconformanceByNumber(
  db: QualityDb,
  number: string,
): Promise<NonconformanceRow | undefined> {
  return db
    .selectFrom('nonconformance')
    .selectAll()
    .where('number', '=', number)
    .forUpdate()
    .executeTakeFirst();
}

/** Records a nonconformance's disposition; its revision goes up by one. */
export function dispositionNonconformanceRow(
  db: QualityDb,
  nonconformance: Pick<NonconformanceRow, 'id' | 'revision'>,
  disposition: NonNullable<NonconformanceRow['disposition']>,
): Promise<NonconformanceRow> {
  return db
    .updateTable('nonconformance')
    .set({
      status: 'DISPOSITIONED',
      disposition,
      revision: nonconformance.revision + 1,
      updated_at: new Date(),
    })
    .where('id', '=', nonconformance.id)
    .where('revision', '=', nonconformance.revision)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Numbers of the lot's nonconformances still OPEN. */
export async function findOpenNonconformanceNumbers(
  db: QualityDb,
  lotId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('nonconformance')
    .select('number')
    .where('lot_id', '=', lotId)
    .where('status', '=', 'OPEN')
    .orderBy('number')
    .execute();
  return rows.map((r) => r.number);
}
