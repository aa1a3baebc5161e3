import type { Quantity } from '@plantgraph/platform';
import type { BomLineRow } from '../db/tables/bom-line.ts';
import type { BomRow } from '../db/tables/bom.ts';
import type { ReleaseStatus } from './item-revision.ts';

export interface Bom {
  readonly id: string;
  readonly itemRevisionId: string;
  readonly revision: string;
  readonly status: ReleaseStatus;
  readonly baseQuantity: Quantity;
}

export interface BomLine {
  readonly bomId: string;
  readonly lineNumber: number;
  readonly componentItemId: string;
  readonly quantity: Quantity;
}

export function rowToBom(row: BomRow): Bom {
  return {
    id: row.id,
    itemRevisionId: row.item_revision_id,
    revision: row.revision,
    status: row.status,
    baseQuantity: { value: row.base_quantity, uom: row.base_uom },
  };
}

export function rowToBomLine(row: BomLineRow): BomLine {
  return {
    bomId: row.bom_id,
    lineNumber: row.line_number,
    componentItemId: row.component_item_id,
    quantity: { value: row.quantity, uom: row.uom },
  };
}
