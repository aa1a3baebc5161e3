import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface ProductionOrderTable {
  id: string;
  number: string;
  plant_id: string;
  item_id: string;
  planned_quantity: string;
  uom: string;
  status: 'CREATED' | 'RELEASED' | 'IN_PROGRESS' | 'COMPLETED' | 'CLOSED' | 'CANCELLED' | 'ON_HOLD';
  due_date: string;
  created_at: Date;
  released_at: Date | null;
  pinned_item_revision_id: string | null;
  pinned_bom_id: string | null;
  pinned_routing_id: string | null;
  /** Where a hold returns the order to; null unless it is ON_HOLD. */
  status_before_hold: ColumnType<
    'RELEASED' | 'IN_PROGRESS' | 'COMPLETED' | null,
    'RELEASED' | 'IN_PROGRESS' | 'COMPLETED' | null | undefined
  >;
  /** Why the status last changed, when a person or a quality event gave a reason. */
  status_reason: ColumnType<string | null, string | null | undefined>;
  revision: Generated<number>;
  source_key: string;
  updated_at: Generated<Date>;
}

export type ProductionOrderRow = Selectable<ProductionOrderTable>;
export type NewProductionOrderRow = Insertable<ProductionOrderTable>;
export type ProductionOrderUpdate = Updateable<ProductionOrderTable>;
