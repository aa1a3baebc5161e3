import type { MesDb } from '../mes-db.ts';
import type { NewCompletionRow } from '../tables/completion.ts';
import type { LotProductionRow } from '../tables/lot-production.ts';

export async function insertCompletion(db: MesDb, row: NewCompletionRow): Promise<void> {
  await db.insertInto('completion').values(row).execute();
}

/** Which order produced a lot, if any. */
export function findLotProduction(db: MesDb, lotId: string): Promise<LotProductionRow | undefined> {
  return db.selectFrom('lot_production').selectAll().where('lot_id', '=', lotId).executeTakeFirst();
}

/** How many lots an order has produced so far. */
export async function countLotsOfOrder(db: MesDb, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('lot_production')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertLotProduction(
  db: MesDb,
  row: { lot_id: string; order_id: string; produced_at: Date },
): Promise<void> {
  await db.insertInto('lot_production').values(row).execute();
}
