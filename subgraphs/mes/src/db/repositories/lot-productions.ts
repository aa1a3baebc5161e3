import type { MesDb } from '../mes-db.ts';
import type { LotProductionRow } from '../tables/lot-production.ts';

/** The production records of these lots (lots no order produced are absent). */
export function findLotProductionsByLotIds(
  db: MesDb,
  lotIds: readonly string[],
): Promise<LotProductionRow[]> {
  return db.selectFrom('lot_production').selectAll().where('lot_id', 'in', lotIds).execute();
}
