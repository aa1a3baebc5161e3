import type { Quantity } from '@plantgraph/platform';
import type { BatchRow } from '../db/tables/batch.ts';

/** ERP's batch master data for one lot. */
export interface Batch {
  readonly lotId: string;
  readonly plantId: string;
  readonly supplierId: string | null;
  readonly supplierLotNumber: string | null;
  readonly manufacturedOn: string | null;
  readonly expiresOn: string | null;
  readonly stock: Quantity;
  readonly revision: number;
}

/** A lot as erp sees it: the key, and its batch record when ERP has one. */
export interface LotBatch {
  readonly id: string;
  readonly batch: Batch | null;
}

export function rowToBatch(row: BatchRow): Batch {
  return {
    lotId: row.lot_id,
    plantId: row.plant_id,
    supplierId: row.supplier_id,
    supplierLotNumber: row.supplier_lot_number,
    manufacturedOn: row.manufactured_on,
    expiresOn: row.expires_on,
    stock: { value: row.stock_quantity, uom: row.stock_uom },
    revision: row.revision,
  };
}
