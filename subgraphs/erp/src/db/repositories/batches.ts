import type { ErpDb } from '../erp-db.ts';
import type { BatchRow } from '../tables/batch.ts';

export function findBatchesByLotIds(db: ErpDb, lotIds: readonly string[]): Promise<BatchRow[]> {
  return db.selectFrom('batch').selectAll().where('lot_id', 'in', lotIds).execute();
}
