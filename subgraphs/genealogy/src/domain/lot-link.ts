import type { Quantity } from '@plantgraph/platform';
import type { LotLinkRow } from '../db/tables/lot-link.ts';

/** A quantity of the parent (input) lot consumed into the child lot produced from it. */
export interface LotLink {
  readonly id: string;
  readonly parentLotId: string;
  readonly childLotId: string;
  readonly quantity: Quantity;
  /** The erp order that consumed the parent; null when none is recorded. */
  readonly orderId: string | null;
  readonly linkedAt: Date;
}

/** A link seen from one of its lots: the lot on the other side and what moved. */
export interface LinkedLot {
  readonly lotId: string;
  readonly quantity: Quantity;
  readonly orderId: string | null;
  readonly linkedAt: Date;
}

/**
 * Turns a `lot_link` row into a LotLink. A row whose `order_id` is known not to be null
 * (selected by order) gives a LotLink whose `orderId` is typed so too.
 */
export function rowToLotLink<R extends LotLinkRow>(
  row: R,
): LotLink & { readonly orderId: R['order_id'] } {
  return {
    id: row.id,
    parentLotId: row.parent_lot_id,
    childLotId: row.child_lot_id,
    quantity: { value: row.quantity, uom: row.uom },
    orderId: row.order_id,
    linkedAt: row.linked_at,
  };
}

/** The link seen from its child: the parent lot that went in. */
export function parentSide(link: LotLink): LinkedLot {
  return {
    lotId: link.parentLotId,
    quantity: link.quantity,
    orderId: link.orderId,
    linkedAt: link.linkedAt,
  };
}

/** The link seen from its parent: the child lot it went into. */
export function childSide(link: LotLink): LinkedLot {
  return {
    lotId: link.childLotId,
    quantity: link.quantity,
    orderId: link.orderId,
    linkedAt: link.linkedAt,
  };
}
