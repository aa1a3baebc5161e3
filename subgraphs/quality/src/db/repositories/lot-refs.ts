import { sql } from 'kysely';
import type { QualityDb } from '../quality-db.ts';
import type { LotRefRow, NewLotRefRow } from '../tables/lot-ref.ts';

export function findLotRefByNumber(
  db: QualityDb,
  lotNumber: string,
): Promise<LotRefRow | undefined> {
  return db
    .selectFrom('lot_ref')
    .selectAll()
    .where('lot_number', '=', lotNumber)
    .executeTakeFirst();
}

export function findLotRefById(db: QualityDb, lotId: string): Promise<LotRefRow | undefined> {
  return db.selectFrom('lot_ref').selectAll().where('lot_id', '=', lotId).executeTakeFirst();
}

/** Records a lot's number and item, once. */
export async function saveLotRef(db: QualityDb, row: NewLotRefRow): Promise<void> {
  await db
    .insertInto('lot_ref')
    .values(row)
    .onConflict((oc) => oc.column('lot_id').doNothing())
    .execute();
}

/** Notes that the lot received output at `at` (the latest time is kept). */
export async function markLotProduced(db: QualityDb, lotId: string, at: Date): Promise<void> {
  await db
    .updateTable('lot_ref')
    .set({ last_produced_at: sql<Date>`greatest(last_produced_at, ${at})` })
    .where('lot_id', '=', lotId)
    .execute();
}

/** The lot the order is producing: the one of its lots that received output last. */
export function findCurrentLotOfOrder(
  db: QualityDb,
  orderId: string,
): Promise<LotRefRow | undefined> {
  return db
    .selectFrom('lot_ref')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy(sql`last_produced_at desc nulls last`)
    .orderBy('lot_number', 'desc')
    .limit(1)
    .executeTakeFirst();
}
