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
