import type { MesDb } from '../mes-db.ts';
import type { ConsumptionRow, NewConsumptionRow } from '../tables/consumption.ts';

export async function insertConsumption(db: MesDb, row: NewConsumptionRow): Promise<void> {
  await db.insertInto('consumption').values(row).execute();
}

/** Links the order's consumptions no completion has taken yet to `completionId`; answers them. */
export function linkOpenConsumptions(
  db: MesDb,
  orderId: string,
  completionId: string,
): Promise<ConsumptionRow[]> {
  return db
    .updateTable('consumption')
    .set({ completion_id: completionId })
    .where('order_id', '=', orderId)
    .where('completion_id', 'is', null)
    .returningAll()
    .execute();
}
