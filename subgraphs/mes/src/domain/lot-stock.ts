import type { Quantity } from '@plantgraph/platform';
import type { LotStockRow } from '../db/tables/lot-stock.ts';

export type LotQualityStatus = NonNullable<LotStockRow['quality_status']>;

/** A lot as the MES may consume it. */
export interface LotStock {
  readonly lotId: string;
  readonly lotNumber: string | null;
  readonly itemId: string | null;
  readonly available: Quantity | null;
  readonly qualityStatus: LotQualityStatus | null;
  readonly revision: number;
}

export function rowToLotStock(row: LotStockRow): LotStock {
  return {
    lotId: row.lot_id,
    lotNumber: row.lot_number,
    itemId: row.item_id,
    available: row.uom === null ? null : { value: row.available_quantity, uom: row.uom },
    qualityStatus: row.quality_status,
    revision: row.revision,
  };
}

/** Quality statuses that forbid consuming a lot. */
export const BLOCKING_STATUSES: readonly LotQualityStatus[] = ['ON_HOLD', 'QUARANTINE', 'REJECTED'];
