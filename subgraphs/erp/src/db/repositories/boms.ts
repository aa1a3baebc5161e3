import type { ErpDb } from '../erp-db.ts';
import type { BomLineRow } from '../tables/bom-line.ts';
import type { BomRow } from '../tables/bom.ts';

export function findBomsByIds(db: ErpDb, ids: readonly string[]): Promise<BomRow[]> {
  return db.selectFrom('bom').selectAll().where('id', 'in', ids).execute();
}

export function findBomsOfRevisions(db: ErpDb, revisionIds: readonly string[]): Promise<BomRow[]> {
  return db.selectFrom('bom').selectAll().where('item_revision_id', 'in', revisionIds).execute();
}

export function findLinesOfBoms(db: ErpDb, bomIds: readonly string[]): Promise<BomLineRow[]> {
  return db
    .selectFrom('bom_line')
    .selectAll()
    .where('bom_id', 'in', bomIds)
    .orderBy('bom_id')
    .orderBy('line_number')
    .execute();
}
