import type { Connection } from '@plantgraph/platform';
import type { LotBatch } from './batch.ts';

/**
 * A recall as ERP sees it (genealogy owns it): its key, and the supplier lot number genealogy
 * passed along through the gateway for the field that @requires it (absent otherwise).
 */
export interface RecallImpactRef {
  readonly id: string;
  readonly supplierLotNumber?: string | null;
}

/** The finished-goods lots a recall reached, named by their ids (genealogy's key). */
export interface RecallFinishedGoodsRef {
  readonly lotIds: readonly string[];
}

/** A page of lots as ERP sees them. */
export type LotBatchConnection = Connection<LotBatch>;

/** The recall reference ERP resolves from the gateway's representation. */
export function recallImpactRef(representation: {
  readonly id: string;
  readonly supplierLotNumber?: string | null;
}): RecallImpactRef {
  return representation.supplierLotNumber === undefined
    ? { id: representation.id }
    : { id: representation.id, supplierLotNumber: representation.supplierLotNumber };
}
