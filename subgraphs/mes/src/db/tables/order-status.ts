import type { Insertable, Selectable } from 'kysely';

/** ERP's status of an order as the MES last heard it (read model of `order.status.changed`). */
export interface OrderStatusTable {
  order_id: string;
  status: 'CREATED' | 'RELEASED' | 'IN_PROGRESS' | 'COMPLETED' | 'CLOSED' | 'CANCELLED' | 'ON_HOLD';
  reason: string | null;
  /** ERP's revision of the order after the change. */
  version: number;
  changed_at: Date;
}

export type OrderStatusRow = Selectable<OrderStatusTable>;
export type NewOrderStatusRow = Insertable<OrderStatusTable>;
