import type { Connection, Quantity } from '@plantgraph/platform';
import type { LotRow } from '../db/tables/lot.ts';

export type LotOrigin = LotRow['origin'];

/** A lot: a quantity of one item, bought or made, identified by its number. */
export interface Lot {
  readonly id: string;
  readonly number: string;
  readonly itemId: string;
  readonly plantId: string;
  readonly quantity: Quantity;
  readonly origin: LotOrigin;
  /** The erp order that produced the lot; null for purchased lots. */
  readonly orderId: string | null;
  readonly createdAt: Date;
  readonly revision: number;
  readonly updatedAt: Date;
}

export type LotConnection = Connection<Lot>;

/**
 * Turns a `lot` row into a Lot. A row whose `order_id` is known not to be null (selected by
 * order) gives a Lot whose `orderId` is typed so too.
 */
export function rowToLot<R extends LotRow>(row: R): Lot & { readonly orderId: R['order_id'] } {
  return {
    id: row.id,
    number: row.number,
    itemId: row.item_id,
    plantId: row.plant_id,
    quantity: { value: row.quantity, uom: row.uom },
    origin: row.origin,
    orderId: row.order_id,
    createdAt: row.created_at,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

/** The sort key lots are paged by. */
export function lotSortKey(lot: Lot): string {
  return lot.number;
}
