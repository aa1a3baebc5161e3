import type { LotQualityRow } from '../db/tables/lot-quality.ts';

export type QualityStatus = LotQualityRow['status'];

/** The quality status the QMS holds for one lot. */
export interface LotQuality {
  readonly lotId: string;
  readonly status: QualityStatus;
  readonly reason: string | null;
  readonly changedAt: Date;
  readonly revision: number;
}

export function rowToLotQuality(row: LotQualityRow): LotQuality {
  return {
    lotId: row.lot_id,
    status: row.status,
    reason: row.reason,
    changedAt: row.changed_at,
    revision: row.revision,
  };
}
