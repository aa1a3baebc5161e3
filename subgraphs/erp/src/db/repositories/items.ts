import type { ErpDb } from '../erp-db.ts';
import type { ItemRevisionRow } from '../tables/item-revision.ts';
import type { ItemRow } from '../tables/item.ts';
import type { UnitConversionRow } from '../tables/unit-conversion.ts';

export function findItemsByIds(db: ErpDb, ids: readonly string[]): Promise<ItemRow[]> {
  return db.selectFrom('item').selectAll().where('id', 'in', ids).execute();
}

export function findItemsByNumbers(db: ErpDb, numbers: readonly string[]): Promise<ItemRow[]> {
  return db.selectFrom('item').selectAll().where('number', 'in', numbers).execute();
}

/** Items ordered by number, after `afterNumber`, at most `limit` rows. */
export function listItems(
  db: ErpDb,
  filter: { type: ItemRow['type'] | null },
  afterNumber: string | null,
  limit: number,
): Promise<ItemRow[]> {
  let query = db.selectFrom('item').selectAll().orderBy('number').limit(limit);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (afterNumber !== null) query = query.where('number', '>', afterNumber);
  return query.execute();
}

/** Every revision of the given items, oldest first. */
export function findRevisionsOfItems(
  db: ErpDb,
  itemIds: readonly string[],
): Promise<ItemRevisionRow[]> {
  return db
    .selectFrom('item_revision')
    .selectAll()
    .where('item_id', 'in', itemIds)
    .orderBy('item_id')
    .orderBy('effective_from')
    .execute();
}

export function findRevisionsByIds(db: ErpDb, ids: readonly string[]): Promise<ItemRevisionRow[]> {
  return db.selectFrom('item_revision').selectAll().where('id', 'in', ids).execute();
}

export function findConversionsOfItems(
  db: ErpDb,
  itemIds: readonly string[],
): Promise<UnitConversionRow[]> {
  return db
    .selectFrom('unit_conversion')
    .selectAll()
    .where('item_id', 'in', itemIds)
    .orderBy('item_id')
    .orderBy('from_uom')
    .execute();
}
