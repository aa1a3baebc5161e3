import type { Insertable, Selectable } from 'kysely';

/** An order whose release quality applied (read model, from `order.released`). */
export interface ReleasedOrderTable {
  order_id: string;
  /** Null for orders released before quality kept this record. */
  plant_id: string | null;
  item_revision_id: string;
  released_at: Date;
}

export type ReleasedOrderRow = Selectable<ReleasedOrderTable>;
export type NewReleasedOrderRow = Insertable<ReleasedOrderTable>;
