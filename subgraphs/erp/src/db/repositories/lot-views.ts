import type { ErpDb } from '../erp-db.ts';
import type { LotViewRow, LotViewUpdate, NewLotViewRow } from '../tables/lot-view.ts';

/** What erp knows of a lot (item, quality status), locked until the transaction ends. */
export function lockLotView(db: ErpDb, lotId: string): Promise<LotViewRow | undefined> {
  return db
    .selectFrom('lot_view')
    .selectAll()
    .where('lot_id', '=', lotId)
    .forUpdate()
    .executeTakeFirst();
}

/** Records a lot erp has not heard of, and answers it locked. */
export async function createLotView(db: ErpDb, row: NewLotViewRow): Promise<LotViewRow> {
  await db
    .insertInto('lot_view')
    .values(row)
    .onConflict((oc) => oc.column('lot_id').doNothing())
    .execute();
  const view = await lockLotView(db, row.lot_id);
  if (view === undefined) throw new Error(`lot view ${row.lot_id} vanished`);
  return view;
}

export async function updateLotView(
  db: ErpDb,
  lotId: string,
  change: Omit<LotViewUpdate, 'lot_id'>,
): Promise<void> {
  await db.updateTable('lot_view').set(change).where('lot_id', '=', lotId).execute();
}
