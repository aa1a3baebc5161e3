import type { QualityDb } from '../quality-db.ts';
import type { LotQualityRow } from '../tables/lot-quality.ts';

export function findLotQualityByLotIds(
  db: QualityDb,
  lotIds: readonly string[],
): Promise<LotQualityRow[]> {
  return db.selectFrom('lot_quality').selectAll().where('lot_id', 'in', lotIds).execute();
}
