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

/**
 * Numbers of the nonconformances still OPEN that stand against the lot: its own, and those raised
 * against the order that made it before the order had a lot (a failed in-process inspection).
 */
export async function findOpenNonconformanceNumbers(
  db: QualityDb,
  lotId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('nonconformance')
    .select('number')
    .where('status', '=', 'OPEN')
    .where((eb) =>
      eb.or([
        eb('lot_id', '=', lotId),
        eb.and([
          eb('lot_id', 'is', null),
          eb(
            'order_id',
            '=',
            eb.selectFrom('lot_ref').select('order_id').where('lot_ref.lot_id', '=', lotId),
          ),
        ]),
      ]),
    )
    .orderBy('number')
    .execute();
  return rows.map((r) => r.number);
}

/** Numbers of the OPEN nonconformances raised against the order before it had a lot. */
export async function findOpenOrderNonconformanceNumbers(
  db: QualityDb,
  orderId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('nonconformance')
    .select('number')
    .where('order_id', '=', orderId)
    .where('lot_id', 'is', null)
    .where('status', '=', 'OPEN')
    .orderBy('number')
    .execute();
  return rows.map((r) => r.number);
}
