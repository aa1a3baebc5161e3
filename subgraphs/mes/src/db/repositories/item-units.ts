import type { MesDb } from '../mes-db.ts';
import type { ItemUnitRow } from '../tables/item-unit.ts';

export function findItemUnit(db: MesDb, itemId: string): Promise<ItemUnitRow | undefined> {
  return db.selectFrom('item_unit').selectAll().where('item_id', '=', itemId).executeTakeFirst();
}
