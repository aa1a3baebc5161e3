import type { Connection, Quantity } from '@plantgraph/platform';
import type { ProductionOrderRow } from '../db/tables/production-order.ts';

export type OrderStatus = ProductionOrderRow['status'];

/** The statuses a hold can interrupt, and that lifting it returns to. */
export type HoldableStatus = NonNullable<ProductionOrderRow['status_before_hold']>;

export interface Order {
  readonly id: string;
  readonly number: string;
  readonly plantId: string;
  readonly itemId: string;
  readonly plannedQuantity: Quantity;
  readonly status: OrderStatus;
  readonly dueDate: string;
  readonly createdAt: Date;
  readonly releasedAt: Date | null;
  readonly pinnedItemRevisionId: string | null;
  readonly pinnedBomId: string | null;
  readonly pinnedRoutingId: string | null;
  /** Why the status last changed, when a reason was given. */
  readonly statusReason: string | null;
  /** While ON_HOLD: the status lifting the hold returns to. */
  readonly resumesTo: HoldableStatus | null;
  readonly revision: number;
  readonly sourceKey: string;
  readonly updatedAt: Date;
}

export type OrderConnection = Connection<Order>;

export function rowToOrder(row: ProductionOrderRow): Order {
  return {
    id: row.id,
    number: row.number,
    plantId: row.plant_id,
    itemId: row.item_id,
    plannedQuantity: { value: row.planned_quantity, uom: row.uom },
    status: row.status,
    dueDate: row.due_date,
    createdAt: row.created_at,
    releasedAt: row.released_at,
    pinnedItemRevisionId: row.pinned_item_revision_id,
    pinnedBomId: row.pinned_bom_id,
    pinnedRoutingId: row.pinned_routing_id,
    statusReason: row.status_reason,
    resumesTo: row.status_before_hold,
    revision: row.revision,
    sourceKey: row.source_key,
    updatedAt: row.updated_at,
  };
}
