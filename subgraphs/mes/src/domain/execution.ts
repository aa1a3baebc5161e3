import type { Quantity } from '@plantgraph/platform';
import type { ExecutionRow } from '../db/tables/execution.ts';

export type ExecutionStatus = ExecutionRow['status'];

/** Shop-floor execution of one released order. */
export interface Execution {
  readonly orderId: string;
  readonly plantId: string;
  readonly status: ExecutionStatus;
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
  readonly goodQuantity: Quantity;
  readonly scrapQuantity: Quantity;
  readonly revision: number;
  readonly updatedAt: Date;
}

/** The execution record of an order, as the domain carries it. */
export function rowToExecution(row: ExecutionRow): Execution {
  return {
    orderId: row.order_id,
    plantId: row.plant_id,
    status: row.status,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    goodQuantity: { value: row.good_quantity, uom: row.uom },
    scrapQuantity: { value: row.scrap_quantity, uom: row.uom },
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}
